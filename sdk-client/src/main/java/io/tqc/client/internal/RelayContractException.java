package io.tqc.client.internal;

import java.io.IOException;

/**
 * The relay answered, but not with the TQC HTTP contract: wrong content type, malformed or
 * oversized JSON, missing members. Not retried (the answer would not change), but counted as a
 * relay failure by the circuit breaker.
 */
public final class RelayContractException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public RelayContractException(String message) {
    super(message);
  }
}
