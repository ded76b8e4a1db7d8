package io.tqc.client;

import java.time.Duration;

/**
 * Retries of one relay call made by the client itself (token, status, keys, discovery): the number
 * of attempts, the {@link Backoff} between them (exponential with jitter; it also spaces failed
 * token refreshes) and the longest {@code Retry-After} waited inside one call (a longer one ends the
 * call). Only I/O errors, {@code 5xx} and {@code 429} are retried. Immutable; build with
 * {@link #builder()}; defaults ({@link #defaults()}): 3 attempts, 250 ms to 30 s, {@code Retry-After}
 * up to 30 s.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Backoff backoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    if (b.maxAttempts < 1 || b.maxAttempts > 10) {
      throw new IllegalArgumentException("retry maxAttempts must be 1..10");
    }
    if (b.backoff == null) {
      throw new IllegalArgumentException("retry backoff must not be null");
    }
    if (b.maxRetryAfter == null || b.maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("retry maxRetryAfter must not be negative");
    }
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** The defaults: 3 attempts, backoff 250 ms to 30 s, {@code Retry-After} up to 30 s. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** A builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Attempts per call, the first included (1 = no retry). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The backoff between attempts. */
  public Backoff backoff() {
    return backoff;
  }

  /** The longest {@code Retry-After} waited inside one call. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  @Override
  public String toString() {
    return "RetryPolicy{attempts=" + maxAttempts + ", " + backoff + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Backoff backoff = Backoff.between(Duration.ofMillis(250), Duration.ofSeconds(30));
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder() {}

    /** Attempts per call, 1..10 (default 3). */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The backoff between attempts (default 250 ms to 30 s). */
    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /** The longest {@code Retry-After} waited inside one call (default 30 s). */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /**
     * The validated policy.
     *
     * @throws IllegalArgumentException a value is out of range
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
