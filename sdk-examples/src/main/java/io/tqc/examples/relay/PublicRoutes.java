package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.invalid;
import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.http.BatchReceipt;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.ProblemFormatException;
import io.tqc.api.http.RelayConfiguration;
import io.tqc.api.http.StatusEvents;
import io.tqc.api.http.TokenRequest;
import io.tqc.api.http.TokenResponse;
import io.tqc.api.http.TqcHeaders;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.IssuedToken;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The public endpoints: discovery, JWKS, token, status, status events, status lists, batches. */
final class PublicRoutes {
  private final Supplier<Relay> relay;
  private final Supplier<String> baseUrl;

  PublicRoutes(Supplier<Relay> relay, Supplier<String> baseUrl) {
    this.relay = relay;
    this.baseUrl = baseUrl;
  }

  void register(RoutesConfig routes) {
    routes.get(RelayConfiguration.WELL_KNOWN_PATH, this::configuration);
    routes.get(RelayConfiguration.JWKS_PATH, this::jwks);
    routes.post(RelayConfiguration.TOKEN_PATH, this::token);
    routes.get(RelayConfiguration.STATUS_PATH, this::status);
    routes.get(RelayConfiguration.STATUS_EVENTS_PATH, this::statusEvents);
    routes.get(RelayConfiguration.STATUS_LIST_PATH, this::statusList);
    routes.post(RelayConfiguration.BATCH_PATH, this::batch);
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
    json(ctx, 200, RelayConfiguration.atBaseUrl(relay.get().issuer(), baseUrl.get()).toJsonBytes());
  }

  private void jwks(Context ctx) {
    ctx.status(200).contentType(MediaTypes.JWK_SET_JSON_UTF8).header(TqcHeaders.CACHE_CONTROL, "max-age=60")
        .result(relay.get().publicKeys().toJson().getBytes(StandardCharsets.UTF_8));
  }

  private void token(Context ctx) throws IOException, RelayException {
    byte[] body = HttpSupport.readBody(ctx, HttpSupport.SMALL_BODY);
    if (body == null) {
      throw invalid("request body larger than " + HttpSupport.SMALL_BODY + " bytes");
    }
    if (!HttpSupport.isJson(ctx)) {
      throw HttpSupport.notJson();
    }
    TokenRequest request;
    try {
      request = TokenRequest.parse(body);
    } catch (ProblemFormatException e) {
      throw invalid(e.getMessage(), e);
    }
    IssuedToken issued = relay.get().issueToken(request.resellerId(), request.assertion());
    json(ctx, 200, new TokenResponse(issued.token().compact(), issued.expiresIn().getSeconds()).toJsonBytes());
  }

  private static ResellerId resellerId(Context ctx) throws RelayException {
    try {
      return ResellerId.parse(ctx.pathParam("id"));
    } catch (TqcException e) {
      throw HttpSupport.refusal(e);
    }
  }

  private void status(Context ctx) throws RelayException {
    json(ctx, 200, StatusEvents.document(relay.get().status(resellerId(ctx))));
  }

  private void statusEvents(Context ctx) throws Exception {
    ResellerId id = resellerId(ctx);
    Relay current = relay.get();
    current.status(id); // refuses an unknown reseller before the stream starts
    if (!MediaTypes.acceptsEventStream(ctx.header(TqcHeaders.ACCEPT))) {
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
        client.sendEvent(StatusEvents.EVENT_TYPE, status.compact(), StatusEvents.id(status));
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
      throw invalid("status list number must be a non-negative integer", e);
    }
    String token = relay.get().statusListToken(n);
    // A compact JWS is ASCII; this media type defines no charset parameter.
    ctx.status(200).contentType(StatusListToken.MEDIA_TYPE).header(TqcHeaders.CACHE_CONTROL, "max-age=30")
        .result(token.getBytes(StandardCharsets.US_ASCII));
  }

  private void batch(Context ctx) throws IOException, RelayException {
    String token = TqcHeaders.credential(ctx.header(TqcHeaders.AUTHORIZATION));
    String proof = ctx.header(TqcHeaders.PROOF);
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
    json(ctx, 202, new BatchReceipt(accepted.batchId(), accepted.messageCount(), accepted.originCode()).toJsonBytes());
  }
}
