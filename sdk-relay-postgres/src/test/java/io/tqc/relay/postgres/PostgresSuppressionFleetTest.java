package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.Suppressions;
import io.tqc.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes sharing one suppression database: changes of one reach the other, event ids are fleet-wide. */
class PostgresSuppressionFleetTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  static final String SHOP = "봄빛마트";

  HikariDataSource pool;
  PostgresSuppressionStore a;
  PostgresSuppressionStore b;

  @BeforeEach
  void open() throws Exception {
    pool = Pg.newDatabase(PG, 6);
    a = new PostgresSuppressionStore.Builder().dataSource(pool).nodeId("n1").pollInterval(Duration.ofMinutes(1)).open();
    b = new PostgresSuppressionStore.Builder().dataSource(pool).nodeId("n2").pollInterval(Duration.ofMinutes(1)).open();
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    pool.close();
  }

  @Test
  void optOutOnA_isEnforcedByB_afterItsRefresh_andAWithdrawalOnBReachesA() throws Exception {
    Suppressions onA = new Suppressions(SECRET, a);
    Suppressions onB = new Suppressions(SECRET, b);
    onA.optOut(SHOP, "01011112222", OptOutSource.MANUAL, NOW, null);
    // Visible on the acknowledging node at once; on the other after its next refresh (the poll).
    assertThat(onA.suppressed(SHOP, List.of("01011112222"))).containsExactly(0);
    assertThat(onB.suppressed(SHOP, List.of("01011112222"))).isEmpty();
    b.refresh();
    assertThat(onB.suppressed(SHOP, List.of("01011112222"))).containsExactly(0);
    // B knows it is stored: a second opt-out is "already suppressed", whichever node takes it.
    assertThat(onB.optOut(SHOP, "01011112222", OptOutSource.WEB, NOW, null)).isFalse();
    assertThat(onB.withdraw(SHOP, "01011112222", NOW.plusSeconds(60))).isTrue();
    a.refresh();
    assertThat(onA.suppressed(SHOP, List.of("01011112222"))).isEmpty();
    assertThat(a.history(0, 10)).extracting(c -> c.action().name()).containsExactly("ADDED", "REMOVED");
  }

  @Test
  void theOtherNodesPoll_appliesChangesWithoutARefreshCall() throws Exception {
    PostgresSuppressionStore polling = new PostgresSuppressionStore.Builder().dataSource(pool).nodeId("n3")
        .pollInterval(Duration.ofMillis(50)).open();
    try {
      new Suppressions(SECRET, a).optOut(SHOP, "01033334444", OptOutSource.WEB, NOW, null);
      Suppressions onC = new Suppressions(SECRET, polling);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> onC.suppressed(SHOP, List.of("01033334444")).size() == 1);
    } finally {
      polling.close();
    }
  }

  @Test
  void anEventIdPushedToA_isADuplicateOnB() throws Exception {
    assertThat(new Suppressions(SECRET, a).push("evt-1", SHOP, "01011112222", NOW, "080-123-4567"))
        .isEqualTo(Suppressions.PushOutcome.RECORDED);
    assertThat(new Suppressions(SECRET, b).push("evt-1", SHOP, "01011112222", NOW, "080-123-4567"))
        .isEqualTo(Suppressions.PushOutcome.DUPLICATE);
  }

  @Test
  void theDatabaseHoldsNoNumbers_andItsHistoryIsAppendOnly() throws Exception {
    new Suppressions(SECRET, a).optOut(SHOP, "01011112222", OptOutSource.ARS_080, NOW, "0801234567");
    new Suppressions(SECRET, a).push("evt-7", SHOP, "01033334444", NOW, null);
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      for (String table : List.of("tqc_suppressions", "tqc_suppression_history", "tqc_optout_events")) {
        try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rs.next()) {
            assertThat(rs.getString(1)).doesNotContain("01011112222", "1011112222", "01033334444", "1033334444");
          }
        }
      }
      assertThatThrownBy(() -> st.execute("DELETE FROM tqc_suppression_history")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE tqc_suppression_history SET action = 'REMOVED'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE tqc_optout_events SET fingerprint = 'x'"))
          .hasMessageContaining("append-only");
    }
  }
}
