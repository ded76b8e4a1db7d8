package io.tqc.examples.cli;

/** A CLI failure that is not a TQC reason code (bad file, unreachable relay) with its exit code. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
