package io.tqc.relay.enforcement;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * A sanction imposed on a reseller for a case: its kind and ladder step, when it began, when a
 * suspension ends (and, once it has, when the relay reinstated the reseller), an optional reduced
 * daily quota and until when. Immutable.
 */
public final class Sanction {
  private final String id;
  private final String caseId;
  private final ResellerId resellerId;
  private final SanctionKind kind;
  private final int step;
  private final Instant imposedAt;
  private final Instant endsAt;
  private final Instant endedAt;
  private final long reducedDailyQuota;
  private final Instant quotaUntil;
  private final long statusSequence;
  private final String actor;
  private final String reason;

  private Sanction(Builder b) {
    if (b.id == null || b.caseId == null || b.resellerId == null || b.kind == null || b.imposedAt == null
        || b.actor == null) {
      throw new IllegalArgumentException("id, case, reseller, kind, imposedAt and actor are required");
    }
    if (b.kind == SanctionKind.SUSPENSION && b.endsAt == null) {
      throw new IllegalArgumentException("a suspension needs its end");
    }
    if (b.reducedDailyQuota != QuotaLimits.UNLIMITED && b.quotaUntil == null) {
      throw new IllegalArgumentException("a reduced quota needs its end");
    }
    this.id = b.id;
    this.caseId = b.caseId;
    this.resellerId = b.resellerId;
    this.kind = b.kind;
    this.step = b.step;
    this.imposedAt = millis(b.imposedAt);
    this.endsAt = millis(b.endsAt);
    this.endedAt = millis(b.endedAt);
    this.reducedDailyQuota = b.reducedDailyQuota;
    this.quotaUntil = millis(b.quotaUntil);
    this.statusSequence = b.statusSequence;
    this.actor = b.actor;
    this.reason = b.reason;
  }

  private static Instant millis(Instant at) {
    return at == null ? null : Instant.ofEpochMilli(at.toEpochMilli());
  }

  /** The sanction id. */
  public String id() {
    return id;
  }

  /** The case it sanctions. */
  public String caseId() {
    return caseId;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The kind. */
  public SanctionKind kind() {
    return kind;
  }

  /** The ladder step applied (from 1). */
  public int step() {
    return step;
  }

  /** When it was imposed. */
  public Instant imposedAt() {
    return imposedAt;
  }

  /** When a suspension ends, else {@code null}. */
  public Instant endsAt() {
    return endsAt;
  }

  /** When the relay ended the suspension (reinstated, or found it already lifted), else {@code null}. */
  public Instant endedAt() {
    return endedAt;
  }

  /** The reduced daily quota, or {@link QuotaLimits#UNLIMITED}. */
  public long reducedDailyQuota() {
    return reducedDailyQuota;
  }

  /** Until when the reduced quota applies, or {@code null}. */
  public Instant quotaUntil() {
    return quotaUntil;
  }

  /**
   * The reseller's status sequence right after the sanction's status change (0 for a warning): the
   * automatic reinstatement acts only if the reseller is still at this sequence, so a later manual
   * change always wins.
   */
  public long statusSequence() {
    return statusSequence;
  }

  /** Who imposed it. */
  public String actor() {
    return actor;
  }

  /** Why, or {@code null}. */
  public String reason() {
    return reason;
  }

  /** A builder holding this sanction's values. */
  public Builder newBuilder() {
    return new Builder().id(id).caseId(caseId).resellerId(resellerId).kind(kind).step(step).imposedAt(imposedAt)
        .endsAt(endsAt).endedAt(endedAt).reducedDailyQuota(reducedDailyQuota, quotaUntil)
        .statusSequence(statusSequence).actor(actor).reason(reason);
  }

  @Override
  public String toString() {
    return "Sanction{" + id + ", " + resellerId + ", " + kind + " (step " + step + "), case " + caseId
        + (endsAt != null ? ", ends " + endsAt : "") + (endedAt != null ? ", ended " + endedAt : "") + "}";
  }

  /** Builds a {@link Sanction}. */
  public static final class Builder {
    private String id;
    private String caseId;
    private ResellerId resellerId;
    private SanctionKind kind;
    private int step = 1;
    private Instant imposedAt;
    private Instant endsAt;
    private Instant endedAt;
    private long reducedDailyQuota = QuotaLimits.UNLIMITED;
    private Instant quotaUntil;
    private long statusSequence;
    private String actor;
    private String reason;

    /** The id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The case. */
    public Builder caseId(String caseId) {
      this.caseId = caseId;
      return this;
    }

    /** The reseller. */
    public Builder resellerId(ResellerId resellerId) {
      this.resellerId = resellerId;
      return this;
    }

    /** The kind. */
    public Builder kind(SanctionKind kind) {
      this.kind = kind;
      return this;
    }

    /** The ladder step. */
    public Builder step(int step) {
      this.step = step;
      return this;
    }

    /** When imposed. */
    public Builder imposedAt(Instant imposedAt) {
      this.imposedAt = imposedAt;
      return this;
    }

    /** When a suspension ends. */
    public Builder endsAt(Instant endsAt) {
      this.endsAt = endsAt;
      return this;
    }

    /** When the suspension was ended. */
    public Builder endedAt(Instant endedAt) {
      this.endedAt = endedAt;
      return this;
    }

    /** A reduced daily quota until {@code until} ({@link QuotaLimits#UNLIMITED} and null for none). */
    public Builder reducedDailyQuota(long perDay, Instant until) {
      this.reducedDailyQuota = perDay;
      this.quotaUntil = until;
      return this;
    }

    /** The reseller's status sequence after the sanction's change. */
    public Builder statusSequence(long statusSequence) {
      this.statusSequence = statusSequence;
      return this;
    }

    /** Who. */
    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    /** Why. */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** Validates and builds. */
    public Sanction build() {
      return new Sanction(this);
    }
  }
}
