package io.tqc.relay.enforcement;

/**
 * What the relay did with a spam report: the report's id, its traceback, and the case it opened or
 * joined ({@code null} when nothing matched). Immutable.
 */
public final class ReportResult {
  private final String reportId;
  private final Traceback traceback;
  private final Case joinedCase;
  private final boolean openedCase;

  /** A result. */
  public ReportResult(String reportId, Traceback traceback, Case joinedCase, boolean openedCase) {
    if (reportId == null || traceback == null) {
      throw new IllegalArgumentException("reportId and traceback are required");
    }
    this.reportId = reportId;
    this.traceback = traceback;
    this.joinedCase = joinedCase;
    this.openedCase = openedCase;
  }

  /** The report id. */
  public String reportId() {
    return reportId;
  }

  /** The traceback. */
  public Traceback traceback() {
    return traceback;
  }

  /** The case the report opened or joined, or {@code null} if it traced to nobody. */
  public Case joinedCase() {
    return joinedCase;
  }

  /** True if the report opened a new case (false if it joined an open one or none). */
  public boolean openedCase() {
    return openedCase;
  }

  @Override
  public String toString() {
    return "ReportResult{" + reportId + ", " + traceback + ", case=" + (joinedCase == null ? "none" : joinedCase.id())
        + "}";
  }
}
