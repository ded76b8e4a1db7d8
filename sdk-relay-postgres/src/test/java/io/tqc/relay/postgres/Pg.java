package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tqc.testing.PostgresServer;

/** Pools on the shared test server. */
final class Pg {
  private Pg() {}

  /** A small pool on a new, empty database. */
  static HikariDataSource newDatabase(PostgresServer server, int poolSize) {
    return pool(server.createDatabase(), poolSize);
  }

  static HikariDataSource pool(String url, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}
