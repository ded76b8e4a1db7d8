package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code status_unavailable}: The client could not confirm a relay-signed ACTIVE status within
 * {@code maxStatusAge}: the relay or the network is down, or every status it received was invalid.
 * The client fails closed until a fresh signed status arrives, then recovers by itself.
 */
public final class StatusUnavailableException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public StatusUnavailableException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.STATUS_UNAVAILABLE, detail, refusedBatch, refusedMessageCount, cause);
  }
}
