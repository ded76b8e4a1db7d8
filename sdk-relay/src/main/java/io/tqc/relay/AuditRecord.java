package io.tqc.relay;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.TracebackDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The durable record of one accepted batch, enough to answer a regulator's traceback request:
 * batch id (the proof's {@code jti}), reseller, certification, first-sender code, token {@code jti},
 * the proof itself, the SHA-256 of the body, the message count and when it was accepted. The body
 * itself (recipients, texts) is not kept: with enforcement on, the record carries keyed
 * {@linkplain #messageDigests() traceback digests} instead, plus the sender number, the token and the
 * node, and the {@linkplain #quotaCharges() quota charges} its commit must fit in. Immutable; build
 * with {@link Builder}.
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
  private final String senderNumber;
  private final String token;
  private final String nodeId;
  private final List<TracebackDigest> messageDigests;
  private final List<QuotaCharge> quotaCharges;

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
    this.senderNumber = b.senderNumber;
    this.token = b.token;
    this.nodeId = b.nodeId == null ? "local" : b.nodeId;
    this.messageDigests = Collections.unmodifiableList(new ArrayList<>(b.messageDigests));
    this.quotaCharges = Collections.unmodifiableList(new ArrayList<>(b.quotaCharges));
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

  /** The batch's sender number (digits), or {@code null} if not recorded. */
  public String senderNumber() {
    return senderNumber;
  }

  /** The certification token (compact JWS) that carried the batch, or {@code null} if not recorded. */
  public String token() {
    return token;
  }

  /** The relay node that accepted the batch (default {@code local}). */
  public String nodeId() {
    return nodeId;
  }

  /** Keyed digests of each message for traceback (empty when enforcement is off). */
  public List<TracebackDigest> messageDigests() {
    return messageDigests;
  }

  /**
   * Quota counters the audit commit must charge with {@link #messageCount()}, all within their
   * limits or the record is not stored (empty when no quota applies). A condition of the commit, not
   * part of the stored record.
   */
  public List<QuotaCharge> quotaCharges() {
    return quotaCharges;
  }

  @Override
  public String toString() {
    return "AuditRecord{batch=" + batchId + ", " + resellerId + ", cert=" + certificationId + ", n=" + messageCount
        + ", at=" + acceptedAt + "}";
  }

  /**
   * Builds an {@link AuditRecord}; every field is required but the sender number, token, node,
   * traceback digests and quota charges.
   */
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
    private String senderNumber;
    private String token;
    private String nodeId;
    private List<TracebackDigest> messageDigests = Collections.emptyList();
    private List<QuotaCharge> quotaCharges = Collections.emptyList();

    /** The sender number, digits (optional). */
    public Builder senderNumber(String senderNumber) {
      this.senderNumber = senderNumber;
      return this;
    }

    /** The certification token (optional). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The node id (default {@code local}). */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** The traceback digests, one per message (default none). */
    public Builder messageDigests(List<TracebackDigest> messageDigests) {
      this.messageDigests = messageDigests == null ? Collections.<TracebackDigest>emptyList() : messageDigests;
      return this;
    }

    /** The quota charges (default none). */
    public Builder quotaCharges(List<QuotaCharge> quotaCharges) {
      this.quotaCharges = quotaCharges == null ? Collections.<QuotaCharge>emptyList() : quotaCharges;
      return this;
    }

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
