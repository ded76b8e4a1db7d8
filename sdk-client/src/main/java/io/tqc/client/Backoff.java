package io.tqc.client;

import java.time.Duration;

/**
 * Exponential backoff between two bounds: the first delay, doubled after each failure (with jitter
 * where the caller says so) up to the longest. Immutable, validated when created.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;

  private Backoff(Duration initial, Duration max) {
    if (initial == null || initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("backoff initial delay must be positive");
    }
    if (max == null || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff max delay must be at least the initial delay");
    }
    this.initial = initial;
    this.max = max;
  }

  /** A backoff from {@code initial} up to {@code max} ({@code initial <= max}, both positive). */
  public static Backoff between(Duration initial, Duration max) {
    return new Backoff(initial, max);
  }

  /** The first delay. */
  public Duration initial() {
    return initial;
  }

  /** The longest delay. */
  public Duration max() {
    return max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Backoff && ((Backoff) o).initial.equals(initial) && ((Backoff) o).max.equals(max);
  }

  @Override
  public int hashCode() {
    return 31 * initial.hashCode() + max.hashCode();
  }

  @Override
  public String toString() {
    return "Backoff{" + initial + ".." + max + "}";
  }
}
