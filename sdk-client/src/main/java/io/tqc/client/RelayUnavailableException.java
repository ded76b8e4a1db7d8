package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code relay_unavailable}: The relay could not be reached, answered with a server error, or
 * answered with something that is not the TQC HTTP contract (wrong content type, malformed JSON).
 * Reported to listeners and as the cause of a {@link NotCertifiedException}; the client retries
 * with backoff.
 */
public final class RelayUnavailableException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public RelayUnavailableException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.RELAY_UNAVAILABLE, detail, refusedBatch, refusedMessageCount, cause);
  }
}
