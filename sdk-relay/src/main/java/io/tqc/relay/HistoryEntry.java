package io.tqc.relay;

import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * One entry of a reseller's append-only history: what changed ({@link Kind}), the status after
 * the change, who made it, why and when. Entries are numbered by the reseller's
 * {@linkplain Reseller#sequence() sequence}. Immutable.
 */
public final class HistoryEntry {
  /** What kind of change an entry records. */
  public enum Kind {
    /** The reseller was registered and certified (status ACTIVE). */
    REGISTERED,
    /** The certification was suspended. */
    SUSPENDED,
    /** A suspended certification was reinstated. */
    REINSTATED,
    /** The certification was revoked (terminal). */
    REVOKED,
    /** The reseller's registered public keys changed. */
    KEYS_CHANGED
  }

  private final ResellerId resellerId;
  private final long sequence;
  private final Kind kind;
  private final CertificationStatus status;
  private final String reason;
  private final String actor;
  private final Instant at;

  /**
   * A history entry.
   *
   * @param reason why (optional, at most 256 characters)
   * @param actor who made the change (operator name or system component, 1-256 characters)
   */
  public HistoryEntry(ResellerId resellerId, long sequence, Kind kind, CertificationStatus status, String reason,
      String actor, Instant at) {
    if (resellerId == null || kind == null || status == null || at == null) {
      throw new IllegalArgumentException("resellerId, kind, status and at are required");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1");
    }
    if (reason != null && reason.length() > Reseller.MAX_TEXT) {
      throw new IllegalArgumentException("reason longer than " + Reseller.MAX_TEXT + " characters");
    }
    this.resellerId = resellerId;
    this.sequence = sequence;
    this.kind = kind;
    this.status = status;
    this.reason = reason;
    this.actor = Reseller.requireText(actor, "actor");
    this.at = at;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The reseller's sequence number after this change. */
  public long sequence() {
    return sequence;
  }

  /** What changed. */
  public Kind kind() {
    return kind;
  }

  /** The certification status after the change. */
  public CertificationStatus status() {
    return status;
  }

  /** Why, or {@code null}. */
  public String reason() {
    return reason;
  }

  /** Who. */
  public String actor() {
    return actor;
  }

  /** When. */
  public Instant at() {
    return at;
  }

  @Override
  public String toString() {
    return "HistoryEntry{" + resellerId + " #" + sequence + " " + kind + " -> " + status + " by " + actor + " at "
        + at + "}";
  }
}
