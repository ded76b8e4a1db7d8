package io.tqc.relay;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.compliance.Violation;
import io.tqc.api.http.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The relay refused a request. {@link #reason()} is the stable code to answer with (its
 * {@link ReasonCode#httpStatus()} is the HTTP status); a content-policy refusal also lists every
 * {@linkplain #violations() violation}, and its reason is the first violation's. The detail never
 * contains a token, proof, key or administrator credential.
 */
public final class RelayException extends TqcException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;
  private final Duration retryAfter;

  /** A refusal for {@code reason} with a human-readable {@code detail}. */
  public RelayException(ReasonCode reason, String detail) {
    super(reason, detail);
    this.violations = Collections.emptyList();
    this.retryAfter = null;
  }

  /**
   * A refusal for {@code reason} that may succeed after {@code retryAfter} (answer it as
   * {@code Retry-After}), for example {@code quota_exceeded} until the next quota window.
   */
  public RelayException(ReasonCode reason, String detail, Duration retryAfter) {
    super(reason, detail);
    this.violations = Collections.emptyList();
    this.retryAfter = retryAfter;
  }

  /** A refusal for {@code reason} caused by {@code cause} (for example a storage failure). */
  public RelayException(ReasonCode reason, String detail, Throwable cause) {
    super(reason, detail, cause);
    this.violations = Collections.emptyList();
    this.retryAfter = null;
  }

  private RelayException(List<Violation> violations) {
    super(violations.get(0).code(), violations.size() == 1
        ? violations.get(0).detail()
        : violations.size() + " content violations; first: " + violations.get(0).detail());
    this.violations = Collections.unmodifiableList(new ArrayList<>(violations));
    this.retryAfter = null;
  }

  /**
   * A content-policy refusal listing every violation found (at least one, none null); its reason
   * is the first violation's.
   */
  public static RelayException contentViolations(List<Violation> violations) {
    if (violations == null || violations.isEmpty()) {
      throw new IllegalArgumentException("at least one violation is required");
    }
    if (violations.contains(null)) {
      throw new IllegalArgumentException("violations must not hold null");
    }
    return new RelayException(violations);
  }

  /** When to retry ({@code Retry-After}), or {@code null} if the refusal does not say. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The content violations behind this refusal; empty unless the content policy refused the batch. */
  public List<Violation> violations() {
    return violations;
  }

  /**
   * The RFC 9457 problem document of this refusal ({@code application/problem+json}, HTTP status
   * {@code reason().httpStatus()}), with its content violations: what any HTTP stack answers with
   * (see {@link io.tqc.api.http.TqcHeaders} for the {@code WWW-Authenticate} and
   * {@code Retry-After} headers that go with it).
   */
  public Problem toProblem() {
    Problem.Builder problem = Problem.builder(reason()).detail(detail());
    for (Violation violation : violations) {
      problem.violation(violation.messageIndex(), violation.code(), violation.detail());
    }
    return problem.build();
  }
}
