package io.tqc.relay.enforcement;

import java.time.Instant;

/**
 * One counter a batch is charged to in the audit commit: subject key, window (for example
 * {@code day:2026-12-01} or {@code minute:29420000}), the limit in force and when the window ends.
 * The store adds the batch's message count only if the counter stays within the limit, for every
 * charge of the record or for none (then nothing of the batch is stored: never partially accepted).
 */
public final class QuotaCharge {
  private final String key;
  private final String window;
  private final long limit;
  private final Instant windowEnd;

  /** A charge to counter ({@code key}, {@code window}) under {@code limit}, the window ending at {@code windowEnd}. */
  public QuotaCharge(String key, String window, long limit, Instant windowEnd) {
    if (key == null || window == null || windowEnd == null || limit < 0) {
      throw new IllegalArgumentException("key, window, windowEnd and a limit >= 0 are required");
    }
    this.key = key;
    this.window = window;
    this.limit = limit;
    this.windowEnd = windowEnd;
  }

  /** The subject key ({@link QuotaSubject#key()}). */
  public String key() {
    return key;
  }

  /** The window label. */
  public String window() {
    return window;
  }

  /** The most messages the counter may reach. */
  public long limit() {
    return limit;
  }

  /** When the window ends (and the counter starts again from 0). */
  public Instant windowEnd() {
    return windowEnd;
  }

  @Override
  public String toString() {
    return "QuotaCharge{" + key + " " + window + " <= " + limit + "}";
  }
}
