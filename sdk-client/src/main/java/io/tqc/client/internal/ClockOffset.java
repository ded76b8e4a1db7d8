package io.tqc.client.internal;

import java.time.Instant;

/**
 * Estimates relay time minus local time from a relay timestamp with one-second granularity (a
 * token's {@code iat} or an HTTP {@code Date}) observed at a known local instant.
 */
public final class ClockOffset {
  private ClockOffset() {}

  /**
   * The offset in milliseconds; 0 when it is within the one-second granularity of the relay's
   * timestamp (the relay's true time lies in {@code [stamp, stamp + 1 s)}, so its midpoint is used).
   */
  public static long estimateMillis(Instant relayStamp, Instant localAtReceipt) {
    long raw = relayStamp.toEpochMilli() + 500 - localAtReceipt.toEpochMilli();
    return Math.abs(raw) <= 1000 ? 0 : raw;
  }
}
