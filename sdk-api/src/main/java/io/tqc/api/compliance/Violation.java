package io.tqc.api.compliance;

import io.tqc.api.ReasonCode;
import java.io.Serializable;

/**
 * One broken compliance rule: its reason code, the index of the message it concerns (or
 * {@link #BATCH} for the batch as a whole), a one-line English explanation naming the Korean term
 * and the legal basis, and whether the policy only warns about it. Immutable.
 */
public final class Violation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@link #messageIndex()} of a violation that concerns the whole batch. */
  public static final int BATCH = -1;

  private final ReasonCode code;
  private final int messageIndex;
  private final String detail;
  private final boolean warningOnly;

  Violation(ReasonCode code, int messageIndex, String detail, boolean warningOnly) {
    this.code = code;
    this.messageIndex = messageIndex;
    this.detail = detail;
    this.warningOnly = warningOnly;
  }

  /** The stable reason code, e.g. {@link ReasonCode#AD_MARKER_MISSING}. */
  public ReasonCode code() {
    return code;
  }

  /** The zero-based index of the message in the batch, or {@link #BATCH} (-1) for the batch. */
  public int messageIndex() {
    return messageIndex;
  }

  /** True if the violation concerns the batch as a whole rather than one message. */
  public boolean isBatchLevel() {
    return messageIndex == BATCH;
  }

  /**
   * A one-line English explanation, ending with the Korean term and the legal basis in brackets,
   * e.g. {@code ... [광고 표시; 정보통신망법 제50조제4항, 시행령 제61조]}. Never contains a
   * recipient number.
   */
  public String detail() {
    return detail;
  }

  /** True if the policy only warns about this rule ({@link RuleMode#WARN}). */
  public boolean warningOnly() {
    return warningOnly;
  }

  /** Where the violation is: {@code batch} or {@code messages[i]}. */
  public String location() {
    return messageIndex == BATCH ? "batch" : "messages[" + messageIndex + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Violation)) {
      return false;
    }
    Violation other = (Violation) o;
    return code == other.code && messageIndex == other.messageIndex
        && warningOnly == other.warningOnly && detail.equals(other.detail);
  }

  @Override
  public int hashCode() {
    return (code.hashCode() * 31 + messageIndex) * 31 + detail.hashCode() + (warningOnly ? 1 : 0);
  }

  /** {@code messages[3] ad_marker_missing: ...}, prefixed by {@code warning } when warning-only. */
  @Override
  public String toString() {
    return (warningOnly ? "warning " : "") + location() + " " + code.code() + ": " + detail;
  }
}
