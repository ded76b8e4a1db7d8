package io.tqc.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import io.tqc.relay.testing.ResellerIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the {@link EnforcementStore} contract the relay tests do not reach, on both stores. */
class EnforcementStoreContractTest {
  @TempDir
  Path dir;

  final Instant now = Instant.parse("2026-11-28T03:00:00Z");
  final ResellerId reseller = ResellerIds.random();

  void eachStore(StoreTest test) throws Exception {
    InMemoryRelayStore memory = new InMemoryRelayStore();
    test.run(memory.enforcement());
    try (SqliteRelayStore sqlite = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      test.run(sqlite.enforcement());
    }
  }

  interface StoreTest {
    void run(EnforcementStore store) throws Exception;
  }

  Sanction suspension(String id) {
    return new Sanction.Builder().id(id).caseId("case-1").resellerId(reseller).kind(SanctionKind.SUSPENSION)
        .imposedAt(now).endsAt(now.plus(Duration.ofDays(1))).statusSequence(2).actor("kim").build();
  }

  @org.junit.jupiter.api.Test
  void sanctionEnd_isClaimedOnce_untilTheLeaseRunsOut() throws Exception {
    eachStore(store -> {
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
    });
  }

  @org.junit.jupiter.api.Test
  void cases_areCompareAndSet_withOneOpenCasePerReseller() throws Exception {
    eachStore(store -> {
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
    });
  }

  @org.junit.jupiter.api.Test
  void quotaOverrides_areSetAndRemoved() throws Exception {
    eachStore(store -> {
      QuotaSubject subject = QuotaSubject.originCode("123456789");
      store.setQuota(subject, QuotaLimits.of(1000, 50));
      store.setQuota(subject, QuotaLimits.of(2000, 60));
      assertThat(store.quotas()).isEqualTo(Map.of(subject, QuotaLimits.of(2000, 60)));
      store.setQuota(subject, null);
      assertThat(store.quotas()).isEmpty();
    });
  }

}
