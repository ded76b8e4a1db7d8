package io.tqc.api;

/**
 * Base of every exception the TQC API module throws. Each carries a stable {@link ReasonCode}
 * and a detail message that names what is wrong without ever including secret material
 * (private keys, full tokens or proofs).
 */
public class TqcException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reason;

  /** Creates an exception for {@code reason} with a human-readable {@code detail}. */
  public TqcException(ReasonCode reason, String detail) {
    super(reason.code() + ": " + detail);
    this.reason = reason;
  }

  /** Creates an exception for {@code reason} with a detail and the underlying cause. */
  public TqcException(ReasonCode reason, String detail, Throwable cause) {
    super(reason.code() + ": " + detail, cause);
    this.reason = reason;
  }

  /** The machine-readable reason. */
  public ReasonCode reason() {
    return reason;
  }

  /** The detail, without the leading reason code. */
  public String detail() {
    String message = getMessage();
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
