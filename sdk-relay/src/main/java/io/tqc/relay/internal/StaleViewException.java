package io.tqc.relay.internal;

/**
 * Thrown by the status signer when this node's view of the registry is not known to be current: it
 * must not sign an ACTIVE status then. The publisher skips the push; the status endpoint answers
 * {@code relay_unavailable}.
 */
public final class StaleViewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The (only) instance's message says nothing about any reseller. */
  public StaleViewException() {
    super("status view not current", null, false, false);
  }
}
