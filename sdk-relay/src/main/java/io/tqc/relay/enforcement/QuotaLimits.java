package io.tqc.relay.enforcement;

/**
 * Message quotas: at most {@link #perDay()} messages per calendar day in Asia/Seoul and at most
 * {@link #perMinute()} per minute; {@link #UNLIMITED} for no limit. Immutable.
 */
public final class QuotaLimits {
  /** No limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;
  private static final QuotaLimits NONE = new QuotaLimits(UNLIMITED, UNLIMITED);

  private final long perDay;
  private final long perMinute;

  private QuotaLimits(long perDay, long perMinute) {
    if (perDay < 0 || perMinute < 0) {
      throw new IllegalArgumentException("quotas must be >= 0");
    }
    this.perDay = perDay;
    this.perMinute = perMinute;
  }

  /** Limits of {@code perDay} messages a day and {@code perMinute} a minute ({@link #UNLIMITED} for none). */
  public static QuotaLimits of(long perDay, long perMinute) {
    return new QuotaLimits(perDay, perMinute);
  }

  /** No limits. */
  public static QuotaLimits unlimited() {
    return NONE;
  }

  /** Messages per Asia/Seoul calendar day. */
  public long perDay() {
    return perDay;
  }

  /** Messages per minute. */
  public long perMinute() {
    return perMinute;
  }

  /** The stricter of this and {@code other}, limit by limit. */
  public QuotaLimits min(QuotaLimits other) {
    return new QuotaLimits(Math.min(perDay, other.perDay), Math.min(perMinute, other.perMinute));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuotaLimits && ((QuotaLimits) o).perDay == perDay && ((QuotaLimits) o).perMinute == perMinute;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(perDay) * 31 + Long.hashCode(perMinute);
  }

  @Override
  public String toString() {
    return "QuotaLimits{day=" + (perDay == UNLIMITED ? "unlimited" : perDay) + ", minute="
        + (perMinute == UNLIMITED ? "unlimited" : perMinute) + "}";
  }
}
