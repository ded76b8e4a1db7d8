package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code certification_revoked}: The relay revoked this reseller's certification (인증 취소). Terminal
 * for this client: nothing will be certified again. Close the client; only a new certification
 * from the relay helps.
 */
public final class CertificationRevokedException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public CertificationRevokedException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.CERTIFICATION_REVOKED, detail, refusedBatch, refusedMessageCount, cause);
  }
}
