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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client meters, fed by the client's events: pass it as the client's listener
 * ({@code new TqcClient.Builder().listener(TqcClientMetrics.of(registry))}), optionally in front of
 * a listener of your own ({@link #of(MeterRegistry, TqcEventListener)}).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@code tqc.client.batches.certified}</td><td>counter</td><td>—</td></tr>
 *   <tr><td>{@code tqc.client.batches.refused}</td><td>counter</td><td>{@code reason} (a reason code:
 *       {@code certification_suspended}, {@code status_unavailable}, ...)</td></tr>
 *   <tr><td>{@code tqc.client.batches.noncompliant}</td><td>counter</td><td>{@code reason} (the first
 *       violation's code)</td></tr>
 *   <tr><td>{@code tqc.client.token.refreshes}</td><td>counter</td><td>{@code outcome}
 *       ({@code success}, {@code failure}), {@code reason} ({@code none} on success)</td></tr>
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
  private final MeterRegistry registry;
  private final TqcEventListener delegate;
  private final Counter certified;
  private final Map<ReasonCode, Counter> refused = new EnumMap<>(ReasonCode.class);
  private final Map<ReasonCode, Counter> nonCompliant = new EnumMap<>(ReasonCode.class);
  private final Map<ReasonCode, Counter> refreshFailures = new EnumMap<>(ReasonCode.class);
  private final Counter refreshSuccesses;
  private final Map<CertificationStatus, Counter> statusChanges = new EnumMap<>(CertificationStatus.class);
  private volatile CertificationStatus status;
  private volatile long tokenInstalledNanos;
  private final AtomicLong skewMillis = new AtomicLong();

  private TqcClientMetrics(MeterRegistry registry, TqcEventListener delegate) {
    if (registry == null || delegate == null) {
      throw new NullPointerException(registry == null ? "registry" : "delegate");
    }
    this.registry = registry;
    this.delegate = delegate;
    this.certified = Counter.builder("tqc.client.batches.certified")
        .description("Advertising batches the client certified").register(registry);
    this.refreshSuccesses = Counter.builder("tqc.client.token.refreshes").tag("outcome", "success")
        .tag("reason", "none").description("Certification token fetches").register(registry);
    for (CertificationStatus s : CertificationStatus.values()) {
      Gauge.builder("tqc.client.status", this, m -> m.status == s ? 1 : 0).tag("status", s.name().toLowerCase(java.util.Locale.ROOT))
          .description("The certification status the client holds (1 for the current one)").register(registry);
    }
    Gauge.builder("tqc.client.token.age", this, TqcClientMetrics::tokenAgeSeconds).baseUnit("seconds")
        .description("Time since the client installed its current certification token").register(registry);
    Gauge.builder("tqc.client.clock.skew", skewMillis, v -> v.get() / 1000.0).baseUnit("seconds")
        .description("Relay time minus local time").register(registry);
  }

  /** Meters in {@code registry}. */
  public static TqcClientMetrics of(MeterRegistry registry) {
    return new TqcClientMetrics(registry, TqcEventListener.NONE);
  }

  /** Meters in {@code registry}, then {@code delegate} for every event. */
  public static TqcClientMetrics of(MeterRegistry registry, TqcEventListener delegate) {
    return new TqcClientMetrics(registry, delegate);
  }

  private double tokenAgeSeconds() {
    long installed = tokenInstalledNanos;
    return installed == 0 ? Double.NaN : (System.nanoTime() - installed) / 1e9;
  }

  private Counter counter(Map<ReasonCode, Counter> cache, String name, String description, ReasonCode reason,
      String... extraTags) {
    synchronized (cache) {
      Counter c = cache.get(reason);
      if (c == null) {
        c = Counter.builder(name).tag("reason", reason.code()).tags(extraTags).description(description)
            .register(registry);
        cache.put(reason, c);
      }
      return c;
    }
  }

  @Override
  public void tokenRefreshed(CertificationToken token) {
    tokenInstalledNanos = System.nanoTime() | 1;
    refreshSuccesses.increment();
    delegate.tokenRefreshed(token);
  }

  @Override
  public void tokenRefreshFailed(TqcClientException error) {
    counter(refreshFailures, "tqc.client.token.refreshes", "Certification token fetches", error.reason(),
        "outcome", "failure").increment();
    delegate.tokenRefreshFailed(error);
  }

  @Override
  public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence, String reason) {
    status = current;
    Counter c;
    synchronized (statusChanges) {
      c = statusChanges.get(current);
      if (c == null) {
        c = Counter.builder("tqc.client.status.changes").tag("status", current.name().toLowerCase(java.util.Locale.ROOT))
            .description("Certification status changes the client took in").register(registry);
        statusChanges.put(current, c);
      }
    }
    c.increment();
    delegate.statusChanged(previous, current, sequence, reason);
  }

  @Override
  public void failedClosed(TqcClientException refusal) {
    counter(refused, "tqc.client.batches.refused", "Batches the client refused (fail closed)", refusal.reason())
        .increment();
    delegate.failedClosed(refusal);
  }

  @Override
  public void batchNonCompliant(NonCompliantBatchException refusal) {
    counter(nonCompliant, "tqc.client.batches.noncompliant", "Batches the compliance pre-flight refused",
        refusal.reason()).increment();
    delegate.batchNonCompliant(refusal);
  }

  @Override
  public void batchCertified(CertifiedBatch batch) {
    certified.increment();
    delegate.batchCertified(batch);
  }

  @Override
  public void clockSkewMeasured(Duration skew) {
    skewMillis.set(skew.toMillis());
    delegate.clockSkewMeasured(skew);
  }
}
