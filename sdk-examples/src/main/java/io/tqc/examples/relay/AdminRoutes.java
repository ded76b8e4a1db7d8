package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.invalid;
import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.http.TqcHeaders;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonObject;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.console.Console;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin API, behind {@code Authorization: Bearer <admin token>} (compared in constant time):
 * register resellers, suspend, reinstate, revoke, and read a reseller with its history. The acting
 * operator is the optional {@code actor} member of the request (default {@value #DEFAULT_ACTOR}).
 */
final class AdminRoutes {
  static final String DEFAULT_ACTOR = "admin-api";
  private static final Set<String> REGISTER_MEMBERS = Set.of("reseller_id", "name", "public_jwk", "sender_numbers",
      "origin_code", "cert_expires_at", "reason", "actor");
  private static final Set<String> CHANGE_MEMBERS = Set.of("reason", "actor");

  private final Supplier<Relay> relay;
  private final byte[] adminTokenDigest;

  AdminRoutes(Supplier<Relay> relay, String adminToken) {
    this.relay = relay;
    this.adminTokenDigest = sha256(adminToken);
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/admin/resellers", admin(this::registerReseller));
    routes.post("/v1/admin/resellers/{id}/suspend", admin(ctx -> change(ctx, CertificationStatus.SUSPENDED)));
    routes.post("/v1/admin/resellers/{id}/reinstate", admin(ctx -> change(ctx, CertificationStatus.ACTIVE)));
    routes.post("/v1/admin/resellers/{id}/revoke", admin(ctx -> change(ctx, CertificationStatus.REVOKED)));
    routes.get("/v1/admin/resellers/{id}", admin(this::show));
  }

  Handler admin(Handler handler) {
    return ctx -> {
      String bearer = TqcHeaders.bearer(ctx.header(TqcHeaders.AUTHORIZATION));
      boolean ok = bearer != null && MessageDigest.isEqual(sha256(bearer), adminTokenDigest);
      // Or a console session the console's gate checked (cookie, CSRF token, role) before this handler.
      if (!ok && ctx.attribute(Console.OPERATOR_ATTRIBUTE) == null) {
        throw new RelayException(ReasonCode.UNAUTHORIZED, "admin bearer token missing or wrong");
      }
      handler.handle(ctx);
    };
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void registerReseller(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, REGISTER_MEMBERS, false);
    Registration registration;
    String actor;
    try {
      Registration.Builder builder = new Registration.Builder()
          .id(ResellerId.parse(request.string("reseller_id")))
          .name(request.string("name"))
          .addKey(publicKey(request))
          .senderNumbers(request.stringArray("sender_numbers", Reseller.MAX_SENDER_NUMBERS))
          .originCode(request.string("origin_code"))
          .reason(request.optString("reason"));
      String certEnd = request.optString("cert_expires_at");
      if (certEnd != null) {
        builder.certificationExpiresAt(instant(certEnd));
      }
      actor = actor(ctx, request);
      registration = builder.build();
    } catch (JsonException | IllegalArgumentException e) {
      throw invalid("registration: " + e.getMessage(), e);
    } catch (RelayException e) {
      throw e;
    } catch (TqcException e) {
      throw HttpSupport.refusal(e);
    }
    Reseller reseller = relay.get().registry().register(registration, actor);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", reseller.id().value());
    body.put("cert_id", reseller.certificationId());
    body.put("status", reseller.status().name());
    body.put("cert_expires_at", reseller.certificationExpiresAt().toString());
    json(ctx, 201, body);
  }

  /** {@code public_jwk} as a JSON object (or a string holding one). */
  private static VerificationKey publicKey(JsonObject request) throws JsonException, TqcException {
    Object jwk = request.asMap().get("public_jwk");
    if (jwk instanceof JsonObject) {
      return VerificationKey.fromJwk(Json.write(jwk));
    }
    if (jwk instanceof String) {
      return VerificationKey.fromJwk((String) jwk);
    }
    throw new JsonException("\"public_jwk\" must be a JWK object");
  }

  private static Instant instant(String text) throws RelayException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("cert_expires_at must be an ISO-8601 date-time with offset, e.g. 2027-12-31T23:59:59+09:00", e);
    }
  }

  private static String actor(Context ctx, JsonObject request) throws JsonException {
    return actor(ctx, request.optString("actor"));
  }

  /**
   * The acting operator: a console session's operator name (whatever the request says), else the
   * requested {@code actor}, else {@value #DEFAULT_ACTOR}.
   */
  static String actor(Context ctx, String requested) {
    String operator = ctx.attribute(Console.OPERATOR_ATTRIBUTE);
    if (operator != null) {
      return operator;
    }
    return requested == null ? DEFAULT_ACTOR : requested;
  }

  private static ResellerId resellerId(Context ctx) throws RelayException {
    try {
      return ResellerId.parse(ctx.pathParam("id"));
    } catch (TqcException e) {
      throw HttpSupport.refusal(e);
    }
  }

  private void change(Context ctx, CertificationStatus target) throws IOException, RelayException {
    ResellerId id = resellerId(ctx);
    JsonObject request = HttpSupport.readJsonObject(ctx, CHANGE_MEMBERS, true);
    String reason;
    String actor;
    try {
      reason = request.optString("reason");
      actor = actor(ctx, request);
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
    Reseller updated = relay.get().registry().changeStatus(id, target, reason, actor);
    json(ctx, 200, summary(updated));
  }

  private static Object jwkObject(VerificationKey key) {
    try {
      return Json.parseObject(key.toJwk());
    } catch (JsonException e) {
      throw new IllegalStateException("a public JWK is always JSON", e);
    }
  }

  private static Map<String, Object> summary(Reseller reseller) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", reseller.id().value());
    body.put("cert_id", reseller.certificationId());
    body.put("status", reseller.status().name());
    body.put("seq", reseller.sequence());
    return body;
  }

  private void show(Context ctx) throws RelayException {
    ResellerId id = resellerId(ctx);
    Relay current = relay.get();
    Reseller reseller = current.registry().get(id);
    if (reseller == null) {
      throw new RelayException(ReasonCode.RESELLER_UNKNOWN, "no reseller " + id + " is registered");
    }
    Map<String, Object> body = summary(reseller);
    body.put("name", reseller.name());
    body.put("status_reason", reseller.statusReason());
    body.put("origin_code", reseller.originCode());
    body.put("sender_numbers", reseller.senderNumbers());
    body.put("scope", reseller.scope());
    body.put("cert_expires_at", reseller.certificationExpiresAt().toString());
    body.put("status_list_index", reseller.statusListIndex());
    body.put("registered_at", reseller.registeredAt().toString());
    List<Object> keys = new ArrayList<>();
    for (VerificationKey key : reseller.keys()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("thumbprint", key.thumbprint());
      item.put("jwk", jwkObject(key));
      keys.add(item);
    }
    body.put("keys", keys);
    List<Object> history = new ArrayList<>();
    for (HistoryEntry change : current.registry().history(id)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", change.sequence());
      item.put("event", change.kind().name());
      item.put("status", change.status().name());
      item.put("reason", change.reason());
      item.put("actor", change.actor());
      item.put("at", change.at().toString());
      history.add(item);
    }
    body.put("history", history);
    json(ctx, 200, body);
  }
}
