package io.tqc.client;

import io.tqc.api.Disposition;
import io.tqc.api.ReasonCode;
import java.io.IOException;

/**
 * Base of every exception the TQC client throws. It extends {@link IOException} so that the
 * {@linkplain TqcClient#interceptor() OkHttp interceptor} can throw it across OkHttp's interceptor
 * boundary (OkHttp turns any other exception into a cancelled call or, on asynchronous calls, an
 * uncaught-exception crash).
 *
 * <p>Each exception carries a stable {@link ReasonCode}. When it refuses a batch, the batch comes
 * back through {@link #refusedBatch()} so that nothing is dropped silently: queue it, retry it later
 * or report it, but never send it without a certification.
 *
 * <p>{@link #disposition()} says what to do about it (retry later, wait for the relay, fix the batch,
 * stop), so that refusal handling is one {@code switch} over it rather than one {@code catch} per
 * subtype.
 *
 * <p>Messages never contain a token, a proof or key material.
 */
public class TqcClientException extends IOException {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reason;
  private final String detail;
  private final byte[] refusedBatch;
  private final int refusedMessageCount;

  /**
   * Creates an exception.
   *
   * @param reason the machine-readable reason
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the batch bytes this exception refuses, or {@code null} if none
   * @param refusedMessageCount the number of messages in {@code refusedBatch} (0 if none)
   * @param cause the underlying cause, or {@code null}
   */
  public TqcClientException(ReasonCode reason, String detail, byte[] refusedBatch, int refusedMessageCount,
      Throwable cause) {
    super(reason.code() + ": " + detail, cause);
    this.reason = reason;
    this.detail = detail;
    this.refusedBatch = refusedBatch;
    this.refusedMessageCount = refusedBatch == null ? 0 : refusedMessageCount;
  }

  /** The machine-readable reason. */
  public ReasonCode reason() {
    return reason;
  }

  /**
   * What a sender does about this refusal. By default the {@linkplain ReasonCode#disposition()
   * disposition of the reason}; a {@code not_certified} whose cause is a permanent refusal of the
   * token request (unknown reseller, bad assertion, wrong key) is {@link Disposition#STOP}.
   */
  public Disposition disposition() {
    return reason.disposition();
  }

  /** The detail, without the leading reason code. */
  public String detail() {
    return detail;
  }

  /**
   * The batch that was refused: the very array passed to {@link TqcClient#certify}, or the body
   * the interceptor buffered. {@code null} when this exception did not refuse a batch (for example
   * a token refresh failure reported to a listener).
   */
  public byte[] refusedBatch() {
    return refusedBatch;
  }

  /** The message count of {@link #refusedBatch()}, 0 when there is none. */
  public int refusedMessageCount() {
    return refusedMessageCount;
  }
}
