package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.testing.ResellerIds;
import io.tqc.testing.PostgresServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quota counter race made deterministic: node A is paused right after it read the counters of
 * its group, and node B commits a batch charged to the same counter meanwhile. With the counter rows
 * locked, B waits for A and is refused; the control without the lock admits both (over the limit).
 */
class PostgresQuotaRaceTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  private static final QuotaCharge CHARGE = new QuotaCharge("origin:123456789", "minute:1", 5, NOW.plusSeconds(60));

  HikariDataSource pool;
  final PausingDataSource paused = new PausingDataSource();

  /** Pauses a connection's query on the quota counters while armed (node A of the race). */
  final class PausingDataSource extends ForwardingDataSource {
    volatile CountDownLatch reached;
    volatile CountDownLatch release;

    PausingDataSource() {
      super(null);
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection c = pool.getConnection();
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            Object result = invoke(c, method, args);
            if (method.getName().equals("prepareStatement") && args.length == 1
                && ((String) args[0]).contains("FROM tqc_quota_counters q")) {
              PreparedStatement s = (PreparedStatement) result;
              return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                  (p, m, a) -> {
                    Object r = invoke(s, m, a);
                    if (m.getName().equals("executeQuery") && reached != null) {
                      reached.countDown();
                      release.await(1, TimeUnit.MINUTES);
                    }
                    return r;
                  });
            }
            return result;
          });
    }
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @BeforeEach
  void open() {
    pool = Pg.newDatabase(PG, 6);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  private Reseller register(PostgresRelayStore store) throws Exception {
    Reseller r = new Reseller.Builder().id(ResellerIds.random()).name("Reseller")
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + System.nanoTime())
        .certificationExpiresAt(NOW.plusSeconds(86400)).statusListIndex(7)
        .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(NOW).build();
    store.insertReseller(r, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
        null, "op", NOW));
    // The window's counter row exists (committed) before the race, as after the window's first batch:
    // then the race is on the row's value, not on creating it.
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO tqc_quota_counters (subject, win, used, window_end_ms) VALUES ('" + CHARGE.key()
          + "', '" + CHARGE.window() + "', 0, " + CHARGE.windowEnd().toEpochMilli() + ")");
    }
    return r;
  }

  private static List<AuditRecord> batch(Reseller r, String batchId) {
    return List.of(new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tok").token("h.p.s").proof("proof-" + batchId).bodyDigest("d")
        .messageCount(5).acceptedAt(NOW).senderNumber("0212345678").quotaCharges(List.of(CHARGE)).build());
  }

  private int waitingOnLocks() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            + " AND datname = current_database()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void lockedCounters_makeTheSecondNodeWait_andRefuseWhatNoLongerFits() throws Exception {
    PostgresRelayStore a = new PostgresRelayStore.Builder().dataSource(paused).nodeId("n1").open();
    PostgresRelayStore b = new PostgresRelayStore.Builder().dataSource(pool).nodeId("n2").open();
    Reseller r = register(b);
    paused.reached = new CountDownLatch(1);
    paused.release = new CountDownLatch(1);
    CompletableFuture<List<AuditOutcome>> first = CompletableFuture.supplyAsync(() -> record(a, r, "c-1"));
    assertThat(paused.reached.await(1, TimeUnit.MINUTES)).isTrue();
    CompletableFuture<List<AuditOutcome>> second = CompletableFuture.supplyAsync(() -> record(b, r, "c-2"));
    await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() > 0);
    paused.release.countDown();
    assertThat(first.get(1, TimeUnit.MINUTES)).containsExactly(AuditOutcome.RECORDED);
    assertThat(second.get(1, TimeUnit.MINUTES)).containsExactly(AuditOutcome.QUOTA_EXCEEDED);
    assertThat(b.enforcement().quotaUsed(CHARGE.key(), CHARGE.window())).isEqualTo(5);
  }

  @Test
  void control_withoutTheCounterLock_bothNodesAdmitOverTheLimit() throws Exception {
    PostgresRelayStore a = new PostgresRelayStore.Builder().dataSource(paused).nodeId("n1").quotaLock(false).open();
    PostgresRelayStore b = new PostgresRelayStore.Builder().dataSource(pool).nodeId("n2").quotaLock(false).open();
    Reseller r = register(b);
    paused.reached = new CountDownLatch(1);
    paused.release = new CountDownLatch(1);
    CompletableFuture<List<AuditOutcome>> first = CompletableFuture.supplyAsync(() -> record(a, r, "c-1"));
    assertThat(paused.reached.await(1, TimeUnit.MINUTES)).isTrue();
    // B does not wait for A: it reads the counter A has read too, and both fit "5 of 5".
    assertThat(record(b, r, "c-2")).containsExactly(AuditOutcome.RECORDED);
    paused.release.countDown();
    assertThat(first.get(1, TimeUnit.MINUTES)).containsExactly(AuditOutcome.RECORDED);
    assertThat(b.enforcement().quotaUsed(CHARGE.key(), CHARGE.window())).isEqualTo(10);
  }

  private static List<AuditOutcome> record(PostgresRelayStore store, Reseller r, String batchId) {
    try {
      return store.recordAccepted(batch(r, batchId));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
