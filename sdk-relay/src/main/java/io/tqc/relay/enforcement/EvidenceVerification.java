package io.tqc.relay.enforcement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The result of verifying an evidence bundle offline ({@link EvidenceVerifier}): what was checked and
 * every failure found, in bundle order; {@link #firstFailure()} names the first failing line.
 */
public final class EvidenceVerification {
  /** One failure: the line (from 1), the part it belongs to, and what is wrong. */
  public static final class Failure {
    private final int line;
    private final String part;
    private final String problem;

    Failure(int line, String part, String problem) {
      this.line = line;
      this.part = part;
      this.problem = problem;
    }

    /** The line of the bundle (from 1). */
    public int line() {
      return line;
    }

    /** The part: {@code header}, {@code token}, {@code record}, {@code link}, {@code checkpoint}, {@code status}, {@code case}, {@code case_event}, {@code report}, {@code sanction}, {@code signature}. */
    public String part() {
      return part;
    }

    /** What is wrong. */
    public String problem() {
      return problem;
    }

    @Override
    public String toString() {
      return "line " + line + " (" + part + "): " + problem;
    }
  }

  private final List<Failure> failures;
  private final int records;
  private final int tokens;
  private final int checkpoints;
  private final int lines;

  EvidenceVerification(List<Failure> failures, int records, int tokens, int checkpoints, int lines) {
    List<Failure> sorted = new ArrayList<>(failures);
    Collections.sort(sorted, (a, b) -> Integer.compare(a.line, b.line));
    this.failures = Collections.unmodifiableList(sorted);
    this.records = records;
    this.tokens = tokens;
    this.checkpoints = checkpoints;
    this.lines = lines;
  }

  /** True if every check passed. */
  public boolean ok() {
    return failures.isEmpty();
  }

  /** Every failure, by line. */
  public List<Failure> failures() {
    return failures;
  }

  /** The first failure, or {@code null}. */
  public Failure firstFailure() {
    return failures.isEmpty() ? null : failures.get(0);
  }

  /** Audit records checked (proof against token, token against the keys, chain hash). */
  public int records() {
    return records;
  }

  /** Tokens checked. */
  public int tokens() {
    return tokens;
  }

  /** Checkpoints checked. */
  public int checkpoints() {
    return checkpoints;
  }

  /** Lines in the bundle. */
  public int lines() {
    return lines;
  }

  @Override
  public String toString() {
    return ok() ? "evidence verified: " + records + " records, " + tokens + " tokens, " + checkpoints + " checkpoints"
        : "evidence NOT verified: " + failures.size() + " failures; first: " + firstFailure();
  }
}
