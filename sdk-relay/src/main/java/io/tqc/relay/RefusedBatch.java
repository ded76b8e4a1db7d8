package io.tqc.relay;

import io.tqc.api.ReasonCode;
import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * One batch this relay node refused, as {@link Relay#recentRefusals} remembers it: the reseller
 * (from a token this relay had verified), when, the reason code, and the batch id and message count
 * its proof declares if the proof could be read (the proof itself may be what failed). Kept in
 * memory on the node that refused it, not durably: the audit log records accepted batches only.
 * Immutable; build with {@link Builder}.
 */
public final class RefusedBatch {
  private final ResellerId resellerId;
  private final Instant refusedAt;
  private final ReasonCode reason;
  private final String batchId;
  private final int messageCount;

  private RefusedBatch(Builder b) {
    if (b.resellerId == null || b.refusedAt == null || b.reason == null) {
      throw new IllegalArgumentException("resellerId, refusedAt and reason are required");
    }
    if (b.messageCount < 0) {
      throw new IllegalArgumentException("messageCount must be >= 0 (0: unknown)");
    }
    this.resellerId = b.resellerId;
    this.refusedAt = b.refusedAt;
    this.reason = b.reason;
    this.batchId = b.batchId;
    this.messageCount = b.messageCount;
  }

  /** The reseller whose (verified) token came with the batch. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** When this node refused it. */
  public Instant refusedAt() {
    return refusedAt;
  }

  /** Why: the reason code answered to the client. */
  public ReasonCode reason() {
    return reason;
  }

  /** The batch id (the proof's {@code jti}) as the proof declares it, or {@code null} if unreadable. */
  public String batchId() {
    return batchId;
  }

  /** The message count ({@code n}) the proof declares, or 0 if the proof was unreadable. */
  public int messageCount() {
    return messageCount;
  }

  @Override
  public String toString() {
    return "RefusedBatch{" + resellerId + ", " + reason.code() + " at " + refusedAt + ", batch " + batchId + ", n="
        + messageCount + "}";
  }

  /** Builds a {@link RefusedBatch}. */
  public static final class Builder {
    private ResellerId resellerId;
    private Instant refusedAt;
    private ReasonCode reason;
    private String batchId;
    private int messageCount;

    /** The reseller (required). */
    public Builder resellerId(ResellerId v) {
      resellerId = v;
      return this;
    }

    /** When (required). */
    public Builder refusedAt(Instant v) {
      refusedAt = v;
      return this;
    }

    /** Why (required). */
    public Builder reason(ReasonCode v) {
      reason = v;
      return this;
    }

    /** The proof's batch id, if it could be read. */
    public Builder batchId(String v) {
      batchId = v;
      return this;
    }

    /** The proof's message count, 0 if unknown (the default). */
    public Builder messageCount(int v) {
      messageCount = v;
      return this;
    }

    /** Validates and builds. */
    public RefusedBatch build() {
      return new RefusedBatch(this);
    }
  }
}
