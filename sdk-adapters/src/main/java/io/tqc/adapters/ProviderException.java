package io.tqc.adapters;

import io.tqc.client.CertifiedBatch;
import java.io.IOException;

/**
 * A provider (or the network to it) did not accept a send that TQC had certified. It says what is
 * known about the send through {@link #outcome()}, and carries the certifications and the exact
 * request bytes so that the batch is never lost: queue it, retry it when the outcome allows, or
 * report it.
 *
 * <p>The message names the provider, the HTTP status and the provider's own error code and text; it
 * never contains a credential, a token or a proof.
 */
public final class ProviderException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is known about a send that failed. */
  public enum Outcome {
    /** The provider refused the request (bad request, credentials, sender number...): fix it, do not retry as is. */
    REJECTED,
    /** The provider was unavailable or throttled (429, 5xx, connection refused): nothing was sent, retry later. */
    RETRY_LATER,
    /**
     * The request may have reached the provider (timeout or connection lost after sending): check the
     * provider's delivery records before sending it again, or recipients may get it twice.
     */
    UNKNOWN
  }

  private final String provider;
  private final Outcome outcome;
  private final int httpStatus;
  private final String providerCode;
  private final transient CertifiedBatch certification;
  private final transient CertifiedBatch sentCertification;
  private final transient byte[] requestBody;

  /**
   * Creates an exception (adapters do; applications only catch it).
   *
   * @param provider the provider's name, e.g. {@code "NHN Cloud SMS"}
   * @param outcome what is known about the send
   * @param httpStatus the HTTP status, or 0 when there was no answer
   * @param providerCode the provider's own error or result code, or {@code null}
   * @param detail a human-readable detail without secrets
   * @param certification the certification of the batch, or {@code null} for a non-advertising send
   * @param sentCertification the proof over {@code requestBody}, or {@code null} for a non-advertising send
   * @param requestBody the exact bytes that were (or were to be) sent
   * @param cause the underlying cause, or {@code null}
   */
  public ProviderException(String provider, Outcome outcome, int httpStatus, String providerCode, String detail,
      CertifiedBatch certification, CertifiedBatch sentCertification, byte[] requestBody, Throwable cause) {
    super(provider + " " + outcome.name().toLowerCase(java.util.Locale.ROOT)
        + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
        + (providerCode != null ? " [" + providerCode + "]" : "") + ": " + detail, cause);
    this.provider = provider;
    this.outcome = outcome;
    this.httpStatus = httpStatus;
    this.providerCode = providerCode;
    this.certification = certification;
    this.sentCertification = sentCertification;
    this.requestBody = requestBody;
  }

  /** The provider's name. */
  public String provider() {
    return provider;
  }

  /** What is known about the send, and so whether to retry. */
  public Outcome outcome() {
    return outcome;
  }

  /** True only when nothing was sent and a later retry may succeed ({@link Outcome#RETRY_LATER}). */
  public boolean isRetryable() {
    return outcome == Outcome.RETRY_LATER;
  }

  /** The HTTP status of the provider's answer, 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The provider's own error or result code, or {@code null}. */
  public String providerCode() {
    return providerCode;
  }

  /** The certification of the batch (see {@link ProviderReceipt#certification()}), or {@code null}. */
  public CertifiedBatch certification() {
    return certification;
  }

  /**
   * The proof over {@link #requestBody()}, or {@code null} for a non-advertising send.
   *
   * @deprecated adapters certify once: this is {@link #certification()}; use that
   */
  @Deprecated
  public CertifiedBatch sentCertification() {
    return sentCertification;
  }

  /** The exact request bytes. Not copied: do not modify. */
  public byte[] requestBody() {
    return requestBody;
  }
}
