package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code certification_expired}: The certification's validity period (인증 유효기간, the token's {@code
 * cert_exp}) has ended, or the relay refused a token because it has. Renew the certification with
 * the relay.
 */
public final class CertificationExpiredException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public CertificationExpiredException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.CERTIFICATION_EXPIRED, detail, refusedBatch, refusedMessageCount, cause);
  }
}
