package io.tqc.relay;

import io.tqc.api.ReasonCode;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a relay node has done and how it is doing, at one moment ({@link Relay#stats()}): counters
 * since the relay opened (batches accepted, batches refused by reason, tokens issued), the open
 * status subscriptions, how long batch verification and audit commits take
 * ({@link TimingSummary}), the audit commits' group size, the replay cache's size and the
 * registry-feed lag. Reading it takes no lock on the batch path; a snapshot is cheap enough to take
 * at every scrape. Immutable; build with {@link Builder} (the relay does; tests and dashboards may).
 */
public final class RelayStats {
  private final long acceptedBatches;
  private final long tokensIssued;
  private final Map<ReasonCode, Long> rejectedBatches;
  private final int statusSubscribers;
  private final TimingSummary verification;
  private final TimingSummary auditCommit;
  private final double auditGroupSize;
  private final long replayCacheSize;
  private final Duration registryFeedLag;

  private RelayStats(Builder b) {
    if (b.acceptedBatches < 0 || b.tokensIssued < 0 || b.statusSubscribers < 0) {
      throw new IllegalArgumentException("acceptedBatches, tokensIssued and statusSubscribers must be >= 0");
    }
    if (b.verification == null || b.auditCommit == null) {
      throw new IllegalArgumentException("verification and auditCommit are required");
    }
    if (!(b.auditGroupSize >= 0) || Double.isInfinite(b.auditGroupSize)) {
      throw new IllegalArgumentException("auditGroupSize must be a finite number >= 0");
    }
    if (b.replayCacheSize < -1) {
      throw new IllegalArgumentException("replayCacheSize must be >= 0, or -1 when unknown");
    }
    if (b.registryFeedLag != null && b.registryFeedLag.isNegative()) {
      throw new IllegalArgumentException("registryFeedLag must not be negative");
    }
    this.acceptedBatches = b.acceptedBatches;
    this.tokensIssued = b.tokensIssued;
    this.statusSubscribers = b.statusSubscribers;
    Map<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
    for (Map.Entry<ReasonCode, Long> entry : b.rejectedBatches.entrySet()) {
      if (entry.getKey() == null || entry.getValue() == null || entry.getValue() < 0) {
        throw new IllegalArgumentException("rejectedBatches holds a null reason or a null or negative count");
      }
      if (entry.getValue() > 0) {
        copy.put(entry.getKey(), entry.getValue());
      }
    }
    this.rejectedBatches = Collections.unmodifiableMap(copy);
    this.verification = b.verification;
    this.auditCommit = b.auditCommit;
    this.auditGroupSize = b.auditGroupSize;
    this.replayCacheSize = b.replayCacheSize;
    this.registryFeedLag = b.registryFeedLag;
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

  /**
   * How long {@link Relay#acceptBatch} took, for every batch accepted or refused: from receiving the
   * bytes to the answer, including the wait for the batch's audit commit (which
   * {@link #auditCommit()} shows on its own).
   */
  public TimingSummary verification() {
    return verification;
  }

  /**
   * How long the store took to commit each group of audit records (one transaction, one disk flush
   * for every batch in the group), successful or not.
   */
  public TimingSummary auditCommit() {
    return auditCommit;
  }

  /**
   * The mean number of audit records per commit over {@link #auditCommit()}'s recent window: 1 when
   * batches arrive one at a time, more when concurrent batches share a commit; 0 when nothing was
   * committed in the window.
   */
  public double auditGroupSize() {
    return auditGroupSize;
  }

  /**
   * Identifiers the replay cache holds now (batch and assertion ids within their window), or -1 when
   * the cache cannot tell cheaply (for example one shared on Redis).
   */
  public long replayCacheSize() {
    return replayCacheSize;
  }

  /**
   * The lag of the last registry change that reached this node from another one: the time from the
   * change's recording on the node that made it (its history entry's time, on that node's clock) to
   * its application here, never negative (clocks of nodes differ; keep them on NTP). {@code null}
   * before any change arrived from elsewhere, and always on a single node (its own changes apply
   * before they are acknowledged), or with a {@link RegistryFeed} that does not carry the time.
   */
  public Duration registryFeedLag() {
    return registryFeedLag;
  }

  @Override
  public String toString() {
    return "RelayStats{accepted=" + acceptedBatches + ", tokens=" + tokensIssued + ", rejected=" + rejectedBatches
        + ", subscribers=" + statusSubscribers + ", verification=" + verification + ", auditCommit=" + auditCommit
        + ", auditGroupSize=" + auditGroupSize + ", replayCacheSize=" + replayCacheSize + ", registryFeedLag="
        + registryFeedLag + "}";
  }

  /**
   * Builds {@link RelayStats}. Counters default to 0, the timings to {@linkplain TimingSummary#empty
   * empty} one-minute summaries, the replay-cache size to -1 (unknown) and the feed lag to
   * {@code null}.
   */
  public static final class Builder {
    private long acceptedBatches;
    private long tokensIssued;
    private Map<ReasonCode, Long> rejectedBatches = Collections.emptyMap();
    private int statusSubscribers;
    private TimingSummary verification = TimingSummary.empty(Duration.ofMinutes(1));
    private TimingSummary auditCommit = TimingSummary.empty(Duration.ofMinutes(1));
    private double auditGroupSize;
    private long replayCacheSize = -1;
    private Duration registryFeedLag;

    /** Batches accepted and recorded (>= 0). */
    public Builder acceptedBatches(long acceptedBatches) {
      this.acceptedBatches = acceptedBatches;
      return this;
    }

    /** Certification tokens issued (>= 0). */
    public Builder tokensIssued(long tokensIssued) {
      this.tokensIssued = tokensIssued;
      return this;
    }

    /** Batches refused by reason (counts >= 0; zero counts are dropped); copied. */
    public Builder rejectedBatches(Map<ReasonCode, Long> rejectedBatches) {
      if (rejectedBatches == null) {
        throw new IllegalArgumentException("rejectedBatches must not be null");
      }
      this.rejectedBatches = new EnumMap<>(ReasonCode.class);
      for (Map.Entry<ReasonCode, Long> entry : rejectedBatches.entrySet()) {
        if (entry.getKey() == null) {
          throw new IllegalArgumentException("rejectedBatches holds a null reason");
        }
        this.rejectedBatches.put(entry.getKey(), entry.getValue());
      }
      return this;
    }

    /** Open status subscriptions (>= 0). */
    public Builder statusSubscribers(int statusSubscribers) {
      this.statusSubscribers = statusSubscribers;
      return this;
    }

    /** See {@link RelayStats#verification()}. */
    public Builder verification(TimingSummary verification) {
      this.verification = verification;
      return this;
    }

    /** See {@link RelayStats#auditCommit()}. */
    public Builder auditCommit(TimingSummary auditCommit) {
      this.auditCommit = auditCommit;
      return this;
    }

    /** Mean audit records per commit (finite, >= 0). */
    public Builder auditGroupSize(double auditGroupSize) {
      this.auditGroupSize = auditGroupSize;
      return this;
    }

    /** Replay-cache entries (>= 0), or -1 when unknown. */
    public Builder replayCacheSize(long replayCacheSize) {
      this.replayCacheSize = replayCacheSize;
      return this;
    }

    /** The last remote change's lag (not negative), or {@code null} when none arrived. */
    public Builder registryFeedLag(Duration registryFeedLag) {
      this.registryFeedLag = registryFeedLag;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming what is wrong. */
    public RelayStats build() {
      return new RelayStats(this);
    }
  }
}
