package io.tqc.api.compliance;

import io.tqc.api.TqcException;

/**
 * A batch was refused by a {@link CompliancePolicy}: its {@link #reason()} is the code of the
 * first enforced violation, and {@link #report()} lists every violation. The client throws (or
 * wraps) it before any network call; a relay answers 422 with {@link ComplianceReport#errorCodes()}.
 */
public final class ComplianceException extends TqcException {
  private static final long serialVersionUID = 1L;

  private final ComplianceReport report;

  /**
   * An exception for a non-compliant {@code report}.
   *
   * @throws IllegalArgumentException if the report is compliant
   */
  public ComplianceException(ComplianceReport report) {
    super(firstError(report).code(), summary(report));
    this.report = report;
  }

  /** The full report: every violation with its message index, code and explanation. */
  public ComplianceReport report() {
    return report;
  }

  private static Violation firstError(ComplianceReport report) {
    for (Violation violation : report.violations()) {
      if (!violation.warningOnly()) {
        return violation;
      }
    }
    throw new IllegalArgumentException("the report is compliant");
  }

  private static String summary(ComplianceReport report) {
    Violation first = firstError(report);
    int more = report.errors().size() - 1;
    return first.location() + ": " + first.detail()
        + (more > 0 ? " (and " + more + " more " + (more == 1 ? "violation" : "violations") + "; see report())" : "");
  }
}
