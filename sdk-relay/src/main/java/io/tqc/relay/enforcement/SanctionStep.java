package io.tqc.relay.enforcement;

import java.time.Duration;

/**
 * One rung of a {@link SanctionLadder}: the kind of sanction, how long a suspension lasts, and an
 * optional reduced daily quota with how long it applies.
 */
public final class SanctionStep {
  private final SanctionKind kind;
  private final Duration suspension;
  private final long reducedDailyQuota;
  private final Duration quotaDuration;

  private SanctionStep(SanctionKind kind, Duration suspension, long reducedDailyQuota, Duration quotaDuration) {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
    if (kind == SanctionKind.SUSPENSION && (suspension == null || suspension.isNegative() || suspension.isZero()
        || suspension.compareTo(Duration.ofDays(3660)) > 0)) {
      throw new IllegalArgumentException("a suspension lasts between 1 ms and 3660 days");
    }
    if (reducedDailyQuota != QuotaLimits.UNLIMITED && (reducedDailyQuota < 0 || quotaDuration == null
        || quotaDuration.isNegative() || quotaDuration.isZero())) {
      throw new IllegalArgumentException("a reduced quota needs a limit >= 0 and a positive duration");
    }
    this.kind = kind;
    this.suspension = kind == SanctionKind.SUSPENSION ? suspension : null;
    this.reducedDailyQuota = reducedDailyQuota;
    this.quotaDuration = reducedDailyQuota == QuotaLimits.UNLIMITED ? null : quotaDuration;
  }

  /** A warning. */
  public static SanctionStep warning() {
    return new SanctionStep(SanctionKind.WARNING, null, QuotaLimits.UNLIMITED, null);
  }

  /** A suspension for {@code duration}, reinstated automatically at its end. */
  public static SanctionStep suspension(Duration duration) {
    return new SanctionStep(SanctionKind.SUSPENSION, duration, QuotaLimits.UNLIMITED, null);
  }

  /** Revocation. */
  public static SanctionStep revocation() {
    return new SanctionStep(SanctionKind.REVOCATION, null, QuotaLimits.UNLIMITED, null);
  }

  /** This step with the daily quota reduced to {@code messagesPerDay} for {@code duration}. */
  public SanctionStep withReducedDailyQuota(long messagesPerDay, Duration duration) {
    return new SanctionStep(kind, suspension, messagesPerDay, duration);
  }

  /** The kind. */
  public SanctionKind kind() {
    return kind;
  }

  /** How long a suspension lasts, or {@code null} for another kind. */
  public Duration suspension() {
    return suspension;
  }

  /** The reduced daily quota, or {@link QuotaLimits#UNLIMITED} for none. */
  public long reducedDailyQuota() {
    return reducedDailyQuota;
  }

  /** How long the reduced quota applies, or {@code null}. */
  public Duration quotaDuration() {
    return quotaDuration;
  }

  @Override
  public String toString() {
    return kind + (suspension != null ? " " + suspension : "")
        + (reducedDailyQuota != QuotaLimits.UNLIMITED ? " quota " + reducedDailyQuota + "/day for " + quotaDuration : "");
  }
}
