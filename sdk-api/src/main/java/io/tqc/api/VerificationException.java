package io.tqc.api;

/**
 * A token, proof, assertion, signed status or batch was refused by a TQC verification rule.
 * The {@link #reason()} says which rule; the first failing rule wins.
 */
public final class VerificationException extends TqcException {
  private static final long serialVersionUID = 1L;

  /** Creates a rejection for {@code reason} with a detail naming the failing value. */
  public VerificationException(ReasonCode reason, String detail) {
    super(reason, detail);
  }
}
