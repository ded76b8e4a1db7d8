package io.tqc.relay.store;

import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
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
  /** Unique indexes of the registry, as the SQLite schema has them: registration never scans every reseller. */
  private final Map<String, ResellerId> certificationIds = new HashMap<>();
  private final Map<Integer, ResellerId> statusListIndexes = new HashMap<>();
  private final Map<ResellerId, List<HistoryEntry>> history = new LinkedHashMap<>();
  private final Map<String, AuditRecord> audit = new LinkedHashMap<>();
  private final Map<String, Instant> assertions = new HashMap<>();
  private boolean fence = true;
  private boolean failWrites;
  private volatile boolean failReads;
  private volatile boolean closed;
  private final InMemoryEnforcementStore enforcement = new InMemoryEnforcementStore(this);

  @Override
  public EnforcementStore enforcement() {
    return enforcement;
  }

  /** Throws if the store is closed or reads fail (the enforcement view shares this state; takes no lock). */
  void ensureUsable() throws IOException {
    ensureReadable();
  }

  /** When {@code true}, every later write throws {@link IOException} (to test failure handling). */
  public synchronized void failWrites(boolean fail) {
    this.failWrites = fail;
  }

  /**
   * When {@code false}, {@link #recordAccepted} stops checking the stored status: <strong>only</strong>
   * for the control run of a test that proves the fence is what keeps suspended resellers out.
   */
  public synchronized void fence(boolean on) {
    this.fence = on;
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
  public synchronized void insertReseller(Reseller reseller, HistoryEntry registered) throws IOException {
    ensureWritable();
    if (resellers.containsKey(reseller.id())) {
      throw new StoreConflictException("reseller " + reseller.id() + " exists");
    }
    if (certificationIds.containsKey(reseller.certificationId())
        || statusListIndexes.containsKey(reseller.statusListIndex())) {
      throw new StoreConflictException("certification id or status-list index taken");
    }
    resellers.put(reseller.id(), reseller);
    certificationIds.put(reseller.certificationId(), reseller.id());
    statusListIndexes.put(reseller.statusListIndex(), reseller.id());
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(registered);
    history.put(reseller.id(), entries);
  }

  @Override
  public synchronized void updateReseller(Reseller updated, HistoryEntry change) throws IOException {
    ensureWritable();
    Reseller current = resellers.get(updated.id());
    if (current == null || current.sequence() != updated.sequence() - 1) {
      throw new StoreConflictException("reseller " + updated.id() + " is unknown or not at sequence "
          + (updated.sequence() - 1));
    }
    certificationIds.remove(current.certificationId());
    statusListIndexes.remove(current.statusListIndex());
    resellers.put(updated.id(), updated);
    certificationIds.put(updated.certificationId(), updated.id());
    statusListIndexes.put(updated.statusListIndex(), updated.id());
    history.get(updated.id()).add(change);
  }

  @Override
  public synchronized Reseller findReseller(ResellerId id) throws IOException {
    ensureReadable();
    return resellers.get(id);
  }

  @Override
  public synchronized List<HistoryEntry> history(ResellerId id) throws IOException {
    ensureReadable();
    List<HistoryEntry> entries = history.get(id);
    return entries == null ? Collections.<HistoryEntry>emptyList() : new ArrayList<>(entries);
  }

  @Override
  public synchronized List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
    ensureWritable();
    List<AuditOutcome> outcomes = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      Reseller owner = resellers.get(record.resellerId());
      boolean active = owner != null && owner.status() == CertificationStatus.ACTIVE
          && owner.certificationId().equals(record.certificationId());
      if (audit.containsKey(record.batchId())) {
        outcomes.add(AuditOutcome.DUPLICATE);
      } else if (fence && !active) {
        outcomes.add(AuditOutcome.NOT_ACTIVE);
      } else if (!enforcement.attach(record)) {
        outcomes.add(AuditOutcome.QUOTA_EXCEEDED);
      } else {
        audit.put(record.batchId(), record);
        outcomes.add(AuditOutcome.RECORDED);
      }
    }
    return outcomes;
  }

  @Override
  public synchronized boolean rememberAssertion(String assertionId, Instant expiresAt, Instant now)
      throws IOException {
    ensureWritable();
    for (Iterator<Instant> it = assertions.values().iterator(); it.hasNext(); ) {
      if (!it.next().isAfter(now)) {
        it.remove();
      }
    }
    if (assertions.containsKey(assertionId)) {
      return false;
    }
    assertions.put(assertionId, expiresAt);
    return true;
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
  public synchronized List<AuditRecord> acceptedBy(ResellerId resellerId, Instant before, int limit)
      throws IOException {
    ensureReadable();
    List<AuditRecord> mine = new ArrayList<>();
    for (AuditRecord record : audit.values()) {
      if (record.resellerId().equals(resellerId) && record.acceptedAt().isBefore(before)) {
        mine.add(record);
      }
    }
    List<AuditRecord> out = new ArrayList<>();
    for (int i = mine.size() - 1; i >= 0 && out.size() < limit; i--) {
      out.add(mine.get(i));
    }
    return out;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /**
   * Opens the store again after {@link #close} with everything it held, as a restarted process
   * would find a durable store (tests of restart behaviour).
   */
  public synchronized void reopen() {
    closed = false;
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
