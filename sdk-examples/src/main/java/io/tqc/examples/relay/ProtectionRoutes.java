package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.invalid;
import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.http.TqcHeaders;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.JsonObject;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.Reseller;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SenderNumberStatus;
import io.tqc.relay.protection.SuppressionChange;
import io.tqc.relay.protection.Suppressions;
import io.tqc.relay.protection.UrlBlocklist;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The recipient-protection endpoints of the reference relay:
 * <ul>
 *   <li>admin (admin bearer token or a console session, as every admin route): {@code POST /v1/admin/suppressions} (one or many numbers),
 *   {@code POST /v1/admin/suppressions/withdraw}, {@code POST /v1/admin/suppressions/import?advertiser=}
 *   (CSV body, per-line errors), {@code GET /v1/admin/suppressions/history},
 *   {@code POST /v1/admin/sender-number-lists/{list}?version=&published_at=} (one number a line) and
 *   {@code GET /v1/admin/sender-number-lists};</li>
 *   <li>{@code POST /v1/optout/events}: the 080 provider's push, behind its own bearer credential,
 *   idempotent by {@code event_id};</li>
 *   <li>{@code POST /v1/suppression/check}: a certified reseller ({@code Authorization: TQC <token>},
 *   certification ACTIVE) asks which of up to {@value #MAX_CHECK} recipients of one advertiser are
 *   suppressed, once per campaign.</li>
 * </ul>
 */
final class ProtectionRoutes {
  static final int MAX_CHECK = 10_000;
  static final int MAX_IMPORT_BYTES = 8 * 1024 * 1024;
  private static final Set<String> ADD_MEMBERS = Set.of("advertiser", "number", "numbers", "source",
      "opt_out_number", "opted_out_at");
  private static final Set<String> WITHDRAW_MEMBERS = Set.of("advertiser", "number");
  private static final Set<String> EVENT_MEMBERS = Set.of("event_id", "advertiser", "number", "opt_out_number",
      "opted_out_at");
  private static final Set<String> CHECK_MEMBERS = Set.of("advertiser", "numbers");

  private final Supplier<Relay> relay;
  private final RelayProtection protection;
  private final java.util.function.Function<Handler, Handler> admin;
  private final byte[] providerTokenDigest;

  /**
   * {@code admin} guards the admin endpoints: the admin bearer token or a console session (viewers
   * read, operators change, with the CSRF token), as for every other admin route.
   */
  ProtectionRoutes(Supplier<Relay> relay, java.util.function.Function<Handler, Handler> admin,
      RelayProtection protection) {
    this.relay = relay;
    this.protection = protection;
    this.admin = admin;
    this.providerTokenDigest = sha256(protection.providerToken());
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/admin/suppressions", admin.apply(this::add));
    routes.post("/v1/admin/suppressions/withdraw", admin.apply(this::withdraw));
    routes.post("/v1/admin/suppressions/import", admin.apply(this::importCsv));
    routes.get("/v1/admin/suppressions/history", admin.apply(this::history));
    routes.post("/v1/admin/sender-number-lists/{list}", admin.apply(this::importList));
    routes.get("/v1/admin/sender-number-lists", admin.apply(this::lists));
    routes.post("/v1/admin/url-blocklist", admin.apply(this::importBlocklist));
    routes.get("/v1/admin/url-blocklist", admin.apply(this::blocklist));
    routes.get("/v1/admin/protection", admin.apply(this::summary));
    routes.post("/v1/optout/events", bearer(providerTokenDigest, "080 provider", this::event));
    routes.post("/v1/suppression/check", this::check);
  }

  private static Handler bearer(byte[] expected, String who, Handler handler) {
    return ctx -> {
      String bearer = TqcHeaders.bearer(ctx.header(TqcHeaders.AUTHORIZATION));
      boolean ok = bearer != null && MessageDigest.isEqual(sha256(bearer), expected);
      if (!ok) {
        throw new RelayException(ReasonCode.UNAUTHORIZED, who + " bearer token missing or wrong");
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

  private void add(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, ADD_MEMBERS, false);
    Suppressions suppressions = protection.suppressions();
    try {
      String advertiser = request.string("advertiser");
      OptOutSource source = source(request.optString("source"));
      Instant at = instant(request.optString("opted_out_at"), "opted_out_at");
      String optOutNumber = request.optString("opt_out_number");
      List<String> numbers;
      if (request.has("number") == request.has("numbers")) {
        throw invalid("give either number or numbers");
      }
      numbers = request.has("number") ? Arrays.asList(request.string("number"))
          : request.stringArray("numbers", Suppressions.MAX_BULK);
      json(ctx, 200, bulk(suppressions.optOutAll(advertiser, numbers, source, at, optOutNumber)));
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private void withdraw(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, WITHDRAW_MEMBERS, false);
    try {
      boolean removed = protection.suppressions().withdraw(request.string("advertiser"), request.string("number"),
          relay.get().config().clock().instant());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("withdrawn", removed);
      json(ctx, 200, body);
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private void importCsv(Context ctx) throws IOException, RelayException {
    String advertiser = ctx.queryParam("advertiser");
    byte[] body = HttpSupport.readBody(ctx, MAX_IMPORT_BYTES);
    if (body == null) {
      ctx.header("Connection", "close");
      throw invalid("the CSV is larger than " + MAX_IMPORT_BYTES + " bytes; split it");
    }
    Suppressions.BulkResult result = protection.suppressions().importCsv(advertiser,
        new StringReader(new String(body, StandardCharsets.UTF_8)), relay.get().config().clock().instant());
    json(ctx, 200, bulk(result));
  }

  private void history(Context ctx) throws IOException, RelayException {
    long after = longParam(ctx, "after", 0);
    int limit = (int) Math.min(1000, longParam(ctx, "limit", 100));
    List<Object> items = new ArrayList<>();
    for (SuppressionChange change : protection.suppressions().store().history(after, limit)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("seq", change.seq());
      item.put("action", change.action().name());
      item.put("advertiser", change.advertiser());
      item.put("source", change.source().code());
      item.put("at", change.at().toString());
      item.put("event_id", change.eventId());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("changes", items);
    json(ctx, 200, body);
  }

  private void importList(Context ctx) throws IOException, RelayException {
    SenderNumberStatus.State state;
    try {
      state = SenderNumberStatus.State.valueOf(ctx.pathParam("list").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("list must be terminated, suspended, unassigned or stolen", e);
    }
    if (state == SenderNumberStatus.State.VALID) {
      throw invalid("list must be terminated, suspended, unassigned or stolen");
    }
    String version = ctx.queryParam("version");
    Instant publishedAt = instant(ctx.queryParam("published_at"), "published_at");
    byte[] body = HttpSupport.readBody(ctx, MAX_IMPORT_BYTES);
    if (body == null) {
      ctx.header("Connection", "close");
      throw invalid("the list is larger than " + MAX_IMPORT_BYTES + " bytes");
    }
    SenderNumberLists.ListImport done;
    try {
      done = protection.senderLists().importList(state, version, publishedAt,
          Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n", -1)), relay.get().config().clock().instant());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
    json(ctx, 200, listSummary(done));
  }

  private void lists(Context ctx) {
    List<Object> current = new ArrayList<>();
    for (SenderNumberLists.ListImport done : protection.senderLists().current()) {
      current.add(listSummary(done));
    }
    List<Object> history = new ArrayList<>();
    for (SenderNumberLists.ListImport done : protection.senderLists().history()) {
      history.add(listSummary(done));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("current", current);
    body.put("history", history);
    json(ctx, 200, body);
  }

  /**
   * {@code GET /v1/admin/protection}: what the console's opt-out and lists screen shows: how many
   * opt-outs are held, the last opt-out change, the sender-number list versions in force and the
   * latest URL blocklist import, each with its counts.
   */
  private void summary(Context ctx) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("opt_outs", protection.suppressions().store().size());
    List<Object> lists = new ArrayList<>();
    for (SenderNumberLists.ListImport done : protection.senderLists().current()) {
      lists.add(listSummary(done));
    }
    body.put("sender_number_lists", lists);
    List<UrlBlocklist.BlocklistImport> blocklists = protection.blocklist().history();
    body.put("url_blocklist", blocklists.isEmpty() ? null : blocklistSummary(blocklists.get(blocklists.size() - 1)));
    json(ctx, 200, body);
  }

  private void importBlocklist(Context ctx) throws IOException, RelayException {
    String version = ctx.queryParam("version");
    Instant publishedAt = instant(ctx.queryParam("published_at"), "published_at");
    byte[] body = HttpSupport.readBody(ctx, MAX_IMPORT_BYTES);
    if (body == null) {
      ctx.header("Connection", "close");
      throw invalid("the blocklist is larger than " + MAX_IMPORT_BYTES + " bytes");
    }
    UrlBlocklist.BlocklistImport done;
    try {
      done = protection.blocklist().importList(version, publishedAt,
          Arrays.asList(new String(body, StandardCharsets.UTF_8).split("\n", -1)), relay.get().config().clock().instant());
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage(), e);
    }
    json(ctx, 200, blocklistSummary(done));
  }

  private void blocklist(Context ctx) {
    List<Object> history = new ArrayList<>();
    for (UrlBlocklist.BlocklistImport done : protection.blocklist().history()) {
      history.add(blocklistSummary(done));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("history", history);
    json(ctx, 200, body);
  }

  private static Map<String, Object> blocklistSummary(UrlBlocklist.BlocklistImport done) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", done.version());
    body.put("published_at", done.publishedAt().toString());
    body.put("imported_at", done.importedAt().toString());
    body.put("entries", done.entries());
    body.put("refused", done.errorCount());
    body.put("errors", done.errors());
    return body;
  }

  private void event(Context ctx) throws IOException, RelayException {
    JsonObject request = HttpSupport.readJsonObject(ctx, EVENT_MEMBERS, false);
    try {
      Suppressions.PushOutcome outcome = protection.suppressions().push(request.string("event_id"),
          request.string("advertiser"), request.string("number"), instant(request.optString("opted_out_at"), "opted_out_at"),
          request.optString("opt_out_number"));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
      json(ctx, 200, body);
    } catch (JsonException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private void check(Context ctx) throws IOException, RelayException {
    Relay current = relay.get();
    CertificationClaims claims = certified(current, ctx.header(TqcHeaders.AUTHORIZATION));
    byte[] raw = HttpSupport.readBody(ctx, 1024 * 1024);
    if (raw == null) {
      ctx.header("Connection", "close");
      throw new RelayException(ReasonCode.BATCH_TOO_LARGE, "a check holds at most " + MAX_CHECK + " numbers");
    }
    JsonObject request;
    List<String> numbers;
    String advertiser;
    try {
      request = io.tqc.examples.json.Json.parseObject(raw);
      request.requireOnly(CHECK_MEMBERS, "request");
      advertiser = request.string("advertiser");
      if (request.array("numbers").size() > MAX_CHECK) {
        throw new RelayException(ReasonCode.BATCH_TOO_LARGE, "a check holds at most " + MAX_CHECK + " numbers");
      }
      numbers = request.stringArray("numbers", MAX_CHECK);
    } catch (JsonException e) {
      throw invalid("request body: " + e.getMessage(), e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", claims.subject().value());
    body.put("checked", numbers.size());
    body.put("suppressed", protection.suppressions().suppressed(advertiser, numbers));
    json(ctx, 200, body);
  }

  /** The verified claims of an ACTIVE certification's token, else the refusal. */
  private static CertificationClaims certified(Relay relay, String authorization) throws RelayException {
    String compact = TqcHeaders.credential(authorization);
    if (compact == null) {
      throw new RelayException(ReasonCode.TOKEN_MALFORMED, "no certification token presented (Authorization: TQC ...)");
    }
    CertificationToken token;
    try {
      token = relay.config().verifierBuilder().keys(relay.publicKeys()).build()
          .verifyToken(compact, relay.config().clock().instant());
    } catch (VerificationException e) {
      throw new RelayException(e.reason(), e.detail(), e);
    }
    Reseller reseller = relay.registry().get(token.claims().subject());
    if (reseller == null || !reseller.certificationId().equals(token.claims().certificationId())) {
      throw new RelayException(ReasonCode.CERTIFICATION_UNKNOWN, "no such certification");
    }
    if (reseller.status() != CertificationStatus.ACTIVE) {
      throw new RelayException(reseller.status() == CertificationStatus.SUSPENDED
          ? ReasonCode.CERTIFICATION_SUSPENDED : ReasonCode.CERTIFICATION_REVOKED, "certification is " + reseller.status());
    }
    return token.claims();
  }

  private static Map<String, Object> bulk(Suppressions.BulkResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("added", result.added());
    body.put("already_suppressed", result.alreadySuppressed());
    body.put("refused", result.errorCount());
    body.put("errors", result.errors());
    return body;
  }

  private static Map<String, Object> listSummary(SenderNumberLists.ListImport done) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("list", done.state().name().toLowerCase(Locale.ROOT));
    body.put("version", done.version());
    body.put("published_at", done.publishedAt().toString());
    body.put("imported_at", done.importedAt().toString());
    body.put("numbers", done.imported());
    body.put("refused", done.errorCount());
    body.put("errors", done.errors());
    return body;
  }

  private static OptOutSource source(String code) throws RelayException {
    if (code == null) {
      return OptOutSource.MANUAL;
    }
    OptOutSource source = OptOutSource.fromCode(code);
    if (source == null) {
      throw invalid("source must be 080_ars, manual or web");
    }
    return source;
  }

  private Instant instant(String text, String name) throws RelayException {
    if (text == null) {
      return relay.get().config().clock().instant();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00+09:00", e);
    }
  }

  private static long longParam(Context ctx, String name, long fallback) throws RelayException {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(name + " must be a non-negative integer", e);
    }
  }
}
