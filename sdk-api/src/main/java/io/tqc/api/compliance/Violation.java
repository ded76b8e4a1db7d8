package io.tqc.api.compliance;

import io.tqc.api.ReasonCode;
import java.io.Serializable;

/**
 * One broken content rule: its reason code, the index of the message it concerns (or
 * {@link #BATCH} for the batch as a whole), a one-line English explanation naming the Korean term
 * and the legal basis, and whether the policy only warns about it. Immutable.
 *
 * <p>The one violation type of TQC: a {@link CompliancePolicy} reports these in its
 * {@link ComplianceReport}, a relay's {@code ContentPolicy} returns them, the relay's refusal lists
 * them in its 422 problem document, and the client's pre-flight refusals
 * ({@code NonCompliantBatchException}, {@code RecipientOptedOutException}) carry them. A rule of
 * your own builds them with {@link #of} or {@link #batch}.
 */
public final class Violation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@link #messageIndex()} of a violation that concerns the whole batch. */
  public static final int BATCH = -1;

  private final ReasonCode code;
  private final int messageIndex;
  private final String detail;
  private final boolean warningOnly;

  /**
   * The detail of a {@code recipient_opted_out} violation, the same from the client's suppression
   * list and from the relay's suppression check.
   */
  static final String OPTED_OUT = "the recipient opted out from (or withdrew consent to) this advertiser's"
      + " messages; remove it and resend [수신거부; 정보통신망법 제50조제2항]";

  Violation(ReasonCode code, int messageIndex, String detail, boolean warningOnly) {
    if (code == null) {
      throw new IllegalArgumentException("a violation needs a reason code");
    }
    if (messageIndex < BATCH) {
      throw new IllegalArgumentException("messageIndex must be >= 0, or Violation.BATCH for the batch; was "
          + messageIndex);
    }
    if (detail == null || detail.trim().isEmpty()) {
      throw new IllegalArgumentException("a violation of " + code.code() + " needs a detail");
    }
    for (int i = 0; i < detail.length(); i++) {
      char c = detail.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        throw new IllegalArgumentException("the detail of a violation of " + code.code() + " must be one line");
      }
    }
    this.code = code;
    this.messageIndex = messageIndex;
    this.detail = detail;
    this.warningOnly = warningOnly;
  }

  /**
   * An enforced violation of {@code code} by message {@code messageIndex} (0-based), or by the
   * batch as a whole when {@code messageIndex} is {@link #BATCH}.
   *
   * @param detail what is wrong, on one line: name the rule (Korean term and legal basis in
   *     brackets, as the built-in rules do) and never quote a recipient number
   * @throws IllegalArgumentException {@code code} is null, {@code messageIndex} is below
   *     {@link #BATCH}, or {@code detail} is null, blank or holds a line break
   */
  public static Violation of(ReasonCode code, int messageIndex, String detail) {
    return new Violation(code, messageIndex, detail, false);
  }

  /**
   * An enforced violation of {@code code} by the batch as a whole (its sender number, advertiser,
   * or a check that could not run): {@code of(code, BATCH, detail)}.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  public static Violation batch(ReasonCode code, String detail) {
    return new Violation(code, BATCH, detail, false);
  }

  /**
   * The enforced {@code recipient_opted_out} violation of message {@code messageIndex}: its
   * recipient opted out (수신거부) from the batch's advertiser. The same violation, with the same
   * detail, whether a client's suppression list or the relay found it.
   *
   * @throws IllegalArgumentException {@code messageIndex} is negative
   */
  public static Violation recipientOptedOut(int messageIndex) {
    if (messageIndex < 0) {
      throw new IllegalArgumentException("recipient_opted_out concerns one message: messageIndex must be >= 0");
    }
    return new Violation(ReasonCode.RECIPIENT_OPTED_OUT, messageIndex, OPTED_OUT, false);
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
