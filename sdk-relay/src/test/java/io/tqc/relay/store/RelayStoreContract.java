package io.tqc.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.testing.ResellerIds;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RelayStore} must have (in-memory, SQLite, PostgreSQL, an operator's
 * own): extend it and say how to open a fresh store and how to reopen it as a restarted process
 * would. Each test starts from an empty store.
 */
public abstract class RelayStoreContract {
  private static final AtomicInteger INDEX = new AtomicInteger(1_000);

  protected final Instant now = Instant.parse("2026-11-28T03:00:00Z");
  protected RelayStore store;

  /** A new, empty store. */
  protected abstract RelayStore openEmpty() throws Exception;

  /** Closes {@code store} and opens the same data again, as a restarted relay would. */
  protected abstract RelayStore reopen(RelayStore store) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  /** An ACTIVE reseller at sequence 1 with a unique certification id and status-list index. */
  protected Reseller reseller() {
    int index = INDEX.incrementAndGet();
    return new Reseller.Builder().id(ResellerIds.random()).name("Reseller " + index)
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + index + "-" + System.nanoTime())
        .certificationExpiresAt(now.plusSeconds(86400)).statusListIndex(index)
        .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(now).build();
  }

  protected static HistoryEntry registered(Reseller r, Instant at) {
    return new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE, null, "op", at);
  }

  protected Reseller inserted() throws Exception {
    Reseller r = reseller();
    store.insertReseller(r, registered(r, now));
    return r;
  }

  protected Reseller changeStatus(Reseller r, CertificationStatus status) throws Exception {
    Reseller next = r.newBuilder().status(status).statusReason("why").sequence(r.sequence() + 1).build();
    HistoryEntry.Kind kind = status == CertificationStatus.ACTIVE ? HistoryEntry.Kind.REINSTATED
        : status == CertificationStatus.SUSPENDED ? HistoryEntry.Kind.SUSPENDED : HistoryEntry.Kind.REVOKED;
    store.updateReseller(next, new HistoryEntry(r.id(), next.sequence(), kind, status, "why", "kim", now));
    return next;
  }

  protected AuditRecord audit(Reseller r, String batchId) {
    return new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tokenidtokenidtokenid1").proof("h.p.s").bodyDigest("digest")
        .messageCount(3).acceptedAt(now).build();
  }

  /** Asserts that {@code actual} holds every field of {@code expected}. */
  protected static void assertSameRecord(Reseller actual, Reseller expected) {
    assertThat(actual).isNotNull();
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.name()).isEqualTo(expected.name());
    assertThat(actual.keys()).extracting(k -> k.thumbprint())
        .containsExactlyElementsOf(expected.keys().stream().map(k -> k.thumbprint()).toList());
    assertThat(actual.senderNumbers()).isEqualTo(expected.senderNumbers());
    assertThat(actual.scope()).isEqualTo(expected.scope());
    assertThat(actual.originCode()).isEqualTo(expected.originCode());
    assertThat(actual.certificationId()).isEqualTo(expected.certificationId());
    assertThat(actual.certificationExpiresAt()).isEqualTo(expected.certificationExpiresAt());
    assertThat(actual.statusListIndex()).isEqualTo(expected.statusListIndex());
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.statusReason()).isEqualTo(expected.statusReason());
    assertThat(actual.sequence()).isEqualTo(expected.sequence());
    assertThat(actual.registeredAt()).isEqualTo(expected.registeredAt());
  }

  @Test
  void insertedReseller_isFoundAndLoaded() throws Exception {
    Reseller r = inserted();
    assertSameRecord(store.findReseller(r.id()), r);
    assertThat(store.loadResellers()).extracting(Reseller::id).contains(r.id());
    assertThat(store.findReseller(ResellerIds.random())).isNull();
    assertThat(store.history(r.id())).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.REGISTERED);
  }

  @Test
  void takenIdCertificationOrIndex_isAConflict_andNothingIsWritten() throws Exception {
    Reseller r = inserted();
    Reseller sameIndex = reseller().newBuilder().statusListIndex(r.statusListIndex()).build();
    Reseller sameCert = reseller().newBuilder().certificationId(r.certificationId()).build();
    Reseller sameId = reseller().newBuilder().id(r.id()).build();
    for (Reseller clash : List.of(sameIndex, sameCert, sameId)) {
      assertThatThrownBy(() -> store.insertReseller(clash, registered(clash, now)))
          .isInstanceOf(StoreConflictException.class);
    }
    assertThat(store.findReseller(sameIndex.id())).isNull();
    assertThat(store.history(sameCert.id())).isEmpty();
    assertSameRecord(store.findReseller(r.id()), r);
  }

  @Test
  void statusChange_isCompareAndSetOnTheStoredSequence() throws Exception {
    Reseller r = inserted();
    Reseller suspended = changeStatus(r, CertificationStatus.SUSPENDED);
    // A second writer that built its change on sequence 1 (a node with stale memory) loses.
    assertThatThrownBy(() -> changeStatus(r, CertificationStatus.REVOKED)).isInstanceOf(StoreConflictException.class);
    // So does one that skips a sequence.
    Reseller skipping = suspended.newBuilder().sequence(5).build();
    assertThatThrownBy(() -> store.updateReseller(skipping, new HistoryEntry(r.id(), 5, HistoryEntry.Kind.SUSPENDED,
        CertificationStatus.SUSPENDED, null, "kim", now))).isInstanceOf(StoreConflictException.class);
    assertSameRecord(store.findReseller(r.id()), suspended);
    assertThat(store.history(r.id())).extracting(HistoryEntry::sequence).containsExactly(1L, 2L);
    Reseller unknown = reseller().newBuilder().sequence(2).build();
    assertThatThrownBy(() -> store.updateReseller(unknown, new HistoryEntry(unknown.id(), 2,
        HistoryEntry.Kind.SUSPENDED, CertificationStatus.SUSPENDED, null, "kim", now)))
        .isInstanceOf(StoreConflictException.class);
  }

  @Test
  void groupCommit_reportsEachRecordsOutcome_andOneBadRecordNeverFailsTheOthers() throws Exception {
    Reseller honest = inserted();
    Reseller reuser = inserted();
    Reseller suspended = changeStatus(inserted(), CertificationStatus.SUSPENDED);
    Reseller revoked = changeStatus(inserted(), CertificationStatus.REVOKED);
    assertThat(store.recordAccepted(List.of(audit(reuser, "old-batch")))).containsExactly(AuditOutcome.RECORDED);
    Reseller otherCert = honest.newBuilder().certificationId("cert-replaced").build();

    List<AuditOutcome> outcomes = store.recordAccepted(List.of(
        audit(honest, "h-1"), audit(reuser, "old-batch"), audit(honest, "h-2"), audit(suspended, "s-1"),
        audit(revoked, "r-1"), audit(otherCert, "c-1"), audit(honest, "h-2"), audit(honest, "h-3")));

    assertThat(outcomes).containsExactly(AuditOutcome.RECORDED, AuditOutcome.DUPLICATE, AuditOutcome.RECORDED,
        AuditOutcome.NOT_ACTIVE, AuditOutcome.NOT_ACTIVE, AuditOutcome.NOT_ACTIVE, AuditOutcome.DUPLICATE,
        AuditOutcome.RECORDED);
    assertThat(store.findAccepted("h-1")).isNotNull();
    assertThat(store.findAccepted("h-3")).isNotNull();
    assertThat(store.findAccepted("s-1")).isNull();
    assertThat(store.findAccepted("r-1")).isNull();
    assertThat(store.findAccepted("c-1")).isNull();
    assertThat(store.findAccepted("old-batch").resellerId()).isEqualTo(reuser.id());
  }

  @Test
  void reinstated_isRecordedAgain() throws Exception {
    Reseller r = changeStatus(inserted(), CertificationStatus.SUSPENDED);
    assertThat(store.recordAccepted(List.of(audit(r, "b-1")))).containsExactly(AuditOutcome.NOT_ACTIVE);
    changeStatus(r, CertificationStatus.ACTIVE);
    assertThat(store.recordAccepted(List.of(audit(r, "b-1")))).containsExactly(AuditOutcome.RECORDED);
  }

  @Test
  void acceptedRecords_areReadBackByIdAndTime() throws Exception {
    Reseller r = inserted();
    AuditRecord early = audit(r, "early");
    AuditRecord late = new AuditRecord.Builder().batchId("late").resellerId(r.id())
        .certificationId(r.certificationId()).originCode(r.originCode()).tokenId("tokenidtokenidtokenid1")
        .proof("h.p.s").bodyDigest("digest").messageCount(1).acceptedAt(now.plusMillis(2500)).build();
    store.recordAccepted(List.of(early, late));
    assertThat(store.findAccepted("late").acceptedAt()).isEqualTo(now.plusMillis(2500));
    assertThat(store.findAccepted("late").messageCount()).isEqualTo(1);
    assertThat(store.acceptedSince(now.plusSeconds(1), 10)).extracting(AuditRecord::batchId).containsExactly("late");
    assertThat(store.acceptedSince(now, 1)).extracting(AuditRecord::batchId).containsExactly("early");
    assertThat(store.findAccepted("none")).isNull();
  }

  @Test
  void resellersBatches_areListedNewestFirst_boundedAndPagedByTime() throws Exception {
    Reseller r = inserted();
    Reseller other = inserted();
    List<AuditRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(new AuditRecord.Builder().batchId("mine-" + i).resellerId(r.id())
          .certificationId(r.certificationId()).originCode(r.originCode()).tokenId("tokenidtokenidtokenid1")
          .proof("h.p.s").bodyDigest("digest").messageCount(i + 1).acceptedAt(now.plusSeconds(i)).build());
    }
    records.add(audit(other, "theirs"));
    store.recordAccepted(records);
    assertThat(store.acceptedBy(r.id(), now.plusSeconds(60), 3)).extracting(AuditRecord::batchId)
        .containsExactly("mine-4", "mine-3", "mine-2");
    assertThat(store.acceptedBy(r.id(), now.plusSeconds(60), 3).get(0).messageCount()).isEqualTo(5);
    // The next page: strictly before the oldest time of the last one.
    assertThat(store.acceptedBy(r.id(), now.plusSeconds(2), 3)).extracting(AuditRecord::batchId)
        .containsExactly("mine-1", "mine-0");
    assertThat(store.acceptedBy(other.id(), now.plusSeconds(60), 10)).extracting(AuditRecord::batchId)
        .containsExactly("theirs");
    assertThat(store.acceptedBy(ResellerIds.random(), now.plusSeconds(60), 10)).isEmpty();
  }

  @Test
  void assertionId_isFirstUseOnce_untilItExpires() throws Exception {
    Instant exp = now.plusSeconds(60);
    assertThat(store.rememberAssertion("assertion:a", exp, now)).isTrue();
    assertThat(store.rememberAssertion("assertion:a", exp, now.plusSeconds(30))).isFalse();
    assertThat(store.rememberAssertion("assertion:b", exp, now.plusSeconds(30))).isTrue();
    // Once expired it may be forgotten (the assertion itself is refused as expired by then).
    assertThat(store.rememberAssertion("assertion:a", now.plusSeconds(200), now.plusSeconds(61))).isTrue();
  }

  @Test
  void everything_survivesARestart() throws Exception {
    Reseller r = inserted();
    store.recordAccepted(List.of(audit(r, "b-1")));
    Reseller suspended = changeStatus(r, CertificationStatus.SUSPENDED);
    store.rememberAssertion("assertion:x", now.plusSeconds(60), now);
    store = reopen(store);
    assertSameRecord(store.findReseller(r.id()), suspended);
    assertThat(store.history(r.id())).hasSize(2);
    assertThat(store.findAccepted("b-1")).isNotNull();
    assertThat(store.rememberAssertion("assertion:x", now.plusSeconds(60), now.plusSeconds(1))).isFalse();
  }
}
