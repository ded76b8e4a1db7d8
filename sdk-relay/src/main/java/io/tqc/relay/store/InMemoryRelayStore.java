package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.StatusChange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RelayStore} in memory, <strong>for tests only</strong>: nothing survives the JVM. It
 * enforces the same uniqueness and sequence rules as {@link SqliteRelayStore}, and can be told to
 * fail writes to exercise error paths.
 */
public final class InMemoryRelayStore implements RelayStore {
  private final Map<ResellerId, Reseller> resellers = new LinkedHashMap<>();
  private final Map<ResellerId, List<StatusChange>> history = new LinkedHashMap<>();
  private final Map<String, AuditRecord> audit = new LinkedHashMap<>();
  private boolean failWrites;
  private boolean failReads;
  private boolean closed;

  /** When {@code true}, every later write throws {@link IOException} (to test failure handling). */
  public synchronized void failWrites(boolean fail) {
    this.failWrites = fail;
  }

  /** When {@code true}, every later read throws {@link IOException} (to prove a path does not read). */
  public synchronized void failReads(boolean fail) {
    this.failReads = fail;
  }

  @Override
  public synchronized List<Reseller> loadResellers() throws IOException {
    ensureReadable();
    return new ArrayList<>(resellers.values());
  }

  @Override
  public synchronized void insertReseller(Reseller reseller, StatusChange registered) throws IOException {
    ensureWritable();
    if (resellers.containsKey(reseller.id())) {
      throw new IOException("reseller " + reseller.id() + " exists");
    }
    for (Reseller other : resellers.values()) {
      if (other.certificationId().equals(reseller.certificationId())
          || other.statusListIndex() == reseller.statusListIndex()) {
        throw new IOException("certification id or status-list index taken");
      }
    }
    resellers.put(reseller.id(), reseller);
    List<StatusChange> entries = new ArrayList<>();
    entries.add(registered);
    history.put(reseller.id(), entries);
  }

  @Override
  public synchronized void updateReseller(Reseller updated, StatusChange change) throws IOException {
    ensureWritable();
    Reseller current = resellers.get(updated.id());
    if (current == null || current.sequence() >= updated.sequence()) {
      throw new IOException("reseller " + updated.id() + " is unknown or already at sequence >= "
          + updated.sequence());
    }
    resellers.put(updated.id(), updated);
    history.get(updated.id()).add(change);
  }

  @Override
  public synchronized List<StatusChange> history(ResellerId id) throws IOException {
    ensureReadable();
    List<StatusChange> entries = history.get(id);
    return entries == null ? Collections.<StatusChange>emptyList() : new ArrayList<>(entries);
  }

  @Override
  public synchronized void recordAccepted(List<AuditRecord> records) throws IOException {
    ensureWritable();
    for (AuditRecord record : records) {
      if (audit.containsKey(record.batchId())) {
        throw new IOException("batch " + record.batchId() + " already recorded");
      }
    }
    for (AuditRecord record : records) {
      audit.put(record.batchId(), record);
    }
  }

  @Override
  public synchronized AuditRecord findAccepted(String batchId) throws IOException {
    ensureReadable();
    return audit.get(batchId);
  }

  @Override
  public synchronized List<AuditRecord> acceptedSince(Instant since, int limit) throws IOException {
    ensureReadable();
    List<AuditRecord> out = new ArrayList<>();
    for (AuditRecord record : audit.values()) {
      if (!record.acceptedAt().isBefore(since) && out.size() < limit) {
        out.add(record);
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("store is closed");
    }
  }

  private void ensureReadable() throws IOException {
    ensureOpen();
    if (failReads) {
      throw new IOException("simulated read failure");
    }
  }

  private void ensureWritable() throws IOException {
    ensureOpen();
    if (failWrites) {
      throw new IOException("simulated write failure");
    }
  }
}
