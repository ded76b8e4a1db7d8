package io.tqc.relay.enforcement;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * One audited message that matches a report: which reseller sent it under which first-sender code,
 * in which batch at which index, when and on which node it was accepted, and the token and proof
 * that carried it (the reseller's own signature over the batch: the evidence).
 */
public final class TracebackMatch {
  private final MatchRank rank;
  private final ResellerId resellerId;
  private final String originCode;
  private final String batchId;
  private final int messageIndex;
  private final Instant acceptedAt;
  private final String node;
  private final String tokenId;
  private final String token;
  private final String proof;

  private TracebackMatch(Builder b) {
    if (b.rank == null || b.rank == MatchRank.NONE || b.resellerId == null || b.originCode == null
        || b.batchId == null || b.acceptedAt == null || b.node == null || b.tokenId == null || b.proof == null) {
      throw new IllegalArgumentException("rank (EXACT or PROBABLE), reseller, origin code, batch, time, node,"
          + " token id and proof are required");
    }
    if (b.messageIndex < 0) {
      throw new IllegalArgumentException("messageIndex must be >= 0");
    }
    this.rank = b.rank;
    this.resellerId = b.resellerId;
    this.originCode = b.originCode;
    this.batchId = b.batchId;
    this.messageIndex = b.messageIndex;
    this.acceptedAt = b.acceptedAt;
    this.node = b.node;
    this.tokenId = b.tokenId;
    this.token = b.token;
    this.proof = b.proof;
  }

  /** {@link MatchRank#EXACT} or {@link MatchRank#PROBABLE}. */
  public MatchRank rank() {
    return rank;
  }

  /** The reseller that sent it. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The first-sender identification code of the token. */
  public String originCode() {
    return originCode;
  }

  /** The batch id (the proof's {@code jti}). */
  public String batchId() {
    return batchId;
  }

  /** Index of the message in the batch's {@code messages} (from 0). */
  public int messageIndex() {
    return messageIndex;
  }

  /** When the relay accepted the batch. */
  public Instant acceptedAt() {
    return acceptedAt;
  }

  /** The relay node that accepted it. */
  public String node() {
    return node;
  }

  /** The certification token's {@code jti}. */
  public String tokenId() {
    return tokenId;
  }

  /** The certification token (compact JWS), or {@code null} if the audit predates token retention. */
  public String token() {
    return token;
  }

  /** The batch proof (compact JWS). */
  public String proof() {
    return proof;
  }

  @Override
  public String toString() {
    return "TracebackMatch{" + rank + ", " + resellerId + ", origin=" + originCode + ", batch=" + batchId + "#"
        + messageIndex + ", at=" + acceptedAt + ", node=" + node + "}";
  }

  /** Builds a {@link TracebackMatch}. */
  public static final class Builder {
    private MatchRank rank;
    private ResellerId resellerId;
    private String originCode;
    private String batchId;
    private int messageIndex;
    private Instant acceptedAt;
    private String node;
    private String tokenId;
    private String token;
    private String proof;

    /** The rank. */
    public Builder rank(MatchRank rank) {
      this.rank = rank;
      return this;
    }

    /** The reseller. */
    public Builder resellerId(ResellerId resellerId) {
      this.resellerId = resellerId;
      return this;
    }

    /** The origin code. */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    /** The batch id. */
    public Builder batchId(String batchId) {
      this.batchId = batchId;
      return this;
    }

    /** The message index. */
    public Builder messageIndex(int messageIndex) {
      this.messageIndex = messageIndex;
      return this;
    }

    /** When accepted. */
    public Builder acceptedAt(Instant acceptedAt) {
      this.acceptedAt = acceptedAt;
      return this;
    }

    /** The node. */
    public Builder node(String node) {
      this.node = node;
      return this;
    }

    /** The token id. */
    public Builder tokenId(String tokenId) {
      this.tokenId = tokenId;
      return this;
    }

    /** The token (optional). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The proof. */
    public Builder proof(String proof) {
      this.proof = proof;
      return this;
    }

    /** Validates and builds. */
    public TracebackMatch build() {
      return new TracebackMatch(this);
    }
  }
}
