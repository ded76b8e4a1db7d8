package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.InMemoryRelayStore;
import io.tqc.relay.testing.ResellerIds;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuditWriterTest {
  final Instant now = Instant.parse("2026-11-28T03:00:00Z");

  /** An in-memory store whose first group commit waits for a latch, and which logs every group. */
  static final class GatedStore extends io.tqc.relay.testing.ForwardingRelayStore {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failGroupsOfMoreThanOne;

    GatedStore(InMemoryRelayStore delegate) {
      super(delegate);
    }

    @Override
    public List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
      if (groups.isEmpty()) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      List<String> ids = new ArrayList<>();
      for (AuditRecord record : records) {
        ids.add(record.batchId());
      }
      groups.add(ids);
      if (failGroupsOfMoreThanOne && records.size() > 1) {
        throw new IOException("simulated failure of a whole group");
      }
      return super.recordAccepted(records);
    }
  }

  Reseller reseller(int index) {
    return new Reseller.Builder().id(ResellerIds.random()).name("R" + index)
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + index).certificationExpiresAt(now.plusSeconds(86400))
        .statusListIndex(index).status(CertificationStatus.ACTIVE).sequence(1).registeredAt(now).build();
  }

  AuditRecord audit(Reseller r, String batchId) {
    return new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tokenidtokenidtokenid1").proof("h.p.s").bodyDigest("digest")
        .messageCount(1).acceptedAt(now).build();
  }

  InMemoryRelayStore storeWith(Reseller... resellers) throws IOException {
    InMemoryRelayStore store = new InMemoryRelayStore();
    for (Reseller r : resellers) {
      store.insertReseller(r, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
          null, "op", now));
    }
    return store;
  }

  /** Runs one blocker, then {@code records} queued behind it so they form one group; returns their outcomes. */
  List<Object> groupOf(GatedStore gated, List<AuditRecord> records) throws Exception {
    return groupOf(gated, records, new AuditWriter(gated));
  }

  List<Object> groupOf(GatedStore gated, List<AuditRecord> records, AuditWriter auditWriter) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(records.size() + 1);
    try (AuditWriter writer = auditWriter) {
      Future<AuditOutcome> blocker = pool.submit(() -> writer.record(records.get(0)));
      await().until(() -> gated.entered.getCount() == 0); // the writer holds the blocker
      List<Future<Object>> rest = new ArrayList<>();
      for (AuditRecord record : records.subList(1, records.size())) {
        rest.add(pool.submit(() -> {
          try {
            return writer.record(record);
          } catch (IOException e) {
            return e;
          }
        }));
      }
      await().until(() -> writer.queued() == records.size() - 1);
      gated.release.countDown();
      List<Object> outcomes = new ArrayList<>();
      outcomes.add(blocker.get());
      for (Future<Object> f : rest) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reusedBatchId_inAGroup_failsOnlyItself() throws Exception {
    Reseller reuser = reseller(0);
    Reseller honest = reseller(1);
    InMemoryRelayStore store = storeWith(reuser, honest);
    store.recordAccepted(List.of(audit(reuser, "old")));
    GatedStore gated = new GatedStore(store);

    List<Object> outcomes = groupOf(gated, List.of(audit(honest, "first"), audit(honest, "h-1"),
        audit(reuser, "old"), audit(honest, "h-2")));

    // Proof that the reuse really shared a group with the honest records (so the test can fail).
    assertThat(gated.groups).anySatisfy(g -> assertThat(g).containsExactlyInAnyOrder("h-1", "old", "h-2"));
    assertThat(outcomes).containsExactly(AuditOutcome.RECORDED, AuditOutcome.RECORDED, AuditOutcome.DUPLICATE,
        AuditOutcome.RECORDED);
    assertThat(store.findAccepted("h-2")).isNotNull();
  }

  @Test
  void groupTheStoreCannotTake_isRetriedOneByOne_soOnlyTheBadRecordFails() throws Exception {
    Reseller honest = reseller(1);
    InMemoryRelayStore store = storeWith(honest);
    GatedStore gated = new GatedStore(store);
    gated.failGroupsOfMoreThanOne = true;

    List<Object> outcomes = groupOf(gated, List.of(audit(honest, "first"), audit(honest, "h-1"),
        audit(honest, "h-2")));

    assertThat(gated.groups).anySatisfy(g -> assertThat(g).containsExactlyInAnyOrder("h-1", "h-2"))
        .contains(List.of("h-1"), List.of("h-2"));
    assertThat(outcomes).containsExactly(AuditOutcome.RECORDED, AuditOutcome.RECORDED, AuditOutcome.RECORDED);
  }

  @Test
  void unreachableStore_failsTheRecord_withAnIoException() throws Exception {
    Reseller honest = reseller(1);
    InMemoryRelayStore store = storeWith(honest);
    store.failWrites(true);
    try (AuditWriter writer = new AuditWriter(store)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer.record(audit(honest, "x")))
          .isInstanceOf(IOException.class);
    }
    store.failWrites(false);
    assertThat(store.findAccepted("x")).isNull();
  }

  @Test
  void interruptedLeader_stillWritesTheGroup_andKeepsItsInterrupt() throws Exception {
    Reseller honest = reseller(1);
    InMemoryRelayStore store = storeWith(honest);
    // A store that, like a JDBC pool, refuses to work on an interrupted thread.
    io.tqc.relay.testing.ForwardingRelayStore refusingWhenInterrupted = new io.tqc.relay.testing.ForwardingRelayStore(store) {
      @Override
      public List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
          throw new IOException("interrupted");
        }
        return super.recordAccepted(records);
      }
    };
    try (AuditWriter writer = new AuditWriter(refusingWhenInterrupted)) {
      Thread.currentThread().interrupt();
      AuditOutcome outcome;
      try {
        outcome = writer.record(audit(honest, "while-interrupted"));
      } finally {
        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
      }
      assertThat(outcome).isEqualTo(AuditOutcome.RECORDED);
    }
    assertThat(store.findAccepted("while-interrupted")).isNotNull();
  }

  @Test
  void manyConcurrentCallers_everyRecordIsWrittenOnce_inSharedGroups() throws Exception {
    Reseller honest = reseller(1);
    InMemoryRelayStore store = storeWith(honest);
    List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    io.tqc.relay.testing.ForwardingRelayStore counting = new io.tqc.relay.testing.ForwardingRelayStore(store) {
      @Override
      public List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
        groupSizes.add(records.size());
        return super.recordAccepted(records);
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AuditWriter writer = new AuditWriter(counting)) {
      List<Future<AuditOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        String id = "b-" + i;
        outcomes.add(pool.submit(() -> writer.record(audit(honest, id))));
      }
      for (Future<AuditOutcome> outcome : outcomes) {
        assertThat(outcome.get()).isEqualTo(AuditOutcome.RECORDED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
    for (int i = 0; i < 2_000; i++) {
      assertThat(store.findAccepted("b-" + i)).isNotNull();
    }
  }

  @Test
  void everyCommit_isTimed_withItsGroupSize() throws Exception {
    Reseller honest = reseller(1);
    GatedStore gated = new GatedStore(storeWith(honest));
    AuditWriter writer = new AuditWriter(gated, new WindowedRecorder(), new WindowedRecorder());
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      records.add(audit(honest, "g-" + i));
    }

    groupOf(gated, records, writer); // the blocker alone, then the other three in one group

    assertThat(gated.groups).hasSize(2);
    assertThat(writer.commitTimes().totalCount()).isEqualTo(2);
    assertThat(writer.groupSizes().totalCount()).isEqualTo(2);
    assertThat(writer.groupSizes().totalSum()).isEqualTo(4);
    assertThat(writer.groupSizes().window().mean()).isEqualTo(2.0);
    assertThat(writer.groupSizes().window().max).isEqualTo(3);
  }

  @Test
  void aFailedGroupRetriedOneByOne_countsEachCommit() throws Exception {
    Reseller honest = reseller(1);
    GatedStore gated = new GatedStore(storeWith(honest));
    gated.failGroupsOfMoreThanOne = true;
    AuditWriter writer = new AuditWriter(gated, new WindowedRecorder(), new WindowedRecorder());
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(audit(honest, "f-" + i));
    }

    groupOf(gated, records, writer); // blocker (1), failed group (2), then 1 + 1

    assertThat(writer.commitTimes().totalCount()).isEqualTo(4);
    assertThat(writer.groupSizes().totalSum()).isEqualTo(5);
  }
}
