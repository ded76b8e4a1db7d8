package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.invalid;
import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.IssuedToken;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The public endpoints: discovery, JWKS, token, status, status events, status lists, batches. */
final class PublicRoutes {
  private static final Set<String> TOKEN_MEMBERS = Set.of("reseller_id", "assertion");

  private final Supplier<Relay> relay;
  private final Supplier<String> baseUrl;

  PublicRoutes(Supplier<Relay> relay, Supplier<String> baseUrl) {
    this.relay = relay;
    this.baseUrl = baseUrl;
  }

  void register(RoutesConfig routes) {
    routes.get("/.well-known/tqc-configuration", this::configuration);
    routes.get("/.well-known/jwks.json", this::jwks);
    routes.post("/v1/token", this::token);
    routes.get("/v1/resellers/{id}/status", this::status);
    routes.get("/v1/resellers/{id}/status/events", this::statusEvents);
    routes.get("/v1/status-lists/{n}", this::statusList);
    routes.post("/v1/batches", this::batch);
    routes.get("/v1/health", this::health);
  }

  /**
   * For load balancers: 200 while this node can vouch for statuses, else 503 {@code relay_unavailable}
   * (a fleet node whose status feed is stale).
   */
  private void health(Context ctx) throws RelayException {
    if (!relay.get().isHealthy()) {
      throw new RelayException(io.tqc.api.ReasonCode.RELAY_UNAVAILABLE,
          "this relay node's status view is not current");
    }
    HttpSupport.json(ctx, 200, java.util.Collections.singletonMap("healthy", true));
  }

  private void configuration(Context ctx) {
    String base = baseUrl.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("issuer", relay.get().issuer());
    body.put("jwks_uri", base + "/.well-known/jwks.json");
    body.put("token_endpoint", base + "/v1/token");
    body.put("batch_endpoint", base + "/v1/batches");
    body.put("status_endpoint", base + "/v1/resellers/{id}/status");
    body.put("status_events_endpoint", base + "/v1/resellers/{id}/status/events");
    body.put("status_list_endpoint", base + "/v1/status-lists/{n}");
    json(ctx, 200, body);
  }

  private void jwks(Context ctx) {
    ctx.status(200).contentType("application/jwk-set+json; charset=utf-8").header("Cache-Control", "max-age=60")
        .result(relay.get().publicKeys().toJson().getBytes(StandardCharsets.UTF_8));
  }

  private void token(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, TOKEN_MEMBERS, false);
    String resellerId;
    String assertion;
    try {
      resellerId = request.string("reseller_id");
      assertion = request.string("assertion");
    } catch (JsonException e) {
      throw invalid("token request: " + e.getMessage());
    }
    IssuedToken issued = relay.get().issueToken(resellerId, assertion);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", issued.token().compact());
    body.put("token_type", "TQC");
    body.put("expires_in", issued.expiresIn().getSeconds());
    json(ctx, 200, body);
  }

  private static ResellerId resellerId(Context ctx) throws RelayException {
    try {
      return ResellerId.parse(ctx.pathParam("id"));
    } catch (TqcException e) {
      throw new RelayException(e.reason(), e.detail());
    }
  }

  private void status(Context ctx) throws RelayException {
    String compact = relay.get().status(resellerId(ctx)).compact();
    json(ctx, 200, Map.of("status", compact));
  }

  private void statusEvents(Context ctx) throws Exception {
    ResellerId id = resellerId(ctx);
    Relay current = relay.get();
    current.status(id); // refuses an unknown reseller before the stream starts
    String accept = ctx.header("Accept");
    if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
      throw invalid("status events need Accept: text/event-stream");
    }
    new SseHandler(client -> stream(current, id, client)).handle(ctx);
  }

  private static void stream(Relay relay, ResellerId id, SseClient client) {
    client.keepAlive();
    try {
      Subscription subscription = relay.subscribe(id, status -> {
        if (client.terminated()) {
          throw new IOException("status stream closed");
        }
        client.sendEvent("status", status.compact(), Long.toString(status.sequence()));
        if (client.terminated()) {
          throw new IOException("status stream closed");
        }
      });
      client.onClose(subscription::close);
    } catch (RelayException e) {
      client.close();
    }
  }

  private void statusList(Context ctx) throws RelayException {
    int n;
    try {
      n = Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw invalid("status list number must be a non-negative integer");
    }
    String token = relay.get().statusListToken(n);
    // A compact JWS is ASCII; this media type defines no charset parameter.
    ctx.status(200).contentType(StatusListToken.MEDIA_TYPE).header("Cache-Control", "max-age=30")
        .result(token.getBytes(StandardCharsets.US_ASCII));
  }

  private void batch(Context ctx) throws IOException, RelayException {
    String token = credential(ctx.header("Authorization"));
    String proof = ctx.header("TQC-Proof");
    Relay current = relay.get();
    int cap = current.config().maxBatchBytes();
    byte[] body = HttpSupport.readBody(ctx, cap);
    if (body == null) {
      // The rest of the body stays unread: the connection cannot be reused.
      ctx.header("Connection", "close");
      throw new RelayException(ReasonCode.BATCH_TOO_LARGE, "batch body exceeds " + cap + " bytes");
    }
    if (!HttpSupport.isJson(ctx)) {
      throw HttpSupport.notJson();
    }
    AcceptedBatch accepted = current.acceptBatch(token, proof, body);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("batch_id", accepted.batchId());
    response.put("accepted", accepted.messageCount());
    response.put("origin_code", accepted.originCode());
    json(ctx, 202, response);
  }

  /** The token after {@code Authorization: TQC}; {@code null} if absent or another scheme. */
  private static String credential(String authorization) {
    if (authorization == null || authorization.length() < 5
        || !authorization.regionMatches(true, 0, "TQC ", 0, 4)) {
      return null;
    }
    return authorization.substring(4).trim();
  }
}
