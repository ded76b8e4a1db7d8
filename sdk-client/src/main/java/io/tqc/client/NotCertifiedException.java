package io.tqc.client;

import io.tqc.api.Disposition;
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

  /**
   * {@link Disposition#STOP} when the token request was refused for good (the client keeps trying in
   * the background, but only a change of registration, key or id heals it), else
   * {@link Disposition#WAIT_FOR_RELAY}.
   */
  @Override
  public Disposition disposition() {
    return TqcClient.isPermanent(this) ? Disposition.STOP : Disposition.WAIT_FOR_RELAY;
  }
}
