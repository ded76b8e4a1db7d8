package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.AuditChain;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.TracebackDigest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EnforcementStore} of an {@link InMemoryRelayStore}, <strong>for tests only</strong>:
 * nothing survives the JVM. Same rules as the SQLite one.
 */
final class InMemoryEnforcementStore implements EnforcementStore {
  private final Map<String, List<IndexedMessage>> byRecipient = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Map<String, StoredReport> reports = new LinkedHashMap<>();
  private final Map<String, Case> cases = new LinkedHashMap<>();
  private final Map<String, List<CaseEvent>> caseEvents = new HashMap<>();
  private final Map<String, Sanction> sanctions = new LinkedHashMap<>();
  private final Map<String, Object[]> claims = new HashMap<>();
  private final Map<QuotaSubject, QuotaLimits> quotas = new LinkedHashMap<>();
  private final Map<String, Long> counters = new HashMap<>();
  private final Map<String, Instant> counterEnds = new HashMap<>();
  private final Map<String, List<ChainLink>> chains = new HashMap<>();
  private final Map<String, List<Checkpoint>> checkpoints = new HashMap<>();
  private final InMemoryRelayStore owner;

  InMemoryEnforcementStore(InMemoryRelayStore owner) {
    this.owner = owner;
  }

  /**
   * Called by the owner inside its audit commit (under its lock): applies the record's quota
   * charges and index rows, all or nothing. False if a charge does not fit (nothing changed).
   */
  synchronized boolean attach(AuditRecord record) {
    long n = record.messageCount();
    for (QuotaCharge charge : record.quotaCharges()) {
      Long used = counters.get(charge.key() + "|" + charge.window());
      if ((used == null ? 0 : used) + n > charge.limit()) {
        return false;
      }
    }
    for (QuotaCharge charge : record.quotaCharges()) {
      String key = charge.key() + "|" + charge.window();
      Long used = counters.get(key);
      counters.put(key, (used == null ? 0 : used) + n);
      counterEnds.put(key, charge.windowEnd());
    }
    for (Iterator<Map.Entry<String, Instant>> it = counterEnds.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> end = it.next();
      if (end.getValue().isBefore(record.acceptedAt())) {
        counters.remove(end.getKey());
        it.remove();
      }
    }
    for (TracebackDigest digest : record.messageDigests()) {
      List<IndexedMessage> rows = byRecipient.get(digest.recipientDigest());
      if (rows == null) {
        rows = new ArrayList<>();
        byRecipient.put(digest.recipientDigest(), rows);
      }
      rows.add(new IndexedMessage(record.batchId(), digest.index(), digest.textDigest(), record.senderNumber(),
          record.resellerId(), record.originCode(), record.acceptedAt(), record.nodeId()));
    }
    if (record.token() != null) {
      tokens.put(record.tokenId(), record.token());
    }
    List<ChainLink> chain = chains.get(record.nodeId());
    if (chain == null) {
      chain = new ArrayList<>();
      chains.put(record.nodeId(), chain);
    }
    long seq = chain.size() + 1;
    String prev = chain.isEmpty() ? AuditChain.GENESIS : chain.get(chain.size() - 1).hash();
    String messages = AuditChain.messagesDigest(record.messageDigests());
    chain.add(new ChainLink(record.nodeId(), seq, record.batchId(), record.resellerId(), record.acceptedAt(),
        record.senderNumber(), messages, prev, AuditChain.hash(record, record.nodeId(), seq, prev, messages)));
    return true;
  }

  @Override
  public synchronized ChainLink chainHead(String node) throws IOException {
    check();
    List<ChainLink> chain = chains.get(node);
    return chain == null || chain.isEmpty() ? null : chain.get(chain.size() - 1);
  }

  @Override
  public synchronized List<ChainLink> chain(String node, long fromSeq, long toSeq) throws IOException {
    check();
    List<ChainLink> chain = chains.get(node);
    List<ChainLink> out = new ArrayList<>();
    if (chain != null) {
      for (long s = Math.max(1, fromSeq); s <= Math.min(toSeq, chain.size()); s++) {
        out.add(chain.get((int) s - 1));
      }
    }
    return out;
  }

