package io.tqc.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.enforcement.AuditChain;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.testing.ResellerIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EnforcementStore} must have, with the {@link RelayStore} it belongs to
 * (in-memory, SQLite, and a fleet store once it supports enforcement): extend it and say how to open
 * a fresh relay store whose {@link RelayStore#enforcement()} is not null.
 */
public abstract class EnforcementStoreContract {
  private static final AtomicInteger INDEX = new AtomicInteger(5_000);

  protected final Instant now = Instant.parse("2026-11-28T03:00:00Z");
  protected RelayStore relayStore;
  protected EnforcementStore store;
  protected final ResellerId reseller = ResellerIds.random();

  /** A new, empty relay store that supports enforcement. */
  protected abstract RelayStore openEmpty() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    relayStore = openEmpty();
    store = relayStore.enforcement();
    assertThat(store).isNotNull();
  }

  @AfterEach
  void closeStore() throws Exception {
    relayStore.close();
  }

  Reseller registered() throws Exception {
    int index = INDEX.incrementAndGet();
    Reseller r = new Reseller.Builder().id(ResellerIds.random()).name("Reseller " + index)
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + index + "-" + System.nanoTime())
        .certificationExpiresAt(now.plusSeconds(86400)).statusListIndex(index)
        .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(now).build();
    relayStore.insertReseller(r, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
        null, "op", now));
    return r;
  }

  AuditRecord.Builder audit(Reseller r, String batchId, int n, Instant at) {
    return new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tok-1").token("h.p.s").proof("proof-" + batchId).bodyDigest("d")
        .messageCount(n).acceptedAt(at).senderNumber("0212345678").nodeId("node-a");
  }

  Sanction suspension(String id) {
    return new Sanction.Builder().id(id).caseId("case-1").resellerId(reseller).kind(SanctionKind.SUSPENSION)
        .imposedAt(now).endsAt(now.plus(Duration.ofDays(1))).statusSequence(2).actor("kim").build();
  }

  @Test
  void quotaCharges_areAllOrNothing_andTheRecordWithThem() throws Exception {
    Reseller r = registered();
    QuotaCharge day = new QuotaCharge("reseller:" + r.id().value(), "day:2026-11-28", 5, now.plus(Duration.ofDays(1)));
    QuotaCharge minute = new QuotaCharge("origin:123456789", "minute:1", 100, now.plusSeconds(60));
    List<AuditOutcome> outcomes = relayStore.recordAccepted(List.of(
        audit(r, "b-1", 3, now).quotaCharges(List.of(minute, day)).build(),
        audit(r, "b-2", 3, now).quotaCharges(List.of(minute, day)).build(),
        audit(r, "b-3", 2, now).quotaCharges(List.of(minute, day)).build()));
    assertThat(outcomes).containsExactly(AuditOutcome.RECORDED, AuditOutcome.QUOTA_EXCEEDED, AuditOutcome.RECORDED);
    assertThat(relayStore.findAccepted("b-2")).isNull();
    assertThat(store.quotaUsed(day.key(), day.window())).isEqualTo(5);
    // The origin counter moved only for the two stored records, although b-2 fitted its minute quota.
    assertThat(store.quotaUsed(minute.key(), minute.window())).isEqualTo(5);
    assertThat(store.chainHead("node-a").seq()).isEqualTo(2);
  }

  @Test
  void tracebackRowsAndChainLinks_areWrittenWithTheRecord() throws Exception {
    Reseller r = registered();
    relayStore.recordAccepted(List.of(
        audit(r, "b-1", 2, now).messageDigests(List.of(new TracebackDigest(0, "R1", "T1"),
            new TracebackDigest(1, "R2", "T2"))).build(),
        audit(r, "b-1", 1, now).messageDigests(List.of(new TracebackDigest(0, "R9", "T9"))).build(),
        audit(r, "b-2", 1, now.plusSeconds(1)).messageDigests(List.of(new TracebackDigest(0, "R1", "T3"))).build()));
    assertThat(store.messagesTo("R1", now.minusSeconds(1), now.plusSeconds(5), 10)).extracting(IndexedMessage::batchId)
        .containsExactly("b-2", "b-1");
    assertThat(store.messagesTo("R9", now.minusSeconds(1), now.plusSeconds(5), 10)).isEmpty();
    assertThat(store.token("tok-1")).isEqualTo("h.p.s");
    List<ChainLink> chain = store.chain("node-a", 1, 10);
    assertThat(chain).extracting(ChainLink::batchId).containsExactly("b-1", "b-2");
    assertThat(chain.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
    AuditRecord stored = relayStore.findAccepted("b-2");
    AuditRecord withExtras = new AuditRecord.Builder().batchId(stored.batchId()).resellerId(stored.resellerId())
        .certificationId(stored.certificationId()).originCode(stored.originCode()).tokenId(stored.tokenId())
        .token("h.p.s").proof(stored.proof()).bodyDigest(stored.bodyDigest()).messageCount(stored.messageCount())
        .acceptedAt(stored.acceptedAt()).senderNumber("0212345678").build();
    assertThat(AuditChain.hash(withExtras, "node-a", 2, chain.get(0).hash(), chain.get(1).messagesDigest()))
        .isEqualTo(chain.get(1).hash());
    assertThat(store.chainOf(r.id(), now, now.plusSeconds(5), 10)).hasSize(2);
    assertThat(store.pruneMessages(now.plusMillis(500))).isEqualTo(2);
    assertThat(store.messagesTo("R1", now.minusSeconds(1), now.plusSeconds(5), 10)).extracting(IndexedMessage::batchId)
        .containsExactly("b-2");
    // Pruning the index never touches the audit or its chain.
    assertThat(relayStore.findAccepted("b-1")).isNotNull();
    assertThat(store.chain("node-a", 1, 10)).hasSize(2);
  }

  @Test
  void sanctionEnd_isClaimedOnce_untilTheLeaseRunsOut() throws Exception {
    store.insertSanction(suspension("s-1"));
    Instant due = now.plus(Duration.ofDays(1));
    assertThat(store.suspensionsDue(due.minusMillis(1))).isEmpty();
    assertThat(store.suspensionsDue(due)).extracting(Sanction::id).containsExactly("s-1");
    assertThat(store.claimSanctionEnd("s-1", "node-a", due, due.plusSeconds(300))).isTrue();
    assertThat(store.claimSanctionEnd("s-1", "node-b", due, due.plusSeconds(300))).isFalse();
    // node-a died before completing: after the lease another node may finish the job.
    assertThat(store.claimSanctionEnd("s-1", "node-b", due.plusSeconds(300), due.plusSeconds(600))).isTrue();
    store.completeSanctionEnd("s-1", due.plusSeconds(301));
    assertThat(store.suspensionsDue(due.plusSeconds(900))).isEmpty();
    assertThat(store.claimSanctionEnd("s-1", "node-c", due.plusSeconds(900), due.plusSeconds(1200))).isFalse();
    assertThat(store.sanctions(reseller).get(0).endedAt()).isEqualTo(due.plusSeconds(301));
  }

  @Test
  void cases_areCompareAndSet_withOneOpenCasePerReseller() throws Exception {
    Case opened = new Case.Builder().id("c-1").resellerId(reseller).state(CaseState.OPEN).version(1).reportCount(1)
        .openedAt(now).updatedAt(now).build();
    store.insertCase(opened, new CaseEvent("c-1", 1, CaseEvent.Action.OPENED, CaseState.OPEN, "a", null, now, "r"));
    Case other = opened.newBuilder().id("c-2").build();
    assertThatThrownBy(() -> store.insertCase(other,
        new CaseEvent("c-2", 1, CaseEvent.Action.OPENED, CaseState.OPEN, "a", null, now, "r")))
        .isInstanceOf(StoreConflictException.class);
    Case confirmed = opened.newBuilder().state(CaseState.CONFIRMED).version(2).build();
    CaseEvent event = new CaseEvent("c-1", 2, CaseEvent.Action.CONFIRMED, CaseState.CONFIRMED, "kim", null, now, null);
    store.updateCase(confirmed, event);
    assertThatThrownBy(() -> store.updateCase(confirmed, event)).isInstanceOf(StoreConflictException.class);
    assertThat(store.openCase(reseller).state()).isEqualTo(CaseState.CONFIRMED);
    assertThat(store.caseHistory("c-1")).hasSize(2);
  }

  @Test
  void cases_areListedNewestFirst_byStateAndReseller_andCounted() throws Exception {
    ResellerId second = ResellerIds.random();
    Case a = new Case.Builder().id("c-a").resellerId(reseller).state(CaseState.OPEN).version(1).reportCount(1)
        .openedAt(now).updatedAt(now).build();
    Case b = a.newBuilder().id("c-b").resellerId(second).openedAt(now.plusSeconds(10)).updatedAt(now.plusSeconds(10))
        .build();
    store.insertCase(a, new CaseEvent("c-a", 1, CaseEvent.Action.OPENED, CaseState.OPEN, "a", null, now, "r"));
    store.insertCase(b, new CaseEvent("c-b", 1, CaseEvent.Action.OPENED, CaseState.OPEN, "a", null, now, "r"));
    store.updateCase(a.newBuilder().state(CaseState.DISMISSED).version(2).build(),
        new CaseEvent("c-a", 2, CaseEvent.Action.DISMISSED, CaseState.DISMISSED, "kim", null, now, null));
    Case c = a.newBuilder().id("c-c").openedAt(now.plusSeconds(20)).updatedAt(now.plusSeconds(20)).build();
    store.insertCase(c, new CaseEvent("c-c", 1, CaseEvent.Action.OPENED, CaseState.OPEN, "a", null, now, "r"));

    assertThat(store.listCases(null, null, 10)).extracting(Case::id).containsExactly("c-c", "c-b", "c-a");
    assertThat(store.listCases(null, null, 2)).extracting(Case::id).containsExactly("c-c", "c-b");
    assertThat(store.listCases(CaseState.OPEN, null, 10)).extracting(Case::id).containsExactly("c-c", "c-b");
    assertThat(store.listCases(null, reseller, 10)).extracting(Case::id).containsExactly("c-c", "c-a");
    assertThat(store.listCases(CaseState.DISMISSED, reseller, 10)).extracting(Case::id).containsExactly("c-a");
    assertThat(store.listCases(CaseState.SANCTIONED, null, 10)).isEmpty();
    assertThat(store.caseCounts()).containsEntry(CaseState.OPEN, 2L).containsEntry(CaseState.DISMISSED, 1L)
        .doesNotContainKey(CaseState.SANCTIONED);
  }

  @Test
  void duplicateReport_isNotStored() throws Exception {
    StoredReport report = new StoredReport("r-1", "fp", io.tqc.relay.enforcement.ReportSource.USER, null, now, now,
        io.tqc.relay.enforcement.MatchRank.NONE, null, -1, "c-9", "a");
    assertThat(store.insertReport(report)).isTrue();
    assertThat(store.insertReport(new StoredReport("r-2", "fp", io.tqc.relay.enforcement.ReportSource.USER, null, now,
        now, io.tqc.relay.enforcement.MatchRank.NONE, null, -1, "c-9", "a"))).isFalse();
    assertThat(store.reports("c-9")).extracting(StoredReport::id).containsExactly("r-1");
  }

  @Test
  void quotaOverrides_areSetAndRemoved() throws Exception {
    QuotaSubject subject = QuotaSubject.originCode("123456789");
    store.setQuota(subject, QuotaLimits.of(1000, 50));
    store.setQuota(subject, QuotaLimits.of(2000, 60));
    assertThat(store.quotas()).isEqualTo(Map.of(subject, QuotaLimits.of(2000, 60)));
    store.setQuota(subject, null);
    assertThat(store.quotas()).isEmpty();
  }
}
