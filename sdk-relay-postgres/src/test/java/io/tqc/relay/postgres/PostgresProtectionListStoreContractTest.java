package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.protection.ListKind;
import io.tqc.relay.protection.ListVersion;
import io.tqc.relay.protection.ProtectionListStore;
import io.tqc.relay.protection.ProtectionListStoreContract;
import io.tqc.relay.protection.SenderNumberLists;
import io.tqc.relay.protection.SenderNumberStatus;
import io.tqc.testing.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL keeps the list-store contract (each test on a new database; a restart is a new store
 * on it, another node is a store with another node id on it), records the importing node on each
 * history row and keeps that history append-only.
 */
class PostgresProtectionListStoreContractTest extends ProtectionListStoreContract {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;

  @Override
  protected ProtectionListStore openEmpty() throws Exception {
    pool = Pg.newDatabase(PG, 4);
    return new PostgresProtectionListStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @Override
  protected ProtectionListStore reopen(ProtectionListStore store) throws Exception {
    store.close();
    return new PostgresProtectionListStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @Override
  protected ProtectionListStore another(ProtectionListStore store) throws Exception {
    return new PostgresProtectionListStore.Builder().dataSource(pool).nodeId("n2").open();
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void eachVersion_namesTheNodeThatImportedIt_andTheHistoryIsAppendOnly() throws Exception {
    ProtectionListStore n2 = another(store);
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    store.put(new ListVersion.Builder().kind(ListKind.STOLEN).version("k1").publishedAt(now).importedAt(now).build(),
        Arrays.asList("0212345678"));
    n2.put(new ListVersion.Builder().kind(ListKind.URL_BLOCKLIST).version("f1").publishedAt(now).importedAt(now)
        .build(), Arrays.asList("evil.example"));
    assertThat(store.history()).extracting(ListVersion::nodeId).containsExactly("n1", "n2");
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("DELETE FROM tqc_list_versions")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.execute("UPDATE tqc_list_versions SET version = 'x'")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.execute("TRUNCATE tqc_list_versions")).hasMessageContaining("append-only");
    }
  }

  @Test
  void senderListsOnTwoNodes_seeAnImportOnEitherWithinThePollInterval() throws Exception {
    ProtectionListStore n2 = another(store);
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    try (SenderNumberLists a = new SenderNumberLists.Builder().store(store).pollInterval(Duration.ofMillis(50)).open();
        SenderNumberLists b = new SenderNumberLists.Builder().store(n2).pollInterval(Duration.ofMillis(50)).open()) {
      a.importList(SenderNumberStatus.State.STOLEN, "KISA-1", now, Arrays.asList("1588-1234", "02-1234-5678"), now);
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(b.check("15881234").state()).isEqualTo(SenderNumberStatus.State.STOLEN));
      assertThat(b.current()).singleElement().satisfies(i -> assertThat(i.stored().nodeId()).isEqualTo("n1"));
    }
  }
}
