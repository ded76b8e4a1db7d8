package io.tqc.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tqc.api.ReasonCode;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayStats;
import io.tqc.relay.TimingSummary;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Relay meters read from the relay library's statistics ({@link Relay#stats()}) at each scrape: bind
 * it once, {@code new TqcRelayMetrics(relay).bindTo(registry)}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@code tqc.relay.batches}</td><td>function counter</td><td>{@code outcome} ({@code accepted},
 *       {@code refused}), {@code reason} ({@code none} when accepted, else every reason code: a fixed set,
 *       so the series exist from the start at 0)</td></tr>
 *   <tr><td>{@code tqc.relay.verification}</td><td>function timer</td><td>— (every batch, accepted or
 *       refused, from receipt to answer, audit commit included)</td></tr>
 *   <tr><td>{@code tqc.relay.verification.max}</td><td>time gauge</td><td>— (the longest in the last minute)</td></tr>
 *   <tr><td>{@code tqc.relay.audit.commit}</td><td>function timer</td><td>— (each store commit of a group of
 *       audit records)</td></tr>
 *   <tr><td>{@code tqc.relay.audit.commit.max}</td><td>time gauge</td><td>— (the longest in the last minute)</td></tr>
 *   <tr><td>{@code tqc.relay.audit.group.size}</td><td>gauge</td><td>— (mean records per commit in the
 *       last minute; 0 when none)</td></tr>
 *   <tr><td>{@code tqc.relay.replay.cache.size}</td><td>gauge</td><td>— (identifiers held; NaN when the
 *       cache cannot tell, for example on Redis)</td></tr>
 *   <tr><td>{@code tqc.relay.registry.feed.lag}</td><td>time gauge</td><td>— (the last registry change
 *       that reached this node from another one; NaN before any, and on a single node)</td></tr>
 *   <tr><td>{@code tqc.relay.tokens.issued}</td><td>function counter</td><td>—</td></tr>
 *   <tr><td>{@code tqc.relay.status.subscribers}</td><td>gauge</td><td>— (open status streams)</td></tr>
 * </table>
 *
 * <p>Reseller ids are never tags; every tag has a fixed set of values.
 */
public final class TqcRelayMetrics implements MeterBinder {
  /** What the meters read (Micrometer holds it weakly): the relay, or the caller's supplier. */
  private final Object anchor;

  /** Meters of {@code relay} (they report for as long as the relay is reachable). */
  public TqcRelayMetrics(Relay relay) {
    if (relay == null) {
      throw new NullPointerException("relay");
    }
    this.anchor = relay;
  }

  /**
   * Meters of the statistics {@code stats} supplies (called at each scrape; must be cheap).
   * Micrometer holds a function meter's state weakly: keep {@code stats} itself reachable (a field of
   * a long-lived object) for as long as the meters should report.
   */
  public TqcRelayMetrics(Supplier<RelayStats> stats) {
    if (stats == null) {
      throw new NullPointerException("stats");
    }
    this.anchor = stats;
  }

  @SuppressWarnings("unchecked")
  private static RelayStats statsOf(Object anchor) {
    return anchor instanceof Relay ? ((Relay) anchor).stats() : ((Supplier<RelayStats>) anchor).get();
  }

  private static ToDoubleFunction<Object> reading(ToDoubleFunction<RelayStats> value) {
    return a -> value.applyAsDouble(statsOf(a));
  }

  private static double seconds(Duration d) {
    return d == null ? Double.NaN : d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // The functions read through the anchor they are given and capture nothing of it, so the meters
    // do not keep a closed relay alive; a collected anchor ends its meters.
    FunctionCounter.builder("tqc.relay.batches", anchor, reading(RelayStats::acceptedBatches))
        .tag("outcome", "accepted").tag("reason", "none")
        .description("Batches the relay answered, by outcome and reason").register(registry);
    for (ReasonCode reason : ReasonCode.values()) {
      FunctionCounter.builder("tqc.relay.batches", anchor, reading(s -> s.rejected(reason)))
          .tag("outcome", "refused").tag("reason", reason.code())
          .description("Batches the relay answered, by outcome and reason").register(registry);
    }
    timer(registry, "tqc.relay.verification", RelayStats::verification,
        "Time from receiving a batch to answering it (accepted or refused), audit commit included");
    timer(registry, "tqc.relay.audit.commit", RelayStats::auditCommit,
        "Time of each store commit of a group of audit records");
    Gauge.builder("tqc.relay.audit.group.size", anchor, reading(RelayStats::auditGroupSize))
        .description("Mean audit records per commit over the last minute").register(registry);
    Gauge.builder("tqc.relay.replay.cache.size", anchor, reading(s -> s.replayCacheSize() < 0 ? Double.NaN
        : s.replayCacheSize())).description("Identifiers the replay cache holds (NaN when it cannot tell)")
        .register(registry);
    TimeGauge.builder("tqc.relay.registry.feed.lag", anchor, TimeUnit.SECONDS,
        reading(s -> seconds(s.registryFeedLag())))
        .description("Lag of the last registry change that reached this node from another one").register(registry);
    FunctionCounter.builder("tqc.relay.tokens.issued", anchor, reading(RelayStats::tokensIssued))
        .description("Certification tokens the relay issued").register(registry);
    Gauge.builder("tqc.relay.status.subscribers", anchor, reading(RelayStats::statusSubscribers))
        .description("Open status streams").register(registry);
  }

  private void timer(MeterRegistry registry, String name, Function<RelayStats, TimingSummary> summary,
      String description) {
    FunctionTimer.builder(name, anchor, a -> summary.apply(statsOf(a)).count(),
        a -> seconds(summary.apply(statsOf(a)).total()), TimeUnit.SECONDS).description(description)
        .register(registry);
    TimeGauge.builder(name + ".max", anchor, TimeUnit.SECONDS, a -> seconds(summary.apply(statsOf(a)).max()))
        .description(description + ": the longest over the last minute").register(registry);
  }
}
