package io.tqc.relay;

import io.tqc.api.ReasonCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters since the relay opened: batches accepted, batches refused by reason, tokens issued; and
 * the number of open status subscriptions. Immutable.
 */
public final class RelayStats {
  private final long acceptedBatches;
  private final long tokensIssued;
  private final Map<ReasonCode, Long> rejectedBatches;
  private final int statusSubscribers;

  RelayStats(long acceptedBatches, long tokensIssued, Map<ReasonCode, Long> rejectedBatches, int statusSubscribers) {
    this.acceptedBatches = acceptedBatches;
    this.tokensIssued = tokensIssued;
    this.statusSubscribers = statusSubscribers;
    Map<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
    copy.putAll(rejectedBatches);
    this.rejectedBatches = Collections.unmodifiableMap(copy);
  }

  /** Batches accepted and recorded. */
  public long acceptedBatches() {
    return acceptedBatches;
  }

  /** Certification tokens issued. */
  public long tokensIssued() {
    return tokensIssued;
  }

  /** Batches refused, by reason (reasons never seen are absent). */
  public Map<ReasonCode, Long> rejectedBatches() {
    return rejectedBatches;
  }

  /** Status subscriptions currently open (for example SSE connections). */
  public int statusSubscribers() {
    return statusSubscribers;
  }

  /** Batches refused for {@code reason}. */
  public long rejected(ReasonCode reason) {
    Long count = rejectedBatches.get(reason);
    return count == null ? 0 : count;
  }

  @Override
  public String toString() {
    return "RelayStats{accepted=" + acceptedBatches + ", tokens=" + tokensIssued + ", rejected=" + rejectedBatches
        + ", subscribers=" + statusSubscribers + "}";
  }
}
