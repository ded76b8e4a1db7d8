package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code certification_suspended}: The relay suspended this reseller's certification (일시정지),
 * usually for illegal spam. Every advertising batch is refused until the relay publishes a signed
 * ACTIVE status with a higher sequence number; the client then fetches a new token by itself.
 */
public final class CertificationSuspendedException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public CertificationSuspendedException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.CERTIFICATION_SUSPENDED, detail, refusedBatch, refusedMessageCount, cause);
  }
}
