package io.tqc.client.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The relay's time as an offset from the local wall clock (relay minus local), learned only from
 * sources a certification token cannot set: the {@code Date} header of every relay answer and the
 * {@code iat} of every verified signed status. docs/protocol.md ("How the client learns relay
 * time") is the specification; in short:
 *
 * <ul>
 *   <li>Each {@code Date} header is a sample {@code date + 0.5 s - local receipt} (the header has
 *       one-second granularity). The estimate is the median of the last {@value #WINDOW} samples, so
 *       one wrong header cannot move it; a sample more than {@link #MAX_OFFSET} away from the local
 *       clock is discarded as insane.
 *   <li>A verified status's {@code iat} is a lower bound: the relay's signer read at least that
 *       time when it signed. The estimate is raised to the highest of the last {@value #WINDOW}
 *       bounds when the {@code Date} samples are behind it (the signer's clock is the verifier's);
 *       an old or replayed status only gives a lower bound and changes nothing.
 *   <li>When the local wall clock jumps (it moved more than {@link #JUMP} differently from the
 *       monotonic ticker since the last sample), every sample is stale: the window restarts with
 *       the new sample, so the offset recovers with the next relay answer.
 * </ul>
 *
 * <p>Until the first sample the offset is 0 (local time). Thread-safe; samples are rare (one per
 * relay answer or status), the hot path reads the published offset from the client state.
 */
public final class RelayClock {
  /** Samples kept per source. */
  static final int WINDOW = 5;
  /** Samples further than this from the local clock are discarded. */
  static final Duration MAX_OFFSET = Duration.ofHours(24);
  /** Wall-clock movement unexplained by the ticker that counts as a local clock jump. */
  static final Duration JUMP = Duration.ofSeconds(2);
  /** Estimates within this of zero are reported as zero (the granularity of the sources). */
  private static final long GRANULARITY_MILLIS = 1000;

  private final Ticker ticker;
  private final long[] dates = new long[WINDOW];
  private int dateCount;
  private int dateNext;
  private final long[] bounds = new long[WINDOW];
  private int boundCount;
  private int boundNext;
  private long lastWallMillis;
  private long lastTick;
  private boolean anchored;
  private long offsetMillis;

  /** A relay clock whose jump detection reads {@code ticker}. */
  public RelayClock(Ticker ticker) {
    this.ticker = ticker;
  }

  /** The outcome of one observation. */
  public static final class Observation {
    /** The estimate after the observation (relay minus local, milliseconds). */
    public final long offsetMillis;
    /** True if the sample was discarded as out of bounds. */
    public final boolean discarded;
    /** The raw sample (for the log line of a discarded one). */
    public final long sampleMillis;

    Observation(long offsetMillis, boolean discarded, long sampleMillis) {
      this.offsetMillis = offsetMillis;
      this.discarded = discarded;
      this.sampleMillis = sampleMillis;
    }
  }

  /** The current estimate, relay minus local, in milliseconds. */
  public synchronized long offsetMillis() {
    return offsetMillis;
  }

  /** A relay answer's {@code Date} header, received at local wall time {@code localReceipt}. */
  public synchronized Observation dateObserved(Instant relayDate, Instant localReceipt) {
    long sample = relayDate.toEpochMilli() + 500 - localReceipt.toEpochMilli();
    if (Math.abs(sample) > MAX_OFFSET.toMillis()) {
      return new Observation(offsetMillis, true, sample);
    }
    detectJump(localReceipt);
    dates[dateNext] = sample;
    dateNext = (dateNext + 1) % WINDOW;
    dateCount = Math.min(WINDOW, dateCount + 1);
    return new Observation(recompute(), false, sample);
  }

  /** A verified signed status issued (signed) at {@code issuedAt}, received at {@code localReceipt}. */
  public synchronized Observation statusObserved(Instant issuedAt, Instant localReceipt) {
    long bound = issuedAt.toEpochMilli() - localReceipt.toEpochMilli();
    if (Math.abs(bound) > MAX_OFFSET.toMillis()) {
      return new Observation(offsetMillis, true, bound);
    }
    detectJump(localReceipt);
    bounds[boundNext] = bound;
    boundNext = (boundNext + 1) % WINDOW;
    boundCount = Math.min(WINDOW, boundCount + 1);
    return new Observation(recompute(), false, bound);
  }

  private void detectJump(Instant localReceipt) {
    long wall = localReceipt.toEpochMilli();
    long tick = ticker.read();
    if (anchored) {
      long wallMoved = wall - lastWallMillis;
      long tickMoved = (tick - lastTick) / 1_000_000L;
      if (Math.abs(wallMoved - tickMoved) > JUMP.toMillis()) {
        dateCount = 0;
        dateNext = 0;
        boundCount = 0;
        boundNext = 0;
      }
    }
    anchored = true;
    lastWallMillis = wall;
    lastTick = tick;
  }

  private long recompute() {
    long estimate;
    if (dateCount > 0) {
      long[] sorted = new long[dateCount];
      System.arraycopy(dates, 0, sorted, 0, dateCount);
      java.util.Arrays.sort(sorted);
      estimate = sorted[dateCount / 2];
    } else if (boundCount > 0) {
      estimate = Long.MIN_VALUE;
    } else {
      return offsetMillis;
    }
    for (int i = 0; i < boundCount; i++) {
      estimate = Math.max(estimate, bounds[i]);
    }
    offsetMillis = Math.abs(estimate) <= GRANULARITY_MILLIS ? 0 : estimate;
    return offsetMillis;
  }
}
