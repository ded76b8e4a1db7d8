package io.tqc.relay.enforcement;

/** What a sanction does to the reseller's certification. */
public enum SanctionKind {
  /** No status change (optionally with a reduced daily quota). */
  WARNING,
  /** Suspended, and reinstated automatically when the suspension ends (optionally a reduced quota too). */
  SUSPENSION,
  /** Revoked for good. */
  REVOCATION
}
