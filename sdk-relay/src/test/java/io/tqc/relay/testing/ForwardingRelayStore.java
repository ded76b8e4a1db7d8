package io.tqc.relay.testing;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.RelayStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A {@link RelayStore} that forwards every call: extend it to intercept some (fault injection). */
public class ForwardingRelayStore implements RelayStore {
  protected final RelayStore delegate;

  public ForwardingRelayStore(RelayStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<Reseller> loadResellers() throws IOException {
    return delegate.loadResellers();
  }

  @Override
  public Reseller findReseller(ResellerId id) throws IOException {
    return delegate.findReseller(id);
  }

  @Override
  public void insertReseller(Reseller reseller, HistoryEntry registered) throws IOException {
    delegate.insertReseller(reseller, registered);
  }

  @Override
  public void updateReseller(Reseller updated, HistoryEntry change) throws IOException {
    delegate.updateReseller(updated, change);
  }

  @Override
  public List<HistoryEntry> history(ResellerId id) throws IOException {
    return delegate.history(id);
  }

  @Override
  public List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
    return delegate.recordAccepted(records);
  }

  @Override
  public AuditRecord findAccepted(String batchId) throws IOException {
    return delegate.findAccepted(batchId);
  }

  @Override
  public List<AuditRecord> acceptedSince(Instant since, int limit) throws IOException {
    return delegate.acceptedSince(since, limit);
  }

  @Override
  public List<AuditRecord> acceptedBy(io.tqc.api.token.ResellerId resellerId, Instant before, int limit)
      throws IOException {
    return delegate.acceptedBy(resellerId, before, limit);
  }

  @Override
  public boolean rememberAssertion(String assertionId, Instant expiresAt, Instant now) throws IOException {
    return delegate.rememberAssertion(assertionId, expiresAt, now);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
