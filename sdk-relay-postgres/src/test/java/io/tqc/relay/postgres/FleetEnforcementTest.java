package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.ReasonCode;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.Traceback;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Enforcement on a PostgreSQL fleet: a batch accepted by one node is traced from another, quotas are fleet-wide. */
class FleetEnforcementTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;
  Fleet fleet;
  final TracebackKey key = TracebackKey.generate();

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

  private UnaryOperator<RelayConfig.Builder> enforcement(long originPerMinute) {
    return b -> b.enforcement(new EnforcementConfig.Builder().tracebackKey(key)
        .originCodeQuota(QuotaLimits.of(1_000_000, originPerMinute)).build());
  }

  private Fleet.Node start(String id, long originPerMinute) throws Exception {
    return fleet.start(id, true, Duration.ZERO, b -> b, enforcement(originPerMinute));
  }

  @Test
  void batchAcceptedByA_isTracedFromB_toNodeA() throws Exception {
    Fleet.Node a = start("n1", 1_000);
    Fleet.Node b = start("n2", 1_000);
    Fleet.Member m = fleet.register(a);
    String token = m.token(a);
    byte[] body = Fleet.body(2);
    a.relay.acceptBatch(token, m.proof(token, body), body);
    Traceback traceback = b.relay.enforcement().traceback(new SpamReport.Builder().receivedAt(Instant.now())
        .recipient("01012340001").text("(광고)테스트상점 할인 안내 1 문의 02-1234-5678 무료거부 080-123-4567")
        .source(ReportSource.SPAM_TRAP).build());
    assertThat(traceback.matches()).isNotEmpty();
    assertThat(traceback.matches().get(0).rank()).isEqualTo(MatchRank.EXACT);
    assertThat(traceback.matches().get(0).node()).isEqualTo("n1");
    assertThat(traceback.matches().get(0).messageIndex()).isEqualTo(1);
    assertThat(traceback.matches().get(0).token()).isEqualTo(token);
    ChainLink head = b.store.enforcement().chainHead("n1");
    assertThat(head.seq()).isEqualTo(1);
    assertThat(b.store.enforcement().chainHead("n2")).isNull();
  }

  @Test
  void originQuota_isSharedByTheFleet() throws Exception {
    Fleet.Node a = start("n1", 5);
    Fleet.Node b = start("n2", 5);
    Fleet.Member m = fleet.register(a);
    String token = m.token(a);
    byte[] three = Fleet.body(3);
    a.relay.acceptBatch(token, m.proof(token, three), three);
    byte[] again = Fleet.body(3);
    assertThatThrownBy(() -> b.relay.acceptBatch(token, m.proof(token, again), again))
        .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.QUOTA_EXCEEDED));
    byte[] two = Fleet.body(2);
    assertThat(b.relay.acceptBatch(token, m.proof(token, two), two).messageCount()).isEqualTo(2);
  }

  @Test
  void aNodeHasOneId_aDifferentOneFromTheStoreIsRefused() throws Exception {
    PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId("n1").open();
    RelayConfig.Builder config = new RelayConfig.Builder().issuer(Fleet.ISSUER).store(store)
        .signingKeyStore(io.tqc.relay.store.SigningKeyStore.inMemory());
    assertThat(config.build().nodeId()).isEqualTo("n1");
    assertThatThrownBy(() -> config.nodeId("other").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differs from the relay store's node id n1");
    assertThatThrownBy(() -> config.nodeId(null).enforcement(new EnforcementConfig.Builder().tracebackKey(key)
        .nodeId("n2").build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EnforcementConfig.nodeId n2");
    Fleet.Node a = start("n3", 1_000);
    assertThat(a.relay.config().nodeId()).isEqualTo("n3");
  }
}
