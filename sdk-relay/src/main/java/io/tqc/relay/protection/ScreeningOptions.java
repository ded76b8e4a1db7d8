package io.tqc.relay.protection;

import io.tqc.api.compliance.RuleMode;
import java.time.Duration;

/**
 * How the relay consults an external screening service (a {@link UrlScreen} or an external
 * {@link SenderNumberCheck}): the timeout per batch, how long answers are cached, and what happens
 * when the service finds something or cannot answer. Immutable; build with {@link Builder}.
 *
 * <p>The defaults fail closed: a finding refuses the batch, and a service that does not answer
 * within the timeout refuses it with the retryable {@code screening_unavailable} (503).
 * {@link Builder#onUnavailable(RuleMode) onUnavailable(WARN)} accepts the batch instead and logs
 * a warning.
 */
public final class ScreeningOptions {
  /** Default timeout for the service's answers to one batch: 500 ms. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /** Default lifetime of a cached answer: 10 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  /** Default number of cached answers. */
  public static final int DEFAULT_CACHE_SIZE = 100_000;

  private static final ScreeningOptions DEFAULTS = new Builder().build();

  private final Duration timeout;
  private final Duration ttl;
  private final int cacheSize;
  private final RuleMode onFinding;
  private final RuleMode onUnavailable;

  private ScreeningOptions(Builder b) {
    if (b.timeout == null || b.timeout.isNegative() || b.timeout.isZero() || b.timeout.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("timeout must be between 1 ms and 30 s");
    }
    if (b.ttl == null || b.ttl.isNegative() || b.ttl.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("ttl must be between 0 and 1 day");
    }
    if (b.cacheSize < 0 || b.cacheSize > 10_000_000) {
      throw new IllegalArgumentException("cacheSize must be 0..10000000");
    }
    if (b.onFinding == null || b.onUnavailable == null || b.onUnavailable == RuleMode.OFF) {
      throw new IllegalArgumentException("onFinding is required; onUnavailable must be ENFORCE or WARN");
    }
    this.timeout = b.timeout;
    this.ttl = b.ttl;
    this.cacheSize = b.cacheSize;
    this.onFinding = b.onFinding;
    this.onUnavailable = b.onUnavailable;
  }

  /** Fail closed, 500 ms, 10 minutes' cache of 100,000 answers. */
  public static ScreeningOptions defaults() {
    return DEFAULTS;
  }

  /** The longest the relay waits for the service's answers to one batch. */
  public Duration timeout() {
    return timeout;
  }

  /** How long an answer is reused. */
  public Duration ttl() {
    return ttl;
  }

  /** How many answers are cached. */
  public int cacheSize() {
    return cacheSize;
  }

  /** What a finding does: ENFORCE refuses the batch, WARN logs it, OFF skips the check. */
  public RuleMode onFinding() {
    return onFinding;
  }

  /** What an unanswered lookup does: ENFORCE refuses with {@code screening_unavailable}, WARN accepts. */
  public RuleMode onUnavailable() {
    return onUnavailable;
  }

  @Override
  public String toString() {
    return "ScreeningOptions{timeout=" + timeout + ", ttl=" + ttl + ", cacheSize=" + cacheSize + ", onFinding="
        + onFinding + ", onUnavailable=" + onUnavailable + "}";
  }

  /** Builds {@link ScreeningOptions}. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration ttl = DEFAULT_TTL;
    private int cacheSize = DEFAULT_CACHE_SIZE;
    private RuleMode onFinding = RuleMode.ENFORCE;
    private RuleMode onUnavailable = RuleMode.ENFORCE;

    /** Timeout for one batch's lookups, 1 ms to 30 s; default 500 ms. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Lifetime of a cached answer, 0 (no cache) to 1 day; default 10 minutes. */
    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    /** Number of cached answers; default 100,000. */
    public Builder cacheSize(int cacheSize) {
      this.cacheSize = cacheSize;
      return this;
    }

    /** What a finding does; default ENFORCE. */
    public Builder onFinding(RuleMode onFinding) {
      this.onFinding = onFinding;
      return this;
    }

    /** What an unanswered lookup does: ENFORCE (default, fail closed) or WARN (fail open, logged). */
    public Builder onUnavailable(RuleMode onUnavailable) {
      this.onUnavailable = onUnavailable;
      return this;
    }

    /** Validates and builds. */
    public ScreeningOptions build() {
      return new ScreeningOptions(this);
    }
  }
}
