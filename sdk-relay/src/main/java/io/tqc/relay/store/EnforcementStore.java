package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.Sanction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Durable storage of the enforcement loop: the traceback index, reports, cases and their history,
 * sanctions, quota overrides and quota counters. A {@link RelayStore} that supports enforcement
 * returns one from {@link RelayStore#enforcement()} and, in the same transaction as each audit
 * record of {@link RelayStore#recordAccepted}, writes the record's {@linkplain
 * io.tqc.relay.AuditRecord#messageDigests() traceback rows} and applies its {@linkplain
 * io.tqc.relay.AuditRecord#quotaCharges() quota charges}: all of them within their limits, or the
 * record is not stored at all ({@link AuditOutcome#QUOTA_EXCEEDED}). So counters are exact (no lost
 * or double increments, also across restarts and nodes sharing the store) and a batch is never
 * partially accepted. In the same commit it appends the record to its node's {@linkplain
 * io.tqc.relay.enforcement.AuditChain hash chain} (node ids must be unique in a fleet).
 *
 * <p>Same contract as {@link RelayStore}: writes durable and atomic when they return, thread-safe,
 * case history append-only, {@link IOException} when the store cannot be reached.
 */
public interface EnforcementStore {
  /**
   * Traceback index rows for the recipient digest, accepted in [{@code from}, {@code to}], newest
   * first, at most {@code limit}.
   */
  List<IndexedMessage> messagesTo(String recipientDigest, Instant from, Instant to, int limit) throws IOException;

  /** The certification token (compact JWS) with {@code jti} {@code tokenId}, or {@code null}. */
  String token(String tokenId) throws IOException;

  /** Deletes traceback index rows accepted before {@code before} (retention); returns how many. */
  int pruneMessages(Instant before) throws IOException;

  /** The oldest accepted time in the traceback index, or {@code null} if it is empty. */
  Instant oldestMessage() throws IOException;

  /** Stores a report; false (and nothing stored) if a report with the same fingerprint exists. */
  boolean insertReport(StoredReport report) throws IOException;

  /** The reports of a case, oldest first. */
  List<StoredReport> reports(String caseId) throws IOException;

  /**
   * Stores a new case with its first history entry.
   *
   * @throws StoreConflictException if the id is taken or the reseller already has an open case
   */
  void insertCase(Case opened, CaseEvent first) throws IOException;

  /**
   * Replaces a case with {@code updated} and appends {@code event}, if and only if the stored version
   * is {@code updated.version() - 1}.
   *
   * @throws StoreConflictException if the case is unknown or its stored version differs
   */
  void updateCase(Case updated, CaseEvent event) throws IOException;

  /** A case, or {@code null}. */
  Case findCase(String caseId) throws IOException;

  /** The reseller's open (OPEN or CONFIRMED) case, or {@code null}. */
  Case openCase(ResellerId resellerId) throws IOException;

  /** The reseller's cases, oldest first. */
  List<Case> cases(ResellerId resellerId) throws IOException;

  /**
   * Cases newest opened first, at most {@code limit}, optionally only those in {@code state} and/or of
   * {@code resellerId} ({@code null}: any). Implementations answer from an index. The default throws
   * {@link UnsupportedOperationException}.
   */
  default List<Case> listCases(CaseState state, ResellerId resellerId, int limit) throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " does not list cases");
  }

  /**
   * How many cases are in each state (states without cases are absent). The default throws
   * {@link UnsupportedOperationException}.
   */
  default Map<CaseState, Long> caseCounts() throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " does not count cases");
  }

  /** A case's history, oldest first. */
  List<CaseEvent> caseHistory(String caseId) throws IOException;

  /** Stores a new sanction. */
  void insertSanction(Sanction sanction) throws IOException;

  /** The reseller's sanctions, oldest first. */
  List<Sanction> sanctions(ResellerId resellerId) throws IOException;

  /** Sanctions whose reduced daily quota still applies at {@code now}. */
  List<Sanction> quotaReductions(Instant now) throws IOException;

  /** Suspensions whose end is at or before {@code now} and that have not been ended. */
  List<Sanction> suspensionsDue(Instant now) throws IOException;

  /**
   * Claims the end of a suspension for {@code claimant} until {@code leaseUntil}: true for exactly one
   * caller among all nodes, unless that claim's lease ran out before it was completed.
   */
  boolean claimSanctionEnd(String sanctionId, String claimant, Instant now, Instant leaseUntil) throws IOException;

  /** Marks a claimed suspension ended at {@code at}. */
  void completeSanctionEnd(String sanctionId, Instant at) throws IOException;

  /** Sets the quota override of {@code subject}, or removes it when {@code limits} is {@code null}. */
  void setQuota(QuotaSubject subject, QuotaLimits limits) throws IOException;

  /** Every quota override. */
  Map<QuotaSubject, QuotaLimits> quotas() throws IOException;

  /** The last link of {@code node}'s chain, or {@code null} if it is empty. */
  ChainLink chainHead(String node) throws IOException;

  /** Links {@code fromSeq..toSeq} (inclusive) of {@code node}'s chain, in order. */
  List<ChainLink> chain(String node, long fromSeq, long toSeq) throws IOException;

  /** The reseller's links accepted in [{@code from}, {@code to}], by node then position, at most {@code limit}. */
  List<ChainLink> chainOf(ResellerId resellerId, Instant from, Instant to, int limit) throws IOException;

  /** Stores a signed checkpoint. */
  void insertCheckpoint(Checkpoint checkpoint) throws IOException;

  /** The latest checkpoint of {@code node}, or {@code null}. */
  Checkpoint lastCheckpoint(String node) throws IOException;

  /** The first checkpoint of {@code node} at or after position {@code seq}, or {@code null}. */
  Checkpoint checkpointAtOrAfter(String node, long seq) throws IOException;

  /** Messages counted so far in counter ({@code key}, {@code window}). */
  long quotaUsed(String key, String window) throws IOException;
}
