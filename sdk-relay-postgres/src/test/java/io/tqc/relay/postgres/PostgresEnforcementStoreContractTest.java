package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.store.EnforcementStoreContract;
import io.tqc.relay.store.RelayStore;
import io.tqc.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL keeps the enforcement contract (each test on a new database; the node id of the contract's records). */
class PostgresEnforcementStoreContractTest extends EnforcementStoreContract {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;

  @Override
  protected RelayStore openEmpty() throws Exception {
    pool = Pg.newDatabase(PG, 4);
    return new PostgresRelayStore.Builder().dataSource(pool).nodeId("node-a").open();
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }
}
