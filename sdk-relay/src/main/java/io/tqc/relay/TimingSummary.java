package io.tqc.relay;

import java.time.Duration;

/**
 * How long one kind of relay operation took: the {@linkplain #count() count} and
 * {@linkplain #total() total time} since the relay opened (both only grow, so a monitoring system
 * derives rates and means from them), and the {@linkplain #recentCount() count},
 * {@linkplain #mean() mean} and {@linkplain #max() maximum} over a recent {@linkplain #window()
 * window} (about the last minute), for a dashboard. Immutable; build with {@link Builder}.
 */
public final class TimingSummary {
  private final long count;
  private final Duration total;
  private final Duration window;
  private final long recentCount;
  private final Duration mean;
  private final Duration max;

  private TimingSummary(Builder b) {
    if (b.count < 0 || b.recentCount < 0 || b.recentCount > b.count) {
      throw new IllegalArgumentException("count >= recentCount >= 0 is required");
    }
    this.count = b.count;
    this.total = nonNegative(b.total, "total");
    this.window = nonNegative(b.window, "window");
    this.recentCount = b.recentCount;
    this.mean = nonNegative(b.mean, "mean");
    this.max = nonNegative(b.max, "max");
    if (recentCount == 0 && (!mean.isZero() || !max.isZero())) {
      throw new IllegalArgumentException("mean and max are zero when nothing was measured in the window");
    }
    if (mean.compareTo(max) > 0) {
      throw new IllegalArgumentException("mean must not exceed max");
    }
  }

  private static Duration nonNegative(Duration value, String name) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be a non-negative duration");
    }
    return value;
  }

  /** A summary of nothing measured yet, over {@code window}. */
  public static TimingSummary empty(Duration window) {
    return new Builder().window(window).build();
  }

  /** Operations measured since the relay opened. */
  public long count() {
    return count;
  }

  /** Their total time since the relay opened. */
  public Duration total() {
    return total;
  }

  /** The length of the recent window that {@link #recentCount()}, {@link #mean()} and {@link #max()} cover. */
  public Duration window() {
    return window;
  }

  /** Operations measured within the recent window. */
  public long recentCount() {
    return recentCount;
  }

  /** Their mean time; zero when none was measured in the window. */
  public Duration mean() {
    return mean;
  }

  /** The longest of them; zero when none was measured in the window. */
  public Duration max() {
    return max;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimingSummary)) {
      return false;
    }
    TimingSummary other = (TimingSummary) o;
    return count == other.count && recentCount == other.recentCount && total.equals(other.total)
        && window.equals(other.window) && mean.equals(other.mean) && max.equals(other.max);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(count) * 31 + total.hashCode()) * 31 + Long.hashCode(recentCount)) * 31 + max.hashCode();
  }

  @Override
  public String toString() {
    return "TimingSummary{count=" + count + ", total=" + total + ", last " + window.getSeconds() + " s: n="
        + recentCount + ", mean=" + mean + ", max=" + max + "}";
  }

  /** Builds a {@link TimingSummary}; every duration defaults to zero and every count to 0. */
  public static final class Builder {
    private long count;
    private Duration total = Duration.ZERO;
    private Duration window = Duration.ZERO;
    private long recentCount;
    private Duration mean = Duration.ZERO;
    private Duration max = Duration.ZERO;

    /** Operations measured since the relay opened (>= 0). */
    public Builder count(long count) {
      this.count = count;
      return this;
    }

    /** Their total time (non-negative). */
    public Builder total(Duration total) {
      this.total = total;
      return this;
    }

    /** The length of the recent window (non-negative). */
    public Builder window(Duration window) {
      this.window = window;
      return this;
    }

    /** Operations measured within the window (at most {@link #count}). */
    public Builder recentCount(long recentCount) {
      this.recentCount = recentCount;
      return this;
    }

    /** Their mean time (zero when {@code recentCount} is 0; at most {@link #max}). */
    public Builder mean(Duration mean) {
      this.mean = mean;
      return this;
    }

    /** The longest of them (zero when {@code recentCount} is 0). */
    public Builder max(Duration max) {
      this.max = max;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming what is wrong. */
    public TimingSummary build() {
      return new TimingSummary(this);
    }
  }
}
