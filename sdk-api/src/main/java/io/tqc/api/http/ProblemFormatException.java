package io.tqc.api.http;

/**
 * Bytes that were to be a TQC wire document (a problem, a receipt, a configuration) are not one.
 * Not retryable as such: the peer does not speak the TQC contract (a proxy's error page, a newer
 * incompatible relay). The message names what is wrong and never echoes the document.
 */
public final class ProblemFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming what is wrong. */
  public ProblemFormatException(String message) {
    super(message);
  }
}
