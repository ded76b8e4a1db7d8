package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Durable storage of the reseller registry, its history and the audit of accepted batches. A relay
 * may plug its own database by implementing this interface.
 *
 * <p>Contract: every write method returns only once its change is durable (it survives a crash or
 * power loss) and applies its change atomically (all or nothing). History and audit are
 * append-only. The store, not any node's memory, is the authority: status changes are
 * compare-and-set on the stored sequence, and an audit record is stored only while the stored
 * certification is ACTIVE (checked in the same transaction, see {@link #recordAccepted}). The relay
 * calls writes from its administration path, its token endpoint (assertion ids) and its single
 * audit writer thread; reads happen at start-up, for administration and for token issuance, never
 * on the batch path before the audit commit. Implementations must be thread-safe; several relay
 * nodes may share one store.
 *
 * <p>An {@link IOException} means the store could not be reached or the write failed: the relay
 * answers {@code relay_unavailable} (retryable) and never acknowledges what was not stored.
 */
public interface RelayStore extends Closeable {
  /** Every registered reseller in its latest state (read once at start-up). */
  List<Reseller> loadResellers() throws IOException;

  /** The stored record of one reseller, or {@code null} if it is not registered. */
  Reseller findReseller(ResellerId id) throws IOException;

  /**
   * Stores a new reseller and its first history entry, atomically and durably.
   *
   * @throws StoreConflictException if the reseller id, certification id or status-list index is taken
   */
  void insertReseller(Reseller reseller, HistoryEntry registered) throws IOException;

  /**
   * Replaces a reseller's record with {@code updated} and appends {@code change} to its history,
   * atomically and durably, if and only if the stored sequence is {@code updated.sequence() - 1}
   * (compare-and-set).
   *
   * @throws StoreConflictException if the reseller is unknown or its stored sequence differs
   */
  void updateReseller(Reseller updated, HistoryEntry change) throws IOException;

  /** The reseller's history, oldest first (empty for an unknown reseller). */
  List<HistoryEntry> history(ResellerId id) throws IOException;

  /**
   * Appends audit records of accepted batches in one durable transaction (a group commit) and
   * returns one outcome per record, in order. A record is stored only if its batch id is new
   * ({@link AuditOutcome#DUPLICATE} otherwise) and only if the stored reseller holds the record's
   * certification id with status ACTIVE, read in the same transaction so that a concurrent status
   * change is ordered before or after it ({@link AuditOutcome#NOT_ACTIVE} otherwise). One record's
   * outcome never affects another's.
   *
   * @throws IOException if the group could not be committed (then none of it is stored)
   */
  List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException;

  /** The audit record of a batch, or {@code null}. */
  AuditRecord findAccepted(String batchId) throws IOException;

  /** Audit records accepted at or after {@code since}, oldest first, at most {@code limit}. */
  List<AuditRecord> acceptedSince(Instant since, int limit) throws IOException;

  /**
   * One reseller's audit records accepted strictly before {@code before}, newest first, at most
   * {@code limit}: a page of its recent batches (pass the oldest time of a page to read the next).
   * Implementations answer from an index on (reseller, accepted time), so the cost does not grow
   * with the size of the audit. The default throws {@link UnsupportedOperationException}.
   */
  default List<AuditRecord> acceptedBy(ResellerId resellerId, Instant before, int limit) throws IOException {
    throw new UnsupportedOperationException(getClass().getName() + " does not list a reseller's batches");
  }

  /**
   * Remembers a client-assertion id until {@code expiresAt}, durably, and says whether it was new.
   * Every node sharing the store sees it, and it survives restarts, so an assertion is exchanged for
   * a token at most once. Ids whose expiry is at or before {@code now} may be forgotten.
   *
   * @return true on first use, false if the id is already remembered (a replay)
   */
  boolean rememberAssertion(String assertionId, Instant expiresAt, Instant now) throws IOException;

  /**
   * The enforcement storage kept with this store (traceback index, reports, cases, sanctions,
   * quotas), or {@code null} if this store does not support enforcement (the default). A store that
   * returns one writes each record's traceback rows and applies its quota charges inside {@link
   * #recordAccepted}; see {@link EnforcementStore}.
   */
  default EnforcementStore enforcement() {
    return null;
  }

  /**
   * The id of the node this store writes as, if the store records one with its rows (a fleet store
   * such as PostgreSQL's), else {@code null} (the default). {@link io.tqc.relay.RelayConfig} takes a
   * node's one id from here when it is not set there, and refuses a different one.
   */
  default String nodeId() {
    return null;
  }

  /** Closes the store. */
  @Override
  void close() throws IOException;
}
