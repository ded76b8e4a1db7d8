package io.tqc.client;

import io.tqc.api.compliance.ComplianceException;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.compliance.Violation;
import java.util.List;

/**
 * The client's compliance pre-flight refused a batch before anything went on the network: the
 * batch breaks at least one rule its {@link io.tqc.api.compliance.CompliancePolicy} enforces
 * (the {@code (광고)} marker, opt-out, night-time consent, sender number, sizes; see
 * docs/compliance.md). {@link #reason()} is the code of the first enforced violation,
 * {@link #report()} lists every violation with its message index, code and explanation, and
 * {@link #refusedBatch()} holds the refused bytes.
 *
 * <p>Unlike the certification refusals this is not transient: fix the listed messages (or the
 * policy) and certify again. The {@linkplain #getCause() cause} is the
 * {@link ComplianceException} for the same report. Messages never contain a recipient number.
 */
public final class NonCompliantBatchException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  private final ComplianceReport report;

  /**
   * Creates the exception.
   *
   * @param report a non-compliant report
   * @param refusedBatch the refused batch bytes
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @throws IllegalArgumentException if the report is compliant
   */
  public NonCompliantBatchException(ComplianceReport report, byte[] refusedBatch, int refusedMessageCount) {
    this(new ComplianceException(report), refusedBatch, refusedMessageCount);
  }

  private NonCompliantBatchException(ComplianceException cause, byte[] refusedBatch, int refusedMessageCount) {
    super(cause.reason(), cause.detail(), refusedBatch, refusedMessageCount, cause);
    this.report = cause.report();
  }

  /** The full pre-flight report: every violation (warnings included), byte lengths and size classes. */
  public ComplianceReport report() {
    return report;
  }

  /** The enforced violations: every reason the batch was refused, in report order. */
  public List<Violation> violations() {
    return report.errors();
  }
}
