package io.tqc.relay.enforcement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The relay's sanction ladder: the n-th sanctioned case of a reseller within the look-back window
 * gets step n (the last step for every case beyond). The {@linkplain #example() example} is an
 * illustration, not the law: each relay operator sets its own ladder from its terms of service and
 * the operating committee's rules. Immutable.
 */
public final class SanctionLadder {
  private final Duration lookback;
  private final List<SanctionStep> steps;

  private SanctionLadder(Builder b) {
    if (b.lookback == null || b.lookback.isNegative() || b.lookback.isZero()
        || b.lookback.compareTo(Duration.ofDays(3660)) > 0) {
      throw new IllegalArgumentException("lookback must be between 1 ms and 3660 days");
    }
    if (b.steps.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one step");
    }
    this.lookback = b.lookback;
    this.steps = Collections.unmodifiableList(new ArrayList<>(b.steps));
  }

  /**
   * The documented example: first sanctioned case → warning and a daily quota of 10,000 messages
   * for 30 days; second within 90 days → suspension for 7 days; third → revocation.
   */
  public static SanctionLadder example() {
    return new Builder().lookback(Duration.ofDays(90))
        .step(SanctionStep.warning().withReducedDailyQuota(10_000, Duration.ofDays(30)))
        .step(SanctionStep.suspension(Duration.ofDays(7)))
        .step(SanctionStep.revocation())
        .build();
  }

  /** How far back earlier sanctions count. */
  public Duration lookback() {
    return lookback;
  }

  /** The steps, first first. */
  public List<SanctionStep> steps() {
    return steps;
  }

  /** The step for a reseller's {@code occurrence}-th sanction within the look-back window (from 1). */
  public SanctionStep step(int occurrence) {
    return steps.get(Math.min(Math.max(occurrence, 1), steps.size()) - 1);
  }

  @Override
  public String toString() {
    return "SanctionLadder{lookback=" + lookback + ", " + steps + "}";
  }

  /** Builds a {@link SanctionLadder}. */
  public static final class Builder {
    private Duration lookback = Duration.ofDays(90);
    private final List<SanctionStep> steps = new ArrayList<>();

    /** How far back earlier sanctions count (default 90 days). */
    public Builder lookback(Duration lookback) {
      this.lookback = lookback;
      return this;
    }

    /** Appends the next step. */
    public Builder step(SanctionStep step) {
      if (step == null) {
        throw new IllegalArgumentException("step is required");
      }
      steps.add(step);
      return this;
    }

    /** Validates and builds. */
    public SanctionLadder build() {
      return new SanctionLadder(this);
    }
  }
}
