package io.tqc.client;

import java.time.Duration;

/**
 * The circuit breaker of each kind of relay call: a count-based window of {@code window} calls that
 * opens when at least {@code minimumCalls} were recorded and half of them failed, then stays open for
 * {@code openDuration} (calls fail at once without reaching the network). Immutable; build with
 * {@link #builder()}; defaults ({@link #defaults()}): window 10, minimum 5, open 30 s.
 */
public final class CircuitBreakerPolicy {
  private final int window;
  private final int minimumCalls;
  private final Duration openDuration;

  private CircuitBreakerPolicy(Builder b) {
    if (b.window < 2) {
      throw new IllegalArgumentException("circuit breaker window must be >= 2");
    }
    if (b.minimumCalls < 1 || b.minimumCalls > b.window) {
      throw new IllegalArgumentException("circuit breaker minimumCalls must be in [1, window]");
    }
    this.window = b.window;
    this.minimumCalls = b.minimumCalls;
    this.openDuration = Timeouts.positive(b.openDuration, "circuit breaker open duration");
  }

  /** The defaults: window 10, minimum 5 calls, open 30 s. */
  public static CircuitBreakerPolicy defaults() {
    return builder().build();
  }

  /** A builder preset with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Size of the sliding window, in calls. */
  public int window() {
    return window;
  }

  /** Calls recorded before the breaker may open. */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** How long an open breaker stays open. */
  public Duration openDuration() {
    return openDuration;
  }

  @Override
  public String toString() {
    return "CircuitBreakerPolicy{window=" + window + ", minimumCalls=" + minimumCalls + ", open=" + openDuration + "}";
  }

  /** Builds a {@link CircuitBreakerPolicy}. */
  public static final class Builder {
    private int window = 10;
    private int minimumCalls = 5;
    private Duration openDuration = Duration.ofSeconds(30);

    private Builder() {}

    /** Size of the sliding window in calls, at least 2 (default 10). */
    public Builder window(int window) {
      this.window = window;
      return this;
    }

    /** Calls recorded before the breaker may open, 1..window (default 5). */
    public Builder minimumCalls(int minimumCalls) {
      this.minimumCalls = minimumCalls;
      return this;
    }

    /** How long an open breaker stays open (default 30 s). */
    public Builder openDuration(Duration openDuration) {
      this.openDuration = openDuration;
      return this;
    }

    /**
     * The validated policy.
     *
     * @throws IllegalArgumentException a value is out of range
     */
    public CircuitBreakerPolicy build() {
      return new CircuitBreakerPolicy(this);
    }
  }
}
