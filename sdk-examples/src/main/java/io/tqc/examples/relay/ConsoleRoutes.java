package io.tqc.examples.relay;

import static io.tqc.examples.relay.HttpSupport.json;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.TqcException;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Enforcement;
import io.tqc.relay.RefusedBatch;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.RelayStats;
import io.tqc.relay.TimingSummary;
import io.tqc.relay.Reseller;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.EvidenceVerification;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.EvidenceVerifier;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read-only admin endpoints the console's screens need (behind the same admin credential or console
 * session as every other admin route): {@code GET /v1/admin/resellers?q=} (search by id, name,
 * origin code or sender number), {@code GET /v1/admin/overview} (totals, per-minute accepted and
 * refused batches for the last hour and day, audit commit time, status-feed lag, open cases and
 * resellers near their daily quota), {@code GET /v1/admin/resellers/{id}/batches} (a reseller's
 * recent audited batches) and {@code POST /v1/admin/evidence/verify} (checks an uploaded bundle
 * against this relay's published keys).
 */
final class ConsoleRoutes implements AutoCloseable {
  static final int MAX_RESULTS = 200;
  static final int SAMPLE_SECONDS = 15;
  /** A day of samples. */
  static final int MAX_SAMPLES = 24 * 3600 / SAMPLE_SECONDS + 1;
  static final int MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
  static final int DEFAULT_BATCHES = 50;
  static final int MAX_BATCHES = 500;
  /** A reseller at or above this share of its daily quota is "near its quota" on the dashboard. */
  static final double NEAR_QUOTA = 0.8;
  /** The near-quota list is computed at most this often (it reads one counter per reseller with a quota). */
  static final long NEAR_QUOTA_CACHE_MS = 5_000;
  static final int MAX_NEAR_QUOTA = 50;

  private final Supplier<Relay> relay;
  private final Function<Handler, Handler> admin;
  private final Clock clock;
  private final ScheduledExecutorService sampler;
  /** Copy-on-write ring of samples: readers take the array without a lock. */
  private volatile Sample[] samples = new Sample[0];
  private volatile NearQuota nearQuota;
  private final Object nearQuotaLock = new Object();

  ConsoleRoutes(Supplier<Relay> relay, Function<Handler, Handler> admin, Clock clock) {
    this.relay = relay;
    this.admin = admin;
    this.clock = clock;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tqc-console-sampler");
      t.setDaemon(true);
      return t;
    });
  }

  void register(RoutesConfig routes) {
    routes.get("/v1/admin/resellers", admin.apply(this::search));
    routes.get("/v1/admin/overview", admin.apply(this::overview));
    routes.post("/v1/admin/evidence/verify", admin.apply(this::verifyEvidence));
    routes.get("/v1/admin/resellers/{id}/batches", admin.apply(this::batches));
  }

  /**
   * {@code GET /v1/admin/resellers/{id}/batches?before=&limit=}: the reseller's audited batches,
   * newest first (at most {@value #MAX_BATCHES}, default {@value #DEFAULT_BATCHES}), from the
   * store's (reseller, time) index; {@code next_before} reads the next page. With
   * {@code outcome=refused}: the batches this node refused most recently instead (at most
   * 50, from its memory: per node, not durable;
   * {@code before} does not apply).
   */
  private void batches(Context ctx) throws IOException, RelayException {
    ResellerId id;
    try {
      id = ResellerId.parse(ctx.pathParam("id"));
    } catch (TqcException e) {
      throw new RelayException(ReasonCode.RESELLER_ID_INVALID, e.detail(), e);
    }
    Relay current = relay.get();
    if (current.registry().get(id) == null) {
      throw new RelayException(ReasonCode.RESELLER_UNKNOWN, "no reseller " + id + " is registered");
    }
    int limit = DEFAULT_BATCHES;
    Instant before = clock.instant().plusSeconds(3600);
    try {
      if (ctx.queryParam("limit") != null) {
        limit = Integer.parseInt(ctx.queryParam("limit"));
      }
      if (ctx.queryParam("before") != null) {
        before = java.time.OffsetDateTime.parse(ctx.queryParam("before")).toInstant();
      }
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw HttpSupport.invalid("limit must be 1 to " + MAX_BATCHES + " and before an RFC 3339 time", e);
    }
    if (limit < 1 || limit > MAX_BATCHES) {
      throw HttpSupport.invalid("limit must be 1 to " + MAX_BATCHES);
    }
    String outcome = ctx.queryParam("outcome");
    if ("refused".equals(outcome)) {
      refusedBatches(ctx, current, id, limit);
      return;
    }
    if (outcome != null && !"accepted".equals(outcome)) {
      throw HttpSupport.invalid("outcome must be accepted or refused");
    }
    List<AuditRecord> records;
    try {
      records = current.acceptedBatches(id, before, limit);
    } catch (UnsupportedOperationException e) {
      throw HttpSupport.invalid("this relay's store does not list a reseller's batches", e);
    } catch (IOException e) {
      throw new RelayException(ReasonCode.RELAY_UNAVAILABLE, "the store cannot be reached; retry", e);
    }
    List<Object> items = new ArrayList<>();
    for (AuditRecord r : records) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("batch_id", r.batchId());
      item.put("accepted_at", r.acceptedAt().toString());
      item.put("messages", r.messageCount());
      item.put("outcome", "accepted");
      item.put("origin_code", r.originCode());
      item.put("sender_number", r.senderNumber());
      item.put("node", r.nodeId());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batches", items);
    body.put("next_before", records.size() == limit ? records.get(records.size() - 1).acceptedAt().toString() : null);
    json(ctx, 200, body);
  }

  /** The refusals this node remembers for {@code id}, newest first, as the batches list. */
  private static void refusedBatches(Context ctx, Relay relay, ResellerId id, int limit) {
    List<Object> items = new ArrayList<>();
    for (RefusedBatch r : relay.recentRefusals(id, limit)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("batch_id", r.batchId());
      item.put("refused_at", r.refusedAt().toString());
      item.put("messages", r.messageCount() == 0 ? null : r.messageCount());
      item.put("outcome", "refused");
      item.put("reason", r.reason().code());
      item.put("node", relay.config().nodeId());
      items.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batches", items);
    body.put("next_before", null);
    body.put("durable", false);
    json(ctx, 200, body);
  }

  /** Starts sampling the relay's counters (call once the relay is open). */
  void startSampling() {
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
  }

  private void sample() {
    try {
      Sample next = Sample.of(clock.instant(), relay.get().stats());
      Sample[] current = samples;
      int keep = Math.min(current.length, MAX_SAMPLES - 1);
      Sample[] updated = new Sample[keep + 1];
      System.arraycopy(current, current.length - keep, updated, 0, keep);
      updated[keep] = next;
      samples = updated;
    } catch (RuntimeException e) {
      // The relay is closing; the next start samples again.
    }
  }

  private void search(Context ctx) {
    String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim().toLowerCase(Locale.ROOT);
    String digits = query.replaceAll("[^0-9]", "");
    List<Object> matches = new ArrayList<>();
    Map<CertificationStatus, Integer> counts = new EnumMap<>(CertificationStatus.class);
    int total = 0;
    for (Reseller r : relay.get().registry().all()) {
      counts.merge(r.status(), 1, Integer::sum);
      if (matches(r, query, digits)) {
        total++;
        if (matches.size() < MAX_RESULTS) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("reseller_id", r.id().value());
          item.put("name", r.name());
          item.put("status", r.status().name());
          item.put("origin_code", r.originCode());
          item.put("sender_numbers", r.senderNumbers());
          matches.add(item);
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", total);
    body.put("resellers", matches);
    Map<String, Object> byStatus = new LinkedHashMap<>();
    for (Map.Entry<CertificationStatus, Integer> e : counts.entrySet()) {
      byStatus.put(e.getKey().name(), e.getValue());
    }
    body.put("by_status", byStatus);
    json(ctx, 200, body);
  }

  private static boolean matches(Reseller r, String query, String digits) {
    if (query.isEmpty()) {
      return true;
    }
    if (r.id().value().contains(query) || r.name().toLowerCase(Locale.ROOT).contains(query)) {
      return true;
    }
    if (digits.length() >= 3 && digits.length() == query.replaceAll("[\\s-]", "").length()) {
      if (r.originCode() != null && r.originCode().contains(digits)) {
        return true;
      }
      for (String number : r.senderNumbers()) {
        if (number.replaceAll("[^0-9]", "").contains(digits)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Resellers at or above {@value #NEAR_QUOTA} of their daily quota today (most used share first),
   * cached for {@value #NEAR_QUOTA_CACHE_MS} ms; computed by one caller at a time.
   */
  private NearQuota nearQuota(Enforcement enforcement) throws RelayException {
    NearQuota cached = nearQuota;
    long nowMs = clock.millis();
    if (cached != null && nowMs - cached.at.toEpochMilli() < NEAR_QUOTA_CACHE_MS) {
      return cached;
    }
    synchronized (nearQuotaLock) {
      cached = nearQuota;
      if (cached != null && clock.millis() - cached.at.toEpochMilli() < NEAR_QUOTA_CACHE_MS) {
        return cached;
      }
      List<Map<String, Object>> items = new ArrayList<>();
      for (Reseller r : relay.get().registry().all()) {
        if (r.status() != CertificationStatus.ACTIVE) {
          continue;
        }
        QuotaSubject subject = QuotaSubject.reseller(r.id());
        long perDay = enforcement.quota(subject).perDay();
        if (perDay == QuotaLimits.UNLIMITED || perDay <= 0) {
          continue;
        }
        long used = enforcement.usedToday(subject);
        if (used >= NEAR_QUOTA * perDay) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("reseller_id", r.id().value());
          item.put("name", r.name());
          item.put("used_today", used);
          item.put("per_day", perDay);
          item.put("share", Math.round(1000.0 * used / perDay) / 1000.0);
          items.add(item);
        }
      }
      items.sort((a, b) -> Double.compare((Double) b.get("share"), (Double) a.get("share")));
      NearQuota fresh = new NearQuota(clock.instant(),
          new ArrayList<Object>(items.subList(0, Math.min(items.size(), MAX_NEAR_QUOTA))));
      nearQuota = fresh;
      return fresh;
    }
  }

  private static final class NearQuota {
    final Instant at;
    final List<Object> items;

    NearQuota(Instant at, List<Object> items) {
      this.at = at;
      this.items = items;
    }
  }

  private void overview(Context ctx) throws RelayException {
    RelayStats stats = relay.get().stats();
    Sample now = Sample.of(clock.instant(), stats);
    Sample[] history = samples;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", now.at.toString());
    body.put("accepted_batches", now.accepted);
    body.put("refused_batches", now.refused);
    body.put("tokens_issued", now.tokens);
    body.put("status_subscribers", now.subscribers);
    Map<String, Object> byReason = new LinkedHashMap<>();
    for (Map.Entry<ReasonCode, Long> e : now.byReason.entrySet()) {
      byReason.put(e.getKey().code(), e.getValue());
    }
    body.put("refused_by_reason", byReason);
    body.put("audit_commit", timing(stats.auditCommit()));
    body.put("audit_group_size", stats.auditGroupSize());
    body.put("verification", timing(stats.verification()));
    Duration lag = stats.registryFeedLag();
    body.put("registry_feed_lag_ms", lag == null ? null : lag.toNanos() / 1e6);
    body.put("last_hour", perMinute(history, now, 60));
    body.put("last_day", perMinute(history, now, 24 * 60));
    Enforcement enforcement = relay.get().enforcement();
    if (enforcement != null) {
      Map<CaseState, Long> counts = enforcement.caseCounts();
      body.put("open_cases", counts.get(CaseState.OPEN) + counts.get(CaseState.CONFIRMED));
      Map<String, Object> byState = new LinkedHashMap<>();
      for (Map.Entry<CaseState, Long> e : counts.entrySet()) {
        byState.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
      }
      body.put("cases_by_state", byState);
      NearQuota near = nearQuota(enforcement);
      body.put("near_quota_threshold", NEAR_QUOTA);
      body.put("near_quota_at", near.at.toString());
      body.put("near_quota", near.items);
    }
    json(ctx, 200, body);
  }

  /** A timing summary as the page shows it: counts, and mean and max over the recent window in ms. */
  static Map<String, Object> timing(TimingSummary t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", t.count());
    m.put("window_seconds", t.window().getSeconds());
    m.put("recent_count", t.recentCount());
    m.put("mean_ms", t.mean().toNanos() / 1e6);
    m.put("max_ms", t.max().toNanos() / 1e6);
    return m;
  }

  /**
   * Accepted and refused batches per minute over the last {@code minutes} minutes: for each minute,
   * the counters at its end minus those at its start (the latest sample at or before each edge).
   */
  static Map<String, Object> perMinute(Sample[] history, Sample now, int minutes) {
    long end = now.at.getEpochSecond() / 60 * 60 + 60;
    List<Long> times = new ArrayList<>();
    List<Long> accepted = new ArrayList<>();
    List<Long> refused = new ArrayList<>();
    for (int i = minutes; i >= 1; i--) {
      long from = end - i * 60L;
      long to = from + 60;
      Sample a = at(history, now, from);
      Sample b = at(history, now, to);
      times.add(from);
      accepted.add(a == null || b == null ? 0 : Math.max(0, b.accepted - a.accepted));
      refused.add(a == null || b == null ? 0 : Math.max(0, b.refused - a.refused));
    }
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("minute_starts", times);
    series.put("accepted", accepted);
    series.put("refused", refused);
    return series;
  }

  private static Sample at(Sample[] history, Sample now, long epochSecond) {
    if (now.at.getEpochSecond() <= epochSecond) {
      return now;
    }
    Sample found = null;
    for (Sample s : history) {
      if (s.at.getEpochSecond() <= epochSecond) {
        found = s;
      } else {
        break;
      }
    }
    return found;
  }

  private void verifyEvidence(Context ctx) throws IOException, RelayException {
    byte[] bundle = HttpSupport.readBody(ctx, MAX_BUNDLE_BYTES);
    if (bundle == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "an evidence bundle to verify is at most "
          + MAX_BUNDLE_BYTES + " bytes");
    }
    EvidenceVerification result = EvidenceVerifier.verify(bundle, relay.get().publicKeys());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", result.ok());
    body.put("records", result.records());
    body.put("tokens", result.tokens());
    body.put("checkpoints", result.checkpoints());
    body.put("lines", result.lines());
    List<Object> failures = new ArrayList<>();
    for (EvidenceVerification.Failure f : result.failures()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("line", f.line());
      item.put("part", f.part());
      item.put("problem", f.problem());
      failures.add(item);
    }
    body.put("failures", failures);
    json(ctx, 200, body);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  /** The relay's counters at one instant. */
  static final class Sample {
    final Instant at;
    final long accepted;
    final long refused;
    final long tokens;
    final int subscribers;
    final Map<ReasonCode, Long> byReason;

    Sample(Instant at, long accepted, long refused, long tokens, int subscribers, Map<ReasonCode, Long> byReason) {
      this.at = at;
      this.accepted = accepted;
      this.refused = refused;
      this.tokens = tokens;
      this.subscribers = subscribers;
      this.byReason = byReason;
    }

    static Sample of(Instant at, RelayStats stats) {
      long refused = 0;
      for (long n : stats.rejectedBatches().values()) {
        refused += n;
      }
      return new Sample(at, stats.acceptedBatches(), refused, stats.tokensIssued(), stats.statusSubscribers(),
          stats.rejectedBatches());
    }
  }
}
