package io.tqc.examples.relay;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.postgres.KeyEncryptionKey;
import io.tqc.relay.postgres.PostgresProtectionListStore;
import io.tqc.relay.postgres.PostgresRelayStore;
import io.tqc.relay.postgres.PostgresSigningKeyStore;
import io.tqc.relay.postgres.PostgresRegistryFeed;
import io.tqc.relay.postgres.PostgresSuppressionStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The reference relay's PostgreSQL fleet wiring: one HikariCP pool on the operator's database, the
 * PostgreSQL registry/audit store, status feed and sealed signing-key store, plugged into the
 * {@link RelayConfig}, with enforcement on (the store's node id is the node's one id). Secrets (database password, key-encryption key) come from the caller, who
 * reads them from environment variables or files, never from flags.
 */
public final class FleetStores implements Closeable {
  private final HikariDataSource pool;
  private final PostgresRelayStore store;
  private final PostgresRegistryFeed feed;
  private final PostgresSigningKeyStore keys;
  private final TracebackKey tracebackKey;

  private FleetStores(HikariDataSource pool, PostgresRelayStore store, PostgresRegistryFeed feed,
      PostgresSigningKeyStore keys, TracebackKey tracebackKey) {
    this.tracebackKey = tracebackKey;
    this.pool = pool;
    this.store = store;
    this.feed = feed;
    this.keys = keys;
  }

  /**
   * Connects to {@code jdbcUrl} (user and password may be in the URL's parameters or given here) and
   * migrates the schema.
   *
   * @param password the database password, or {@code null} (trust, or in the URL)
   * @param tracebackKey the fleet's traceback key (the same on every node), which turns enforcement on
   *     (traceback, cases, sanctions, quotas, the hash-chained audit) on the shared database
   */
  public static FleetStores open(String jdbcUrl, String user, String password, String nodeId, KeyEncryptionKey kek,
      TracebackKey tracebackKey) throws IOException {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--store must be a jdbc:postgresql:// URL");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName("tqc-" + nodeId);
    config.setMaximumPoolSize(16);
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId(nodeId).open();
      PostgresSigningKeyStore keys = PostgresSigningKeyStore.open(pool, kek, nodeId);
      PostgresRegistryFeed feed = new PostgresRegistryFeed.Builder().dataSource(pool).store(store).start();
      return new FleetStores(pool, store, feed, keys, tracebackKey);
    } catch (IOException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Opens the fleet's shared opt-out store on this pool (recipient protection); the caller closes it
   * before {@link #close()}.
   */
  public PostgresSuppressionStore openSuppressions() throws IOException {
    return new PostgresSuppressionStore.Builder().dataSource(pool).nodeId(store.nodeId()).open();
  }

  /**
   * Opens the fleet's shared store of imported protection lists (sender-number lists, URL
   * blocklist) on this pool, so an import through any node is enforced by every node; the caller
   * closes it before {@link #close()}.
   */
  public PostgresProtectionListStore openProtectionLists() throws IOException {
    return new PostgresProtectionListStore.Builder().dataSource(pool).nodeId(store.nodeId()).open();
  }

  /**
   * The console's session store on the fleet's database, so that a login on one node works on every
   * node behind a round-robin balancer and a logout on one ends the session on all.
   */
  public io.tqc.examples.console.ConsoleSessionStore consoleSessions() throws IOException {
    return io.tqc.examples.console.JdbcConsoleSessionStore.open(pool);
  }

  /** Plugs the stores into a relay configuration. */
  public UnaryOperator<RelayConfig.Builder> relayOptions() {
    return b -> b.store(store).signingKeyStore(keys).registryFeed(feed)
        .enforcement(new EnforcementConfig.Builder().tracebackKey(tracebackKey).build())
        .keyActivationDelay(java.time.Duration.ofSeconds(2L * io.tqc.relay.Relay.KEY_REFRESH_SECONDS));
  }

  /** Stops the feed and closes the pool (after the relay is closed). */
  @Override
  public void close() {
    feed.close();
    pool.close();
  }
}
