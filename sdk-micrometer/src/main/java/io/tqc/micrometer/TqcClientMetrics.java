package io.tqc.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Client meters, fed by the client's events: pass it as the client's listener
 * ({@code new TqcClient.Builder().listener(TqcClientMetrics.of(registry))}), optionally in front of
 * a listener of your own ({@link #of(MeterRegistry, TqcEventListener)}).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@code tqc.client.certifications}</td><td>counter</td><td>{@code outcome} ({@code certified},
 *       {@code refused}: the client failed closed, {@code noncompliant}: the compliance pre-flight refused),
 *       {@code reason} ({@code none} when certified, else the reason code: {@code certification_suspended},
 *       {@code status_unavailable}, ..., the first violation's code when noncompliant)</td></tr>
 *   <tr><td>{@code tqc.client.token.refreshes}</td><td>counter</td><td>{@code outcome}
 *       ({@code success}, {@code failure}), {@code reason} ({@code none} on success)</td></tr>
 *   <tr><td>{@code tqc.client.status.age}</td><td>gauge (seconds)</td><td>— (age of the newest
 *       relay-signed status the client verified; NaN before the first; the client fails closed above
 *       its {@code maxStatusAge}, 60 s by default)</td></tr>
 *   <tr><td>{@code tqc.client.stream.reconnects}</td><td>counter</td><td>{@code cause} ({@code failure}:
 *       broke off, could not connect or refused; {@code closed}: ended by the relay)</td></tr>
 *   <tr><td>{@code tqc.client.batches.deferred}</td><td>counter</td><td>{@code reason} ({@code quota_exceeded},
 *       {@code rate_limited}, {@code unknown})</td></tr>
 *   <tr><td>{@code tqc.client.status.changes}</td><td>counter</td><td>{@code status}</td></tr>
 *   <tr><td>{@code tqc.client.status}</td><td>gauge</td><td>{@code status}: 1 for the current status, 0 for the others</td></tr>
 *   <tr><td>{@code tqc.client.token.age}</td><td>gauge (seconds)</td><td>— (time since the last token
 *       was installed; NaN before the first)</td></tr>
 *   <tr><td>{@code tqc.client.clock.skew}</td><td>gauge (seconds)</td><td>— (relay time minus local time)</td></tr>
 * </table>
 *
 * <p>Counters are created when first needed and cached: the hot path (a certified batch) increments
 * one counter, no lock, no allocation. A delegate listener is called after the meters are updated;
 * what it throws reaches the client as usual. Thread-safe.
 */
public final class TqcClientMetrics implements TqcEventListener {
  private static final String CERTIFICATIONS = "tqc.client.certifications";
  private static final String CERTIFICATIONS_HELP = "Batches the client was asked to certify, by outcome";
  private static final String REFRESHES = "tqc.client.token.refreshes";
  private static final String REFRESHES_HELP = "Certification token fetches, by outcome";

  private final MeterRegistry registry;
  private final TqcEventListener delegate;
  private final LongSupplier ticker;
  private final Counter certified;
  private final ConcurrentMap<ReasonCode, Counter> refused = new ConcurrentHashMap<>();
  private final ConcurrentMap<ReasonCode, Counter> nonCompliant = new ConcurrentHashMap<>();
  private final ConcurrentMap<ReasonCode, Counter> refreshFailures = new ConcurrentHashMap<>();
  private final ConcurrentMap<ReasonCode, Counter> deferred = new ConcurrentHashMap<>();
  private final Counter deferredUnknown;
  private final Counter refreshSuccesses;
  private final Counter reconnectsAfterFailure;
  private final Counter reconnectsAfterClose;
  private final Map<CertificationStatus, Counter> statusChanges = new EnumMap<>(CertificationStatus.class);
  private volatile CertificationStatus status;
  private volatile long tokenInstalledNanos;
  /** Ticker reading at which the newest verified status was issued, or {@link Long#MIN_VALUE}. */
  private final AtomicLong statusIssuedNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong skewMillis = new AtomicLong();

  TqcClientMetrics(MeterRegistry registry, TqcEventListener delegate, LongSupplier ticker) {
    if (registry == null || delegate == null || ticker == null) {
      throw new NullPointerException(registry == null ? "registry" : delegate == null ? "delegate" : "ticker");
    }
    this.registry = registry;
    this.delegate = delegate;
    this.ticker = ticker;
    this.certified = Counter.builder(CERTIFICATIONS).tag("outcome", "certified").tag("reason", "none")
        .description(CERTIFICATIONS_HELP).register(registry);
    this.refreshSuccesses = Counter.builder(REFRESHES).tag("outcome", "success").tag("reason", "none")
        .description(REFRESHES_HELP).register(registry);
    this.reconnectsAfterFailure = reconnects("failure");
    this.reconnectsAfterClose = reconnects("closed");
    this.deferredUnknown = Counter.builder("tqc.client.batches.deferred").tag("reason", "unknown")
        .description("Certified batches the relay deferred (429)").register(registry);
    for (CertificationStatus s : CertificationStatus.values()) {
      Gauge.builder("tqc.client.status", this, m -> m.status == s ? 1 : 0).tag("status", lower(s))
          .description("The certification status the client holds (1 for the current one)").register(registry);
    }
    Gauge.builder("tqc.client.status.age", this, TqcClientMetrics::statusAgeSeconds).baseUnit("seconds")
        .description("Age of the newest relay-signed status the client verified; it fails closed above maxStatusAge")
        .register(registry);
    Gauge.builder("tqc.client.token.age", this, TqcClientMetrics::tokenAgeSeconds).baseUnit("seconds")
        .description("Time since the client installed its current certification token").register(registry);
    Gauge.builder("tqc.client.clock.skew", skewMillis, v -> v.get() / 1000.0).baseUnit("seconds")
        .description("Relay time minus local time").register(registry);
  }

  private Counter reconnects(String cause) {
    return Counter.builder("tqc.client.stream.reconnects").tag("cause", cause)
        .description("Times the status stream ended and the client reconnected").register(registry);
  }

  private static String lower(CertificationStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** Meters in {@code registry}. */
  public static TqcClientMetrics of(MeterRegistry registry) {
    return new TqcClientMetrics(registry, TqcEventListener.NONE, System::nanoTime);
  }

  /** Meters in {@code registry}, then {@code delegate} for every event. */
  public static TqcClientMetrics of(MeterRegistry registry, TqcEventListener delegate) {
    return new TqcClientMetrics(registry, delegate, System::nanoTime);
  }

  private double tokenAgeSeconds() {
    long installed = tokenInstalledNanos;
    return installed == 0 ? Double.NaN : (ticker.getAsLong() - installed) / 1e9;
  }

  private double statusAgeSeconds() {
    long issued = statusIssuedNanos.get();
    return issued == Long.MIN_VALUE ? Double.NaN : Math.max(0, ticker.getAsLong() - issued) / 1e9;
  }

  private Counter counter(ConcurrentMap<ReasonCode, Counter> cache, String name, String description,
      ReasonCode reason, String... extraTags) {
    Counter c = cache.get(reason);
    if (c == null) {
      // Registering twice returns the same meter, so a race here only costs a lookup.
      c = Counter.builder(name).tags(extraTags).tag("reason", reason.code()).description(description)
          .register(registry);
      cache.putIfAbsent(reason, c);
    }
    return c;
  }

  @Override
  public void tokenRefreshed(CertificationToken token) {
    tokenInstalledNanos = ticker.getAsLong() | 1;
    refreshSuccesses.increment();
    delegate.tokenRefreshed(token);
  }

  @Override
  public void tokenRefreshFailed(TqcClientException error) {
    counter(refreshFailures, REFRESHES, REFRESHES_HELP, error.reason(), "outcome", "failure").increment();
    delegate.tokenRefreshFailed(error);
  }

  @Override
  public void initialStatus(CertificationStatus current, long sequence, String reason) {
    // Counted as a change (from nothing); the delegate hears initialStatus, as it would without us.
    recordStatus(current);
    delegate.initialStatus(current, sequence, reason);
  }

  @Override
  public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence, String reason) {
    recordStatus(current);
    delegate.statusChanged(previous, current, sequence, reason);
  }

  private void recordStatus(CertificationStatus current) {
    status = current;
    Counter c;
    synchronized (statusChanges) {
      c = statusChanges.get(current);
      if (c == null) {
        c = Counter.builder("tqc.client.status.changes").tag("status", lower(current))
            .description("Certification status changes the client took in").register(registry);
        statusChanges.put(current, c);
      }
    }
    c.increment();
  }

  @Override
  public void statusVerified(CertificationStatus verified, long sequence, Duration age) {
    long issued = ticker.getAsLong() - (age == null || age.isNegative() ? 0 : age.toNanos());
    long seen;
    while (issued > (seen = statusIssuedNanos.get()) && !statusIssuedNanos.compareAndSet(seen, issued)) {
      // retry: another status was taken in meanwhile
    }
    delegate.statusVerified(verified, sequence, age);
  }

  @Override
  public void statusStreamReconnecting(boolean failure, Duration delay) {
    (failure ? reconnectsAfterFailure : reconnectsAfterClose).increment();
    delegate.statusStreamReconnecting(failure, delay);
  }

  @Override
  public void failedClosed(TqcClientException refusal) {
    counter(refused, CERTIFICATIONS, CERTIFICATIONS_HELP, refusal.reason(), "outcome", "refused").increment();
    delegate.failedClosed(refusal);
  }

  @Override
  public void batchNonCompliant(NonCompliantBatchException refusal) {
    counter(nonCompliant, CERTIFICATIONS, CERTIFICATIONS_HELP, refusal.reason(), "outcome", "noncompliant")
        .increment();
    delegate.batchNonCompliant(refusal);
  }

  @Override
  public void batchCertified(CertifiedBatch batch) {
    certified.increment();
    delegate.batchCertified(batch);
  }

  @Override
  public void batchDeferred(CertifiedBatch batch, ReasonCode reason, Duration retryAfter) {
    (reason == null ? deferredUnknown
        : counter(deferred, "tqc.client.batches.deferred", "Certified batches the relay deferred (429)", reason))
        .increment();
    delegate.batchDeferred(batch, reason, retryAfter);
  }

  @Override
  public void clockSkewMeasured(Duration skew) {
    skewMillis.set(skew.toMillis());
    delegate.clockSkewMeasured(skew);
  }
}
