package io.tqc.relay;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * The durable record of one accepted batch, enough to answer a regulator's traceback request:
 * batch id (the proof's {@code jti}), reseller, certification, first-sender code, token {@code jti},
 * the proof itself, the SHA-256 of the body, the message count and when it was accepted. The body
 * itself (recipients, texts) is not kept. Immutable; build with {@link Builder}.
 */
public final class AuditRecord {
  private final String batchId;
  private final ResellerId resellerId;
  private final String certificationId;
  private final String originCode;
  private final String tokenId;
  private final String proof;
  private final String bodyDigest;
  private final int messageCount;
  private final Instant acceptedAt;

  private AuditRecord(Builder b) {
    if (b.batchId == null || b.resellerId == null || b.certificationId == null || b.originCode == null
        || b.tokenId == null || b.proof == null || b.bodyDigest == null || b.acceptedAt == null) {
      throw new IllegalArgumentException("every audit field is required");
    }
    if (b.messageCount < 1) {
      throw new IllegalArgumentException("messageCount must be >= 1");
    }
    this.batchId = b.batchId;
    this.resellerId = b.resellerId;
    this.certificationId = b.certificationId;
    this.originCode = b.originCode;
    this.tokenId = b.tokenId;
    this.proof = b.proof;
    this.bodyDigest = b.bodyDigest;
    this.messageCount = b.messageCount;
    this.acceptedAt = b.acceptedAt;
  }

  /** The batch id: the proof's {@code jti}. */
  public String batchId() {
    return batchId;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The certification id. */
  public String certificationId() {
    return certificationId;
  }

  /** The first-sender identification code. */
  public String originCode() {
    return originCode;
  }

  /** The certification token's {@code jti}. */
  public String tokenId() {
    return tokenId;
  }

  /** The batch proof (compact JWS) as received: the reseller's signature over the batch. */
  public String proof() {
    return proof;
  }

  /** base64url(SHA-256(body bytes)): the proof's {@code bh}. */
  public String bodyDigest() {
    return bodyDigest;
  }

  /** Number of messages. */
  public int messageCount() {
    return messageCount;
  }

  /** When the relay accepted the batch (millisecond precision). */
  public Instant acceptedAt() {
    return acceptedAt;
  }

  @Override
  public String toString() {
    return "AuditRecord{batch=" + batchId + ", " + resellerId + ", cert=" + certificationId + ", n=" + messageCount
        + ", at=" + acceptedAt + "}";
  }

  /** Builds an {@link AuditRecord}; every field is required. */
  public static final class Builder {
    private String batchId;
    private ResellerId resellerId;
    private String certificationId;
    private String originCode;
    private String tokenId;
    private String proof;
    private String bodyDigest;
    private int messageCount;
    private Instant acceptedAt;

    /** The batch id. */
    public Builder batchId(String batchId) {
      this.batchId = batchId;
      return this;
    }

    /** The reseller. */
    public Builder resellerId(ResellerId resellerId) {
      this.resellerId = resellerId;
      return this;
    }

    /** The certification id. */
    public Builder certificationId(String certificationId) {
      this.certificationId = certificationId;
      return this;
    }

    /** The first-sender identification code. */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    /** The token's {@code jti}. */
    public Builder tokenId(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    /** The proof (compact JWS). */
    public Builder proof(String proof) {
      this.proof = proof;
      return this;
    }

    /** The body digest. */
    public Builder bodyDigest(String bodyDigest) {
      this.bodyDigest = bodyDigest;
      return this;
    }

    /** The message count. */
    public Builder messageCount(int messageCount) {
      this.messageCount = messageCount;
      return this;
    }

    /** When it was accepted (stored with millisecond precision). */
    public Builder acceptedAt(Instant acceptedAt) {
      this.acceptedAt = acceptedAt == null ? null : Instant.ofEpochMilli(acceptedAt.toEpochMilli());
      return this;
    }

    /** Validates and builds. */
    public AuditRecord build() {
      return new AuditRecord(this);
    }
  }
}
