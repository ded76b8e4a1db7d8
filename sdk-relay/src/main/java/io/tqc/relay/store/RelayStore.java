package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.StatusChange;
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
 * append-only. The relay calls writes from its administration path and its single audit writer
 * thread; reads happen at start-up and for administration, never on the batch path.
 * Implementations must be thread-safe.
 */
public interface RelayStore extends Closeable {
  /** Every registered reseller in its latest state (read once at start-up). */
  List<Reseller> loadResellers() throws IOException;

  /**
   * Stores a new reseller and its first history entry, atomically and durably.
   *
   * @throws IOException also if the reseller id, certification id or status-list index is taken
   */
  void insertReseller(Reseller reseller, StatusChange registered) throws IOException;

  /**
   * Replaces a reseller's record with {@code updated} and appends {@code change} to its history,
   * atomically and durably. Implementations should refuse an update whose sequence is not greater
   * than the stored one.
   */
  void updateReseller(Reseller updated, StatusChange change) throws IOException;

  /** The reseller's history, oldest first (empty for an unknown reseller). */
  List<StatusChange> history(ResellerId id) throws IOException;

  /** Appends audit records of accepted batches, all in one durable transaction. */
  void recordAccepted(List<AuditRecord> records) throws IOException;

  /** The audit record of a batch, or {@code null}. */
  AuditRecord findAccepted(String batchId) throws IOException;

  /** Audit records accepted at or after {@code since}, oldest first, at most {@code limit}. */
  List<AuditRecord> acceptedSince(Instant since, int limit) throws IOException;

  /** Closes the store. */
  @Override
  void close() throws IOException;
}
