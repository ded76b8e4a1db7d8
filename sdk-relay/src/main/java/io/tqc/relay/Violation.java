package io.tqc.relay;

import io.tqc.api.ReasonCode;

/**
 * One content-policy finding: the reason code, the index of the message it concerns (or
 * {@link #BATCH} when it concerns the batch as a whole) and a human-readable detail. Immutable.
 */
public final class Violation {
  /** The {@link #index()} of a violation that concerns the whole batch rather than one message. */
  public static final int BATCH = -1;

  private final ReasonCode reason;
  private final int index;
  private final String detail;

  /**
   * A violation of {@code reason} by message {@code index} (0-based, or {@link #BATCH}).
   *
   * @param detail what is wrong, without quoting more of the message than needed
   */
  public Violation(ReasonCode reason, int index, String detail) {
    if (reason == null || detail == null) {
      throw new IllegalArgumentException("reason and detail are required");
    }
    if (index < BATCH) {
      throw new IllegalArgumentException("index must be >= 0 or Violation.BATCH");
    }
    this.reason = reason;
    this.index = index;
    this.detail = detail;
  }

  /** The reason code. */
  public ReasonCode reason() {
    return reason;
  }

  /** The 0-based message index, or {@link #BATCH}. */
  public int index() {
    return index;
  }

  /** What is wrong. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Violation)) {
      return false;
    }
    Violation that = (Violation) other;
    return reason == that.reason && index == that.index && detail.equals(that.detail);
  }

  @Override
  public int hashCode() {
    return (reason.hashCode() * 31 + index) * 31 + detail.hashCode();
  }

  @Override
  public String toString() {
    return "Violation{" + reason + ", index=" + index + ", " + detail + "}";
  }
}
