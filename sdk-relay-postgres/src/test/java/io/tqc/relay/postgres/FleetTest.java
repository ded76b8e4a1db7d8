package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.RelayException;
import io.tqc.testing.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three relay nodes on one PostgreSQL database keep the single node's guarantees. */
class FleetTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;
  Fleet fleet;

  @BeforeEach
  void database() {
    pool = Pg.newDatabase(PG, 4);
    fleet = new Fleet(pool);
  }

  @AfterEach
  void close() throws Exception {
    fleet.close();
    pool.close();
  }

  static void assertRefused(ThrowingCallable call, ReasonCode reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RelayException.class,
        e -> assertThat(e.reason()).as(e.detail()).isEqualTo(reason));
  }

  @Test
  void proofAcceptedByA_isRefusedByBAndC_andOneAssertionGivesOneToken() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    Fleet.Node c = fleet.start("c");
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null && c.relay.registry().get(m.id) != null);
    String assertion = m.assertion();
    String token = b.relay.issueToken(m.id.value(), assertion).token().compact();
    assertRefused(() -> a.relay.issueToken(m.id.value(), assertion), ReasonCode.ASSERTION_INVALID);
    assertRefused(() -> c.relay.issueToken(m.id.value(), assertion), ReasonCode.ASSERTION_INVALID);

    byte[] body = Fleet.body(2);
    String proof = m.proof(token, body);
    assertThat(a.relay.acceptBatch(token, proof, body).messageCount()).isEqualTo(2);
    assertRefused(() -> b.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_REPLAYED);
    assertRefused(() -> c.relay.acceptBatch(token, proof, body), ReasonCode.BATCH_REPLAYED);
    // The same token works on every node (one key set for the fleet).
    byte[] other = Fleet.body(1);
    assertThat(c.relay.acceptBatch(token, m.proof(token, other), other).messageCount()).isEqualTo(1);
    assertThat(a.relay.publicKeys().toJson()).isEqualTo(c.relay.publicKeys().toJson());
  }

  @Test
  void twoHundredRacesOfOneProofOnTwoNodes_giveExactlyOneAcceptanceEach() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null); // B's memory heard of the registration
    String token = m.token(a);
    byte[] body = Fleet.body(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      for (int race = 0; race < 200; race++) {
        String proof = m.proof(token, body);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<ReasonCode>> sides = new ArrayList<>();
        for (Fleet.Node node : List.of(a, b)) {
          sides.add(two.submit(() -> {
            start.await();
            try {
              node.relay.acceptBatch(token, proof, body);
              return null;
            } catch (RelayException e) {
              return e.reason();
            }
          }));
        }
        List<ReasonCode> outcomes = new ArrayList<>();
        for (Future<ReasonCode> side : sides) {
          outcomes.add(side.get());
        }
        assertThat(outcomes).as("race %d", race).containsExactlyInAnyOrder(null, ReasonCode.BATCH_REPLAYED);
      }
    } finally {
      two.shutdownNow();
    }
    assertThat(auditRows(m)).isEqualTo(200);
  }

  long auditRows(Fleet.Member m) throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tqc_accepted_batches WHERE reseller_id = ?")) {
      s.setString(1, m.id.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** What a loaded suspension run observed. */
  static final class LoadResult {
    long acceptedAfterAck;
    long accepted;
    long refusedAfterAck;
    long auditRows;
  }

  /**
   * Loads B and C (two threads each) with batches of one reseller, suspends it through A, and counts
   * batches that started after the suspension's acknowledgement and were still accepted. B's and
   * C's memory hear of the change 300 ms late (a slow network or a pause), so only the store's fence
   * can stop them.
   */
  LoadResult suspendUnderLoad(boolean fence) throws Exception {
    Fleet.Node a = fleet.start("a");
    Duration lag = Duration.ofMillis(300);
    Fleet.Node b = fleet.start("b", fence, lag, f -> f);
    Fleet.Node c = fleet.start("c", fence, lag, f -> f);
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null && c.relay.registry().get(m.id) != null);
    List<Fleet.Node> loaded = List.of(b, c, b, c);
    List<String> tokens = new ArrayList<>();
    for (Fleet.Node node : loaded) {
      tokens.add(m.token(node));
    }
    AtomicBoolean stop = new AtomicBoolean();
    long[] ackNanos = {Long.MAX_VALUE};
    LoadResult result = new LoadResult();
    List<String> firstRefusals = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicLong acceptedSoFar = new java.util.concurrent.atomic.AtomicLong();
    AtomicBoolean suspending = new AtomicBoolean();
    ExecutorService senders = Executors.newFixedThreadPool(loaded.size());
    List<Future<long[]>> counts = new ArrayList<>();
    try {
      for (int t = 0; t < loaded.size(); t++) {
        Fleet.Node node = loaded.get(t);
        String token = tokens.get(t);
        counts.add(senders.submit(() -> {
          long accepted = 0;
          long acceptedAfter = 0;
          long refusedAfter = 0;
          while (!stop.get()) {
            byte[] body = Fleet.body(1);
            String proof = m.proof(token, body);
            long started = System.nanoTime();
            boolean afterAck;
            try {
              node.relay.acceptBatch(token, proof, body);
              accepted++;
              acceptedSoFar.incrementAndGet();
              synchronized (ackNanos) {
                afterAck = started > ackNanos[0];
              }
              if (afterAck) {
                acceptedAfter++;
              }
            } catch (RelayException e) {
              if (!suspending.get()) {
                firstRefusals.add(e.reason() + ": " + e.detail());
              }
              synchronized (ackNanos) {
                afterAck = started > ackNanos[0];
              }
              if (afterAck) {
                refusedAfter++;
              }
            }
          }
          return new long[] {accepted, acceptedAfter, refusedAfter};
        }));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> acceptedSoFar.get() >= 20);
      suspending.set(true);
      a.relay.registry().suspend(m.id, "불법스팸 전송 확인", "kim");
      synchronized (ackNanos) {
        ackNanos[0] = System.nanoTime();
      }
      if (fence) {
        // Tokens are refused on B at once, although B's memory has not heard yet.
        assertThat(b.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.ACTIVE);
        assertRefused(() -> m.token(b), ReasonCode.CERTIFICATION_SUSPENDED);
      }
      Thread.sleep(lag.toMillis() * 2);
      stop.set(true);
      for (Future<long[]> count : counts) {
        long[] c3 = count.get();
        result.accepted += c3[0];
        result.acceptedAfterAck += c3[1];
        result.refusedAfterAck += c3[2];
      }
    } finally {
      stop.set(true);
      senders.shutdownNow();
    }
    result.auditRows = auditRows(m);
    assertThat(firstRefusals).as("refusals before the suspension").isEmpty();
    return result;
  }

  @Test
  void suspensionThroughA_whileBAndCAreLoaded_acceptsNoBatchStartedAfterTheAcknowledgement() throws Exception {
    LoadResult run = suspendUnderLoad(true);
    assertThat(run.accepted).as("batches accepted before the suspension").isPositive();
    assertThat(run.refusedAfterAck).as("batches refused after it").isPositive();
    assertThat(run.acceptedAfterAck).as("batches started after the 2xx and accepted").isZero();
    assertThat(run.auditRows).as("every 202 has its audit row, and only those").isEqualTo(run.accepted);
  }

  @Test
  void control_withTheFenceOff_nodesWithLaggingMemoryKeepAccepting() throws Exception {
    LoadResult run = suspendUnderLoad(false);
    assertThat(run.acceptedAfterAck).as("without the fence, batches started after the 2xx are accepted")
        .isPositive();
  }

  @Test
  void lostListenConnection_stopsSigningActive_thenCatchesUpWithChangesMadeMeanwhile() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null && b.relay.isHealthy());
    assertThat(b.relay.status(m.id).status()).isEqualTo(CertificationStatus.ACTIVE);
    int listener = b.feed.listenerBackendPid();
    assertThat(listener).isPositive();

    b.feedSource.down.set(true); // B cannot reconnect for now
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(" + listener + ")");
    }
    await().until(() -> !b.relay.isHealthy());
    assertRefused(() -> b.relay.status(m.id), ReasonCode.RELAY_UNAVAILABLE);
    assertRefused(() -> b.relay.statusListToken(0), ReasonCode.RELAY_UNAVAILABLE);
    a.relay.registry().suspend(m.id, "spam", "kim"); // its NOTIFY cannot reach B
    assertThat(b.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.ACTIVE);

    b.feedSource.down.set(false);
    await().until(b.relay::isHealthy);
    assertThat(b.feed.listenerBackendPid()).isNotEqualTo(listener);
    assertThat(b.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(b.relay.status(m.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
  }

  @Test
  void registrationsOnTwoNodesAtOnce_getDistinctStatusListIndexes() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<Future<Fleet.Member>> registered = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Fleet.Node node = i % 2 == 0 ? a : b;
        registered.add(two.submit(() -> fleet.register(node)));
      }
      List<Integer> indexes = new ArrayList<>();
      for (Future<Fleet.Member> member : registered) {
        indexes.add(member.get().record.statusListIndex());
      }
      assertThat(indexes).doesNotHaveDuplicates().hasSize(10);
    } finally {
      two.shutdownNow();
    }
  }

  @Test
  void staleMemory_transitionIsValidatedAgainstTheDatabase() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b", true, Duration.ofSeconds(30), f -> f); // B's memory never hears in time
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null || b.store.findReseller(m.id) != null);
    a.relay.registry().revoke(m.id, "fraud", "kim");
    // B still believes ACTIVE, but the stored row is REVOKED: reinstating is refused, not applied.
    assertRefused(() -> b.relay.registry().reinstate(m.id, "oops", "lee"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertThat(a.store.findReseller(m.id).status()).isEqualTo(CertificationStatus.REVOKED);
  }

  @Test
  void subscribersOnB_receiveTheSuspensionMadeThroughA() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null);
    List<CertificationStatus> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.tqc.relay.Subscription subscription = b.relay.subscribe(m.id, status -> seen.add(status.status()));
    try {
      await().until(() -> seen.contains(CertificationStatus.ACTIVE));
      a.relay.registry().suspend(m.id, "spam", "kim");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(CertificationStatus.SUSPENDED));
    } finally {
      subscription.close();
    }
  }

  @Test
  void rotationOnA_isPublishedByBBeforeAnyNodeSignsWithIt() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    Fleet.Member m = fleet.register(a);
    String oldKid = a.relay.activeKeyId();
    String newKid = a.relay.rotateSigningKey();
    assertThat(a.relay.activeKeyId()).as("A does not sign with it yet").isEqualTo(oldKid);
    b.relay.pruneSigningKeys(); // B's periodic reload (every 5 s), done now
    assertThat(b.relay.publicKeys().find(newKid)).as("B publishes it").isNotNull();
    assertThat(b.relay.activeKeyId()).isEqualTo(oldKid);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      a.relay.pruneSigningKeys();
      return a.relay.activeKeyId().equals(newKid);
    });
    String token = m.token(a);
    assertThat(io.tqc.api.token.CertificationToken.decodeUnverified(token).keyId()).isEqualTo(newKid);
    byte[] body = Fleet.body(1);
    assertThat(b.relay.acceptBatch(token, m.proof(token, body), body).messageCount()).isEqualTo(1);
  }

  @Test
  void databaseUnreachable_refusesEverythingWithRelayUnavailable_andNeverAcceptsUnrecorded() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Member m = fleet.register(a);
    String token = m.token(a);
    a.storeSource.down.set(true);
    byte[] body = Fleet.body(1);
    String proof = m.proof(token, body);
    assertRefused(() -> a.relay.acceptBatch(token, proof, body), ReasonCode.RELAY_UNAVAILABLE);
    assertRefused(() -> m.token(a), ReasonCode.RELAY_UNAVAILABLE);
    assertRefused(() -> a.relay.registry().suspend(m.id, "x", "kim"), ReasonCode.RELAY_UNAVAILABLE);
    a.storeSource.down.set(false);
    assertThat(auditRows(m)).as("nothing recorded while unreachable").isZero();
    assertThat(a.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.ACTIVE);
    byte[] next = Fleet.body(1);
    assertThat(a.relay.acceptBatch(token, m.proof(token, next), next).messageCount()).isEqualTo(1);
  }
}
