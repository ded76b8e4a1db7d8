package io.tqc.api.compliance;

import io.tqc.api.ReasonCode;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link CompliancePolicy#check}: every violation found (batch-level ones first, then
 * by message index), and each message's byte length and {@link MessageClass}. Immutable.
 *
 * <p>A batch is {@linkplain #isCompliant() compliant} when no violation is enforced; warnings do not
 * count. Within one message, violations are listed in rule order: recipient number, duplicate,
 * marker, advertiser name, contact, opt-out, night consent (or mislabelling), links (blocked,
 * look-alike, obfuscated, shortener, not allowed), encoding, length.
 */
public final class ComplianceReport implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;
  private final int[] byteLengths;
  /** The class each message declares, or null entries (and a null array) for sized-by-text. */
  private final MessageClass[] declared;
  private final Instant sendTime;
  private final boolean nightTime;
  private final int errorCount;

  ComplianceReport(List<Violation> violations, int[] byteLengths, MessageClass[] declared, Instant sendTime,
      boolean nightTime) {
    this.violations = Collections.unmodifiableList(new ArrayList<>(violations));
    this.byteLengths = byteLengths; // owned: built by ComplianceRun for this report only
    this.declared = declared; // likewise
    this.sendTime = sendTime;
    this.nightTime = nightTime;
    int errors = 0;
    for (Violation violation : violations) {
      if (!violation.warningOnly()) {
        errors++;
      }
    }
    this.errorCount = errors;
  }

  /** True if no enforced rule is violated (warnings allowed). */
  public boolean isCompliant() {
    return errorCount == 0;
  }

  /** Every violation, enforced and warning-only. */
  public List<Violation> violations() {
    return violations;
  }

  /** The enforced violations: the reasons the batch is refused. */
  public List<Violation> errors() {
    return filter(false);
  }

  /** The warning-only violations. */
  public List<Violation> warnings() {
    return filter(true);
  }

  /** The distinct codes of the enforced violations, in report order (for a 422's code list). */
  public Set<ReasonCode> errorCodes() {
    Set<ReasonCode> codes = new LinkedHashSet<>();
    for (Violation violation : violations) {
      if (!violation.warningOnly()) {
        codes.add(violation.code());
      }
    }
    return Collections.unmodifiableSet(codes);
  }

  /** Number of messages checked. */
  public int messageCount() {
    return byteLengths.length;
  }

  /**
   * The byte length of message {@code index} in the policy's charset (EUC-KR by default), or -1 if
   * it holds a character that charset cannot encode.
   */
  public int byteLength(int index) {
    return byteLengths[index];
  }

  /**
   * The class of message {@code index}: the one it declares ({@code "type"}) if its text fits that
   * class, else the size class of its text; {@code null} if it fits none (not encodable, longer than
   * an LMS, or longer than the SMS it declares).
   */
  public MessageClass messageClass(int index) {
    MessageClass type = declared == null ? null : declared[index];
    if (type == null) {
      return MessageClass.forByteLength(byteLengths[index]);
    }
    return byteLengths[index] >= 0 && byteLengths[index] <= type.maxBytes() ? type : null;
  }

  /** The send time the night window was evaluated at: the batch's {@code send_at} or the default given. */
  public Instant sendTime() {
    return sendTime;
  }

  /** True if {@link #sendTime()} falls in the night window (21:00–08:00 Korea time). */
  public boolean nightTime() {
    return nightTime;
  }

  /**
   * Returns this report if the batch is compliant.
   *
   * @throws ComplianceException listing every violation, if any enforced rule is violated
   */
  public ComplianceReport requireCompliant() throws ComplianceException {
    if (errorCount > 0) {
      throw new ComplianceException(this);
    }
    return this;
  }

  private List<Violation> filter(boolean warningOnly) {
    List<Violation> out = new ArrayList<>();
    for (Violation violation : violations) {
      if (violation.warningOnly() == warningOnly) {
        out.add(violation);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** A summary, e.g. {@code ComplianceReport{not compliant, 3 messages, 2 errors, 1 warning}}. */
  @Override
  public String toString() {
    int warnings = violations.size() - errorCount;
    return "ComplianceReport{" + (isCompliant() ? "compliant" : "not compliant") + ", "
        + byteLengths.length + (byteLengths.length == 1 ? " message, " : " messages, ")
        + errorCount + (errorCount == 1 ? " error, " : " errors, ")
        + warnings + (warnings == 1 ? " warning}" : " warnings}");
  }
}
