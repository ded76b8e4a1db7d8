package io.tqc.bench;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.InMemoryRelayStore;
import io.tqc.relay.store.RelayStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A relay store for CPU measurements: the registry lives in an {@link InMemoryRelayStore}; audit
 * records are counted and dropped, so a benchmark that accepts millions of batches measures the
 * relay's CPU path without a disk flush and without growing the heap. Never use outside benchmarks.
 */
final class DiscardingAuditStore implements RelayStore {
  private final InMemoryRelayStore registry = new InMemoryRelayStore();
  private final LongAdder recorded = new LongAdder();

  @Override
  public List<Reseller> loadResellers() throws IOException {
    return registry.loadResellers();
  }

  @Override
  public void insertReseller(Reseller reseller, HistoryEntry registered) throws IOException {
    registry.insertReseller(reseller, registered);
  }

  @Override
  public void updateReseller(Reseller updated, HistoryEntry change) throws IOException {
    registry.updateReseller(updated, change);
  }

  @Override
  public List<HistoryEntry> history(ResellerId id) throws IOException {
    return registry.history(id);
  }

  @Override
  public Reseller findReseller(ResellerId id) throws IOException {
    return registry.findReseller(id);
  }

  @Override
  public List<AuditOutcome> recordAccepted(List<AuditRecord> records) {
    recorded.add(records.size());
    return new ArrayList<>(Collections.nCopies(records.size(), AuditOutcome.RECORDED));
  }

  @Override
  public boolean rememberAssertion(String assertionId, Instant expiresAt, Instant now) throws IOException {
    return registry.rememberAssertion(assertionId, expiresAt, now);
  }

  @Override
  public AuditRecord findAccepted(String batchId) {
    return null;
  }

  @Override
  public List<AuditRecord> acceptedSince(Instant since, int limit) {
    return Collections.emptyList();
  }

  @Override
  public List<AuditRecord> acceptedBy(io.tqc.api.token.ResellerId resellerId, Instant before, int limit) {
    return Collections.emptyList();
  }

  /** Audit records received (and dropped) so far. */
  long recorded() {
    return recorded.sum();
  }

  @Override
  public void close() {
    registry.close();
  }
}
