package io.tqc.adapters;

import io.tqc.client.CertifiedBatch;

/**
 * A send the provider accepted: its answer, and the TQC certification it was sent under. Keep the
 * certification with your send records: {@link #certification()} holds the one proof over the exact
 * bytes the provider received ({@code certification().body()}, the same as {@link #requestBody()}),
 * verifiable by anyone holding the relay's keys ({@code CertificationVerifier}), and its compliance
 * report. (A DB-agent writer certifies the TQC batch document it stores as evidence instead.)
 * Immutable.
 *
 * <p>{@link #toString()} never shows a token or a proof.
 */
public final class ProviderReceipt {
  private final String provider;
  private final int httpStatus;
  private final String providerCode;
  private final String requestId;
  private final String responseBody;
  private final CertifiedBatch certification;
  private final CertifiedBatch sentCertification;
  private final byte[] requestBody;

  /**
   * Creates a receipt (adapters do).
   *
   * @param provider the provider's name
   * @param httpStatus the HTTP status of the answer (0 for a database writer)
   * @param providerCode the provider's result code, or {@code null}
   * @param requestId the provider's id for the request (request id, group id, row ids), or {@code null}
   * @param responseBody the provider's answer as received, or {@code null}
   * @param certification the certification of the batch, or {@code null} for a non-advertising send
   * @param sentCertification the proof over {@code requestBody}, or {@code null}
   * @param requestBody the exact bytes that were sent
   */
  public ProviderReceipt(String provider, int httpStatus, String providerCode, String requestId, String responseBody,
      CertifiedBatch certification, CertifiedBatch sentCertification, byte[] requestBody) {
    this.provider = provider;
    this.httpStatus = httpStatus;
    this.providerCode = providerCode;
    this.requestId = requestId;
    this.responseBody = responseBody;
    this.certification = certification;
    this.sentCertification = sentCertification;
    this.requestBody = requestBody;
  }

  /** The provider's name. */
  public String provider() {
    return provider;
  }

  /** The HTTP status of the provider's answer (0 for a database writer). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The provider's result code, or {@code null} when it sends none. */
  public String providerCode() {
    return providerCode;
  }

  /** The provider's id for this request, or {@code null} when its answer has none. */
  public String requestId() {
    return requestId;
  }

  /** The provider's answer as received, or {@code null}. */
  public String responseBody() {
    return responseBody;
  }

  /** True if the send was certified (an advertising send). */
  public boolean isCertified() {
    return certification != null;
  }

  /**
   * The certification of the batch: one proof over {@code certification().body()}, the exact bytes
   * sent to the provider, after the pre-flight checked the batch the request carries; {@code null}
   * for a non-advertising send.
   */
  public CertifiedBatch certification() {
    return certification;
  }

  /**
   * The proof over the exact bytes sent to the provider ({@link #requestBody()}), or {@code null}.
   *
   * @deprecated adapters certify once: this is {@link #certification()} (or {@code null} for a
   *     writer that stores the TQC document); use that
   */
  @Deprecated
  public CertifiedBatch sentCertification() {
    return sentCertification;
  }

  /** The exact bytes sent to the provider. Not copied: do not modify. */
  public byte[] requestBody() {
    return requestBody;
  }

  @Override
  public String toString() {
    return "ProviderReceipt{" + provider + ", HTTP " + httpStatus + (providerCode != null ? ", code " + providerCode : "")
        + (requestId != null ? ", request " + requestId : "")
        + (certification != null ? ", batch " + certification.batchId() : ", not certified") + "}";
  }
}
