package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.RelayStoreContract;
import io.tqc.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL keeps the store contract (each test on a new database; restart = a new store on it). */
class PostgresRelayStoreContractTest extends RelayStoreContract {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;

  @Override
  protected RelayStore openEmpty() throws Exception {
    pool = Pg.newDatabase(PG, 4);
    return new PostgresRelayStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @Override
  protected RelayStore reopen(RelayStore store) throws Exception {
    store.close();
    return new PostgresRelayStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }
}
