package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.status.CertificationStatus;
import io.tqc.testing.PostgresServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry-feed lag a node reports: measured on the node a change reaches, from its recorded time. */
class RegistryFeedLagTest {
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

  @Test
  void changeMadeOnA_givesBAFeedLag_andANone() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b");
    assertThat(b.relay.stats().registryFeedLag()).isNull();

    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null);
    assertThat(b.relay.stats().registryFeedLag()).isNotNull();
    a.relay.registry().suspend(m.id, "spam", "kim");
    await().until(() -> b.relay.registry().get(m.id).status() == CertificationStatus.SUSPENDED);

    assertThat(b.relay.stats().registryFeedLag()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
    // A applied its own changes before publishing them: nothing reached it from elsewhere.
    assertThat(a.relay.stats().registryFeedLag()).isNull();
  }

  @Test
  void slowFeed_showsAtLeastItsDelayAsLag() throws Exception {
    Fleet.Node a = fleet.start("a");
    Fleet.Node b = fleet.start("b", true, Duration.ofMillis(400), f -> f);
    Fleet.Member m = fleet.register(a);
    await().until(() -> b.relay.registry().get(m.id) != null);

    assertThat(b.relay.stats().registryFeedLag()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }
}
