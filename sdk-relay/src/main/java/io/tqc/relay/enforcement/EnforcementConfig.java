package io.tqc.relay.enforcement;

import java.time.Duration;

/**
 * The enforcement settings of a relay: the traceback key, how long the traceback index is kept,
 * the traceback windows, the sanction ladder and the default quotas. Immutable; build with
 * {@link Builder}.
 */
public final class EnforcementConfig {
  /** Default retention of the traceback index: one year. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
  /** Default exact-match window before the report's received time: 7 days (covers scheduled sends). */
  public static final Duration DEFAULT_EXACT_WINDOW = Duration.ofDays(7);
  /** Default probable-match window before the received time: 1 hour. */
  public static final Duration DEFAULT_PROBABLE_WINDOW = Duration.ofHours(1);
  /** Default allowance after the received time (clock differences between carrier and relay): 10 minutes. */
  public static final Duration DEFAULT_CLOCK_ALLOWANCE = Duration.ofMinutes(10);

  private final TracebackKey tracebackKey;
  private final Duration retention;
  private final Duration exactWindow;
  private final Duration probableWindow;
  private final Duration clockAllowance;
  private final int maxMatches;
  private final SanctionLadder ladder;
  private final QuotaLimits resellerQuota;
  private final QuotaLimits originCodeQuota;
  private final String nodeId;
  private final Duration sanctionCheckInterval;
  private final Duration checkpointInterval;

  private EnforcementConfig(Builder b) {
    if (b.tracebackKey == null) {
      throw new IllegalArgumentException("tracebackKey is required");
    }
    range(b.retention, Duration.ofDays(1), Duration.ofDays(3660), "retention");
    range(b.exactWindow, Duration.ofMinutes(1), Duration.ofDays(31), "exactWindow");
    range(b.probableWindow, Duration.ofMinutes(1), b.exactWindow, "probableWindow");
    range(b.clockAllowance, Duration.ZERO, Duration.ofHours(1), "clockAllowance");
    range(b.sanctionCheckInterval, Duration.ofMillis(10), Duration.ofHours(1), "sanctionCheckInterval");
    range(b.checkpointInterval, Duration.ofMillis(10), Duration.ofDays(1), "checkpointInterval");
    if (b.maxMatches < 1 || b.maxMatches > 1000) {
      throw new IllegalArgumentException("maxMatches must be 1..1000");
    }
    if (b.ladder == null || b.resellerQuota == null || b.originCodeQuota == null) {
      throw new IllegalArgumentException("ladder and quotas must not be null");
    }
    if (b.nodeId == null || !b.nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("nodeId must be 1-64 letters, digits, '.', '_' or '-'");
    }
    this.tracebackKey = b.tracebackKey;
    this.retention = b.retention;
    this.exactWindow = b.exactWindow;
    this.probableWindow = b.probableWindow;
    this.clockAllowance = b.clockAllowance;
    this.maxMatches = b.maxMatches;
    this.ladder = b.ladder;
    this.resellerQuota = b.resellerQuota;
    this.originCodeQuota = b.originCodeQuota;
    this.nodeId = b.nodeId;
    this.sanctionCheckInterval = b.sanctionCheckInterval;
    this.checkpointInterval = b.checkpointInterval;
  }

  private static void range(Duration value, Duration min, Duration max, String name) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }

  /** The traceback key. */
  public TracebackKey tracebackKey() {
    return tracebackKey;
  }

  /** How long traceback index rows are kept (default one year); older rows are pruned. */
  public Duration retention() {
    return retention;
  }

  /** Exact matches: accepted at most this long before the report's received time. */
  public Duration exactWindow() {
    return exactWindow;
  }

  /** Probable matches: accepted at most this long before the received time. */
  public Duration probableWindow() {
    return probableWindow;
  }

  /** Matches may be accepted up to this long after the received time (clocks differ). */
  public Duration clockAllowance() {
    return clockAllowance;
  }

  /** At most this many matches are returned. */
  public int maxMatches() {
    return maxMatches;
  }

  /** The sanction ladder. */
  public SanctionLadder ladder() {
    return ladder;
  }

  /** The default quota of every reseller (overridable per reseller). */
  public QuotaLimits resellerQuota() {
    return resellerQuota;
  }

  /** The default quota of every first-sender code (overridable per code). */
  public QuotaLimits originCodeQuota() {
    return originCodeQuota;
  }

  /** This node's id, recorded with every traceback row. */
  public String nodeId() {
    return nodeId;
  }

  /** How often the relay looks for suspensions that have ended and refreshes quotas. */
  public Duration sanctionCheckInterval() {
    return sanctionCheckInterval;
  }

  /** How often the relay signs a checkpoint of its audit chain (and once more on close). */
  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /** Builds an {@link EnforcementConfig}. */
  public static final class Builder {
    private TracebackKey tracebackKey;
    private Duration retention = DEFAULT_RETENTION;
    private Duration exactWindow = DEFAULT_EXACT_WINDOW;
    private Duration probableWindow = DEFAULT_PROBABLE_WINDOW;
    private Duration clockAllowance = DEFAULT_CLOCK_ALLOWANCE;
    private int maxMatches = 20;
    private SanctionLadder ladder = SanctionLadder.example();
    private QuotaLimits resellerQuota = QuotaLimits.unlimited();
    private QuotaLimits originCodeQuota = QuotaLimits.unlimited();
    private String nodeId = "local";
    private Duration sanctionCheckInterval = Duration.ofSeconds(5);
    private Duration checkpointInterval = Duration.ofMinutes(5);

    /** How often a checkpoint is signed (default 5 minutes). */
    public Builder checkpointInterval(Duration checkpointInterval) {
      this.checkpointInterval = checkpointInterval;
      return this;
    }

    /** The traceback key (required; the same on every node). */
    public Builder tracebackKey(TracebackKey tracebackKey) {
      this.tracebackKey = tracebackKey;
      return this;
    }

    /** Retention of the traceback index (default 1 year). */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /** The exact-match window (default 7 days). */
    public Builder exactWindow(Duration exactWindow) {
      this.exactWindow = exactWindow;
      return this;
    }

    /** The probable-match window (default 1 hour, at most the exact window). */
    public Builder probableWindow(Duration probableWindow) {
      this.probableWindow = probableWindow;
      return this;
    }

    /** The allowance after the received time (default 10 minutes). */
    public Builder clockAllowance(Duration clockAllowance) {
      this.clockAllowance = clockAllowance;
      return this;
    }

    /** At most this many matches (default 20). */
    public Builder maxMatches(int maxMatches) {
      this.maxMatches = maxMatches;
      return this;
    }

    /** The sanction ladder (default {@link SanctionLadder#example()}). */
    public Builder ladder(SanctionLadder ladder) {
      this.ladder = ladder;
      return this;
    }

    /** The default reseller quota (default unlimited). */
    public Builder resellerQuota(QuotaLimits resellerQuota) {
      this.resellerQuota = resellerQuota;
      return this;
    }

    /** The default first-sender code quota (default unlimited). */
    public Builder originCodeQuota(QuotaLimits originCodeQuota) {
      this.originCodeQuota = originCodeQuota;
      return this;
    }

    /** This node's id (default {@code local}). */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** How often ended suspensions are looked for (default 5 s). */
    public Builder sanctionCheckInterval(Duration sanctionCheckInterval) {
      this.sanctionCheckInterval = sanctionCheckInterval;
      return this;
    }

    /** Validates and builds. */
    public EnforcementConfig build() {
      return new EnforcementConfig(this);
    }
  }
}
