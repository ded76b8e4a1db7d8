package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * {@code not_certified}: The client holds no usable certification token: the first token has not
 * arrived yet, the last refresh failed and the cached token went stale, the relay rejected the
 * token, or the client is closed. The {@linkplain #getCause() cause} is the last token refresh
 * failure, if any. Usually transient: keep the batch and retry after the client recovers.
 */
public final class NotCertifiedException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public NotCertifiedException(String detail, byte[] refusedBatch, int refusedMessageCount, Throwable cause) {
    super(ReasonCode.NOT_CERTIFIED, detail, refusedBatch, refusedMessageCount, cause);
  }
}
