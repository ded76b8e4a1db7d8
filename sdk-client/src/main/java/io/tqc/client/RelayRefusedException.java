package io.tqc.client;

import io.tqc.api.ReasonCode;

/**
 * The relay refused a request with an RFC 9457 problem document (for example a token request
 * refused with {@code assertion_invalid} or {@code reseller_unknown}). {@link #reason()} is the
 * relay's {@code code} mapped with {@link ReasonCode#fromCode}, or {@code relay_refused} when this
 * version does not know the code; {@link #relayCode()} keeps the code exactly as the relay sent it.
 * A refusal is not retried: fix the cause (registration, key, reseller id) first.
 */
public final class RelayRefusedException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String relayCode;

  /**
   * Creates the exception.
   *
   * @param httpStatus the HTTP status of the relay's answer
   * @param relayCode the problem document's {@code code} as sent, or {@code null} if it had none
   * @param detail a human-readable detail without secrets
   * @param refusedBatch the refused batch bytes, or {@code null}
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @param cause the underlying cause, or {@code null}
   */
  public RelayRefusedException(int httpStatus, String relayCode, String detail, byte[] refusedBatch,
      int refusedMessageCount, Throwable cause) {
    super(mapped(relayCode), detail, refusedBatch, refusedMessageCount, cause);
    this.httpStatus = httpStatus;
    this.relayCode = relayCode;
  }

  private static ReasonCode mapped(String relayCode) {
    ReasonCode known = ReasonCode.fromCode(relayCode);
    return known == null ? ReasonCode.RELAY_REFUSED : known;
  }

  /** The HTTP status of the relay's answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The problem document's {@code code} exactly as the relay sent it, or {@code null}. */
  public String relayCode() {
    return relayCode;
  }
}
