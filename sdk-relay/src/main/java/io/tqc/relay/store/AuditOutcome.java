package io.tqc.relay.store;

/**
 * What a {@link RelayStore} did with one audit record of a group commit. Each record of a group gets
 * its own outcome: a duplicate or a fenced record never fails the others.
 */
public enum AuditOutcome {
  /** The record is durable: the batch may be acknowledged ({@code 202}). */
  RECORDED,
  /** A record with the same batch id is already stored: the batch is a replay ({@code batch_replayed}). */
  DUPLICATE,
  /**
   * The stored certification named by the record is not ACTIVE (suspended, revoked or replaced) at
   * commit time, so nothing was stored: the fence that makes an acknowledged suspension final on
   * every node.
   */
  NOT_ACTIVE,
  /**
   * A {@linkplain io.tqc.relay.AuditRecord#quotaCharges() quota charge} of the record would exceed its
   * limit, so nothing of the record was stored and no counter moved ({@code quota_exceeded}).
   */
  QUOTA_EXCEEDED
}
