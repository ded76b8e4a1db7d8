package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.enforcement.AuditChain;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.testing.ResellerIds;
import io.tqc.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes on one database: quota counters exact under concurrency, a sanction's end claimed once, chains per node. */
class PostgresEnforcementFleetTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  private static final AtomicInteger INDEX = new AtomicInteger(9_000);

  HikariDataSource poolA;
  HikariDataSource poolB;
  PostgresRelayStore nodeA;
  PostgresRelayStore nodeB;

  @BeforeEach
  void open() throws Exception {
    String url = PG.createDatabase();
    poolA = Pg.pool(url, 4);
    poolB = Pg.pool(url, 4);
    nodeA = new PostgresRelayStore.Builder().dataSource(poolA).nodeId("n1").open();
    nodeB = new PostgresRelayStore.Builder().dataSource(poolB).nodeId("n2").open();
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    poolA.close();
    poolB.close();
  }

  private Reseller register() throws Exception {
    int index = INDEX.incrementAndGet();
    Reseller r = new Reseller.Builder().id(ResellerIds.random()).name("Reseller " + index)
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + index + "-" + System.nanoTime())
        .certificationExpiresAt(NOW.plusSeconds(86400)).statusListIndex(index)
        .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(NOW).build();
    nodeA.insertReseller(r, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
        null, "op", NOW));
    return r;
  }

  private static AuditRecord record(Reseller r, String batchId, int messages, List<QuotaCharge> charges) {
    List<TracebackDigest> digests = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      digests.add(new TracebackDigest(i, "R-" + batchId + "-" + i, "T"));
    }
    return new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tok-" + batchId).token("h.p.s").proof("proof-" + batchId)
        .bodyDigest("d").messageCount(messages).acceptedAt(NOW).senderNumber("0212345678")
        .messageDigests(digests).quotaCharges(charges).build();
  }

  @Test
  void quotaCounters_areExactAcrossTwoNodes_underManyThreads() throws Exception {
    Reseller a = register();
    Reseller b = register();
    // Both resellers share the origin code's minute quota (the contended counter): 1,000 messages.
    QuotaCharge origin = new QuotaCharge("origin:123456789", "minute:1", 1_000, NOW.plusSeconds(60));
    QuotaCharge dayA = new QuotaCharge("reseller:" + a.id().value(), "day:2026-11-28", 100_000, NOW.plusSeconds(86400));
    QuotaCharge dayB = new QuotaCharge("reseller:" + b.id().value(), "day:2026-11-28", 100_000, NOW.plusSeconds(86400));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<int[]>> results = new ArrayList<>();
    AtomicInteger batchIds = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      final PostgresRelayStore node = t % 2 == 0 ? nodeA : nodeB;
      final int thread = t;
      results.add(pool.submit((Callable<int[]>) () -> {
        int recorded = 0;
        int exceeded = 0;
        for (int g = 0; g < 15; g++) {
          List<AuditRecord> group = new ArrayList<>();
          for (int k = 0; k < 4; k++) {
            Reseller r = (thread + k) % 2 == 0 ? a : b;
            QuotaCharge day = r == a ? dayA : dayB;
            // Alternate the charge order, as the relay does not promise one.
            List<QuotaCharge> charges = k % 2 == 0 ? List.of(origin, day) : List.of(day, origin);
            group.add(record(r, "b-" + batchIds.incrementAndGet(), 3, charges));
          }
          List<AuditOutcome> outcomes = node.recordAccepted(group);
          // A replay of a stored batch id by the other node (below): a duplicate that counts nothing.
          for (AuditOutcome o : outcomes) {
            if (o == AuditOutcome.RECORDED) {
              recorded++;
            } else if (o == AuditOutcome.QUOTA_EXCEEDED) {
              exceeded++;
            }
          }
          PostgresRelayStore other = node == nodeA ? nodeB : nodeA;
          int first = outcomes.indexOf(AuditOutcome.RECORDED);
          if (first >= 0) {
            assertThat(other.recordAccepted(List.of(group.get(first)))).containsExactly(AuditOutcome.DUPLICATE);
          }
        }
        return new int[] {recorded, exceeded};
      }));
    }
    int recorded = 0;
    int exceeded = 0;
    for (Future<int[]> f : results) {
      int[] r = f.get(5, TimeUnit.MINUTES);
      recorded += r[0];
      exceeded += r[1];
    }
    pool.shutdown();
    EnforcementStore store = nodeA.enforcement();
    // 480 batches of 3 messages = 1,440 > 1,000: exactly 333 batches fit (999 messages).
    assertThat(recorded + exceeded).isEqualTo(480);
    assertThat(recorded).isEqualTo(333);
    assertThat(store.quotaUsed(origin.key(), origin.window())).isEqualTo(999);
    assertThat(store.quotaUsed(dayA.key(), dayA.window()) + store.quotaUsed(dayB.key(), dayB.window()))
        .isEqualTo(999);
    assertThat(nodeA.acceptedSince(NOW.minusSeconds(1), 10_000)).hasSize(333);
    // Each node's chain is unbroken and together they hold every stored record once.
    long links = 0;
    for (String node : List.of("n1", "n2")) {
      ChainLink head = store.chainHead(node);
      List<ChainLink> chain = store.chain(node, 1, head.seq());
      assertThat(chain).hasSize((int) head.seq());
      String prev = AuditChain.GENESIS;
      for (ChainLink link : chain) {
        assertThat(link.prevHash()).isEqualTo(prev);
        prev = link.hash();
      }
      links += chain.size();
    }
    assertThat(links).isEqualTo(333);
  }

  @Test
  void chargeOnOneNode_countsOnTheOther() throws Exception {
    EnforcementStore store = nodeA.enforcement();
    long limit = 5;
    Reseller r = register();
    QuotaCharge charge = new QuotaCharge("origin:123456789", "minute:1", limit, NOW.plusSeconds(60));
    assertThat(nodeA.recordAccepted(List.of(record(r, "c-1", 5, List.of(charge)))))
        .containsExactly(AuditOutcome.RECORDED);
    assertThat(nodeB.recordAccepted(List.of(record(r, "c-2", 5, List.of(charge)))))
        .containsExactly(AuditOutcome.QUOTA_EXCEEDED);
    assertThat(store.quotaUsed(charge.key(), charge.window())).isEqualTo(5);
  }

  @Test
  void sanctionEnd_isClaimedByExactlyOneNode_whenAllRace() throws Exception {
    Reseller r = register();
    Sanction s = new Sanction.Builder().id("s-1").caseId("case-1").resellerId(r.id()).kind(SanctionKind.SUSPENSION)
        .imposedAt(NOW).endsAt(NOW.plus(Duration.ofDays(1))).statusSequence(2).actor("kim").build();
    nodeA.enforcement().insertSanction(s);
    Instant due = NOW.plus(Duration.ofDays(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> claims = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      final PostgresRelayStore node = t % 2 == 0 ? nodeA : nodeB;
      final String claimant = node.nodeId() + "-" + t;
      claims.add(pool.submit(() -> node.enforcement().claimSanctionEnd("s-1", claimant, due, due.plusSeconds(300))));
    }
    int won = 0;
    for (Future<Boolean> f : claims) {
      if (f.get(1, TimeUnit.MINUTES)) {
        won++;
      }
    }
    pool.shutdown();
    assertThat(won).isEqualTo(1);
    nodeB.enforcement().completeSanctionEnd("s-1", due.plusSeconds(1));
    assertThat(nodeA.enforcement().suspensionsDue(due.plusSeconds(900))).isEmpty();
    assertThat(nodeA.enforcement().claimSanctionEnd("s-1", "late", due.plusSeconds(900), due.plusSeconds(1200)))
        .isFalse();
  }

  @Test
  void enforcementRows_areAppendOnly_andASanctionChangesOnlyByItsEnd() throws Exception {
    Reseller r = register();
    assertThat(nodeA.recordAccepted(List.of(record(r, "a-1", 1, List.of())))).containsExactly(AuditOutcome.RECORDED);
    try (java.sql.Connection c = poolA.getConnection(); java.sql.Statement st = c.createStatement()) {
      for (String sql : List.of("UPDATE tqc_audit_chain SET hash = 'x'", "DELETE FROM tqc_audit_chain",
          "UPDATE tqc_audit_tokens SET token = 'x'")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute(sql))
            .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("append-only");
      }
    }
    nodeA.enforcement().insertSanction(new Sanction.Builder().id("s-2").caseId("case-1").resellerId(r.id())
        .kind(SanctionKind.SUSPENSION).imposedAt(NOW).endsAt(NOW.plusSeconds(60)).statusSequence(2).actor("kim")
        .build());
    try (java.sql.Connection c = poolA.getConnection(); java.sql.Statement st = c.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> st.execute("UPDATE tqc_sanctions SET ends_at_ms = 0 WHERE sanction_id = 's-2'"))
          .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("only by its end");
    }
  }
}