  @Override
  public synchronized List<ChainLink> chainOf(ResellerId resellerId, Instant from, Instant to, int limit)
      throws IOException {
    check();
    List<String> nodes = new ArrayList<>(chains.keySet());
    Collections.sort(nodes);
    List<ChainLink> out = new ArrayList<>();
    for (String node : nodes) {
      for (ChainLink link : chains.get(node)) {
        if (out.size() < limit && link.resellerId().equals(resellerId) && !link.acceptedAt().isBefore(from)
            && !link.acceptedAt().isAfter(to)) {
          out.add(link);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized void insertCheckpoint(Checkpoint checkpoint) throws IOException {
    check();
    List<Checkpoint> list = checkpoints.get(checkpoint.node());
    if (list == null) {
      list = new ArrayList<>();
      checkpoints.put(checkpoint.node(), list);
    }
    for (Checkpoint other : list) {
      if (other.seq() == checkpoint.seq()) {
        throw new StoreConflictException("checkpoint " + checkpoint.node() + "#" + checkpoint.seq() + " exists");
      }
    }
    list.add(checkpoint);
  }

  @Override
  public synchronized Checkpoint lastCheckpoint(String node) throws IOException {
    check();
    List<Checkpoint> list = checkpoints.get(node);
    Checkpoint last = null;
    if (list != null) {
      for (Checkpoint c : list) {
        if (last == null || c.seq() > last.seq()) {
          last = c;
        }
      }
    }
    return last;
  }

  @Override
  public synchronized Checkpoint checkpointAtOrAfter(String node, long seq) throws IOException {
    check();
    List<Checkpoint> list = checkpoints.get(node);
    Checkpoint first = null;
    if (list != null) {
      for (Checkpoint c : list) {
        if (c.seq() >= seq && (first == null || c.seq() < first.seq())) {
          first = c;
        }
      }
    }
    return first;
  }

  private void check() throws IOException {
    owner.ensureUsable();
  }

  @Override
  public synchronized List<IndexedMessage> messagesTo(String recipientDigest, Instant from, Instant to, int limit)
      throws IOException {
    check();
    List<IndexedMessage> rows = byRecipient.get(recipientDigest);
    List<IndexedMessage> out = new ArrayList<>();
    if (rows != null) {
      for (int i = rows.size() - 1; i >= 0 && out.size() < limit; i--) {
        IndexedMessage row = rows.get(i);
        if (!row.acceptedAt().isBefore(from) && !row.acceptedAt().isAfter(to)) {
          out.add(row);
        }
      }
    }
    return out;
  }

  @Override
  public synchronized String token(String tokenId) throws IOException {
    check();
    return tokens.get(tokenId);
  }

  @Override
  public synchronized int pruneMessages(Instant before) throws IOException {
    check();
    int pruned = 0;
    for (Iterator<List<IndexedMessage>> lists = byRecipient.values().iterator(); lists.hasNext(); ) {
      List<IndexedMessage> rows = lists.next();
      for (Iterator<IndexedMessage> it = rows.iterator(); it.hasNext(); ) {
        if (it.next().acceptedAt().isBefore(before)) {
          it.remove();
          pruned++;
        }
      }
      if (rows.isEmpty()) {
        lists.remove();
      }
    }
    return pruned;
  }

  @Override
  public synchronized Instant oldestMessage() throws IOException {
    check();
    Instant oldest = null;
    for (List<IndexedMessage> rows : byRecipient.values()) {
      for (IndexedMessage row : rows) {
        if (oldest == null || row.acceptedAt().isBefore(oldest)) {
          oldest = row.acceptedAt();
        }
      }
    }
    return oldest;
  }

  @Override
  public synchronized boolean insertReport(StoredReport report) throws IOException {
    check();
    for (StoredReport other : reports.values()) {
      if (other.fingerprint().equals(report.fingerprint())) {
        return false;
      }
    }
    reports.put(report.id(), report);
    return true;
  }

  @Override
  public synchronized List<StoredReport> reports(String caseId) throws IOException {
    check();
    List<StoredReport> out = new ArrayList<>();
    for (StoredReport report : reports.values()) {
      if (caseId.equals(report.caseId())) {
        out.add(report);
      }
    }
    return out;
  }

  @Override
  public synchronized void insertCase(Case opened, CaseEvent first) throws IOException {
    check();
    if (cases.containsKey(opened.id()) || openCase(opened.resellerId()) != null) {
      throw new StoreConflictException("case " + opened.id() + " exists or " + opened.resellerId()
          + " already has an open case");
    }
    cases.put(opened.id(), opened);
    List<CaseEvent> events = new ArrayList<>();
    events.add(first);
    caseEvents.put(opened.id(), events);
  }

  @Override
  public synchronized void updateCase(Case updated, CaseEvent event) throws IOException {
    check();
    Case current = cases.get(updated.id());
    if (current == null || current.version() != updated.version() - 1) {
      throw new StoreConflictException("case " + updated.id() + " is unknown or not at version "
          + (updated.version() - 1));
    }
    cases.put(updated.id(), updated);
    caseEvents.get(updated.id()).add(event);
  }

  @Override
  public synchronized Case findCase(String caseId) throws IOException {
    check();
    return cases.get(caseId);
  }

  @Override
  public synchronized Case openCase(ResellerId resellerId) throws IOException {
    check();
    for (Case c : cases.values()) {
      if (c.resellerId().equals(resellerId) && c.state().isOpen()) {
        return c;
      }
    }
    return null;
  }

  @Override
  public synchronized List<Case> cases(ResellerId resellerId) throws IOException {
    check();
    List<Case> out = new ArrayList<>();
    for (Case c : cases.values()) {
      if (c.resellerId().equals(resellerId)) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Case> listCases(CaseState state, ResellerId resellerId, int limit) throws IOException {
    check();
    List<Case> all = new ArrayList<>(cases.values());
    List<Case> out = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
      Case c = all.get(i);
      if ((state == null || c.state() == state) && (resellerId == null || c.resellerId().equals(resellerId))) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public synchronized Map<CaseState, Long> caseCounts() throws IOException {
    check();
    Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
    for (Case c : cases.values()) {
      counts.merge(c.state(), 1L, Long::sum);
    }
    return counts;
  }

  @Override
  public synchronized List<CaseEvent> caseHistory(String caseId) throws IOException {
    check();
    List<CaseEvent> events = caseEvents.get(caseId);
    return events == null ? Collections.<CaseEvent>emptyList() : new ArrayList<>(events);
  }

  @Override
  public synchronized void insertSanction(Sanction sanction) throws IOException {
    check();
    if (sanctions.containsKey(sanction.id())) {
      throw new StoreConflictException("sanction " + sanction.id() + " exists");
    }
    sanctions.put(sanction.id(), sanction);
  }

  @Override
  public synchronized List<Sanction> sanctions(ResellerId resellerId) throws IOException {
    check();
    List<Sanction> out = new ArrayList<>();
    for (Sanction s : sanctions.values()) {
      if (s.resellerId().equals(resellerId)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Sanction> quotaReductions(Instant now) throws IOException {
    check();
    List<Sanction> out = new ArrayList<>();
    for (Sanction s : sanctions.values()) {
      if (s.quotaUntil() != null && s.quotaUntil().isAfter(now)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized List<Sanction> suspensionsDue(Instant now) throws IOException {
    check();
    List<Sanction> out = new ArrayList<>();
    for (Sanction s : sanctions.values()) {
      if (s.endsAt() != null && s.endedAt() == null && !s.endsAt().isAfter(now)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean claimSanctionEnd(String sanctionId, String claimant, Instant now, Instant leaseUntil)
      throws IOException {
    check();
    Sanction s = sanctions.get(sanctionId);
    if (s == null || s.endedAt() != null) {
      return false;
    }
    Object[] claim = claims.get(sanctionId);
    if (claim != null && ((Instant) claim[1]).isAfter(now)) {
      return false;
    }
    claims.put(sanctionId, new Object[] {claimant, leaseUntil});
    return true;
  }

  @Override
  public synchronized void completeSanctionEnd(String sanctionId, Instant at) throws IOException {
    check();
    Sanction s = sanctions.get(sanctionId);
    if (s != null && s.endedAt() == null) {
      sanctions.put(sanctionId, s.newBuilder().endedAt(at).build());
    }
  }

  @Override
  public synchronized void setQuota(QuotaSubject subject, QuotaLimits limits) throws IOException {
    check();
    if (limits == null) {
      quotas.remove(subject);
    } else {
      quotas.put(subject, limits);
    }
  }

  @Override
  public synchronized Map<QuotaSubject, QuotaLimits> quotas() throws IOException {
    check();
    return new LinkedHashMap<>(quotas);
  }

  @Override
  public synchronized long quotaUsed(String key, String window) throws IOException {
    check();
    Long used = counters.get(key + "|" + window);
    return used == null ? 0 : used;
  }
}
