package io.tqc.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tqc.api.ReasonCode;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayStats;
import java.util.function.Supplier;

/**
 * Relay meters read from the relay library's statistics at each scrape: bind it once,
 * {@code new TqcRelayMetrics(relay).bindTo(registry)}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th></tr>
 *   <tr><td>{@code tqc.relay.batches.accepted}</td><td>function counter</td><td>—</td></tr>
 *   <tr><td>{@code tqc.relay.batches.refused}</td><td>function counter</td><td>{@code reason}: every reason code
 *       (a fixed set, so the series exist from the start at 0)</td></tr>
 *   <tr><td>{@code tqc.relay.tokens.issued}</td><td>function counter</td><td>—</td></tr>
 *   <tr><td>{@code tqc.relay.status.subscribers}</td><td>gauge</td><td>— (open status streams)</td></tr>
 * </table>
 *
 * <p>Reseller ids are never tags. Verification time, audit commit time and group size, replay-cache
 * size and status-feed lag need instrumentation inside the relay library and are not measured here.
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

  @Override
  public void bindTo(MeterRegistry registry) {
    // The functions read through the anchor they are given and capture nothing, so the meters do not
    // keep a closed relay alive; a collected anchor ends its meters.
    FunctionCounter.builder("tqc.relay.batches.accepted", anchor, a -> statsOf(a).acceptedBatches())
        .description("Batches the relay accepted and recorded").register(registry);
    FunctionCounter.builder("tqc.relay.tokens.issued", anchor, a -> statsOf(a).tokensIssued())
        .description("Certification tokens the relay issued").register(registry);
    for (ReasonCode reason : ReasonCode.values()) {
      FunctionCounter.builder("tqc.relay.batches.refused", anchor, a -> statsOf(a).rejected(reason))
          .tag("reason", reason.code()).description("Requests the relay refused, by reason").register(registry);
    }
    Gauge.builder("tqc.relay.status.subscribers", anchor, a -> statsOf(a).statusSubscribers())
        .description("Open status streams").register(registry);
  }
}
