package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.protection.SuppressionStore;
import io.tqc.relay.protection.SuppressionStoreContract;
import io.tqc.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL keeps the suppression contract (each test on a new database; restart = a new store on it). */
class PostgresSuppressionStoreContractTest extends SuppressionStoreContract {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  HikariDataSource pool;

  @Override
  protected SuppressionStore openEmpty() throws Exception {
    pool = Pg.newDatabase(PG, 4);
    return new PostgresSuppressionStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @Override
  protected SuppressionStore reopen(SuppressionStore store) throws Exception {
    store.close();
    return new PostgresSuppressionStore.Builder().dataSource(pool).nodeId("n1").open();
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }
}
