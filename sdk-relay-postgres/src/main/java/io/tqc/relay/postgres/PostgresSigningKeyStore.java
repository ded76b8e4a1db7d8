package io.tqc.relay.postgres;

import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.StoredSigningKey;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One signing key set for the whole relay fleet, in PostgreSQL, sealed with AES-GCM under the
 * operator's {@link KeyEncryptionKey}: the database (and its backups) never hold a private key in
 * the clear. Changes ({@link #update}, which rotation and pruning use) run in one transaction under
 * an advisory lock, so two nodes rotating at once serialize and neither loses the other's key. Each
 * node reloads the set every {@link io.tqc.relay.Relay#KEY_REFRESH_SECONDS} seconds, the bound
 * within which a rotation or an emergency removal takes effect fleet-wide.
 *
 * <p>Opening the store migrates the schema like {@link PostgresRelayStore}. Thread-safe.
 */
public final class PostgresSigningKeyStore implements SigningKeyStore {
  private static final String CONTEXT = "tqc-relay-signing-keys:v1";

  private final DataSource dataSource;
  private final KeyEncryptionKey kek;
  private final String nodeId;

  private PostgresSigningKeyStore(DataSource dataSource, KeyEncryptionKey kek, String nodeId) {
    this.dataSource = dataSource;
    this.kek = kek;
    this.nodeId = nodeId;
  }

  /**
   * Opens the key store of the fleet on {@code dataSource} (schema migrated if needed).
   *
   * @param nodeId this node's id (recorded with every change)
   */
  public static PostgresSigningKeyStore open(DataSource dataSource, KeyEncryptionKey kek, String nodeId)
      throws IOException {
    if (dataSource == null || kek == null) {
      throw new IllegalArgumentException("dataSource and key-encryption key are required");
    }
    // Validates the node id and migrates.
    new PostgresRelayStore.Builder().dataSource(dataSource).nodeId(nodeId).open();
    return new PostgresSigningKeyStore(dataSource, kek, nodeId);
  }

  @Override
  public List<StoredSigningKey> load() throws IOException {
    try (Connection c = dataSource.getConnection()) {
      return read(c, false);
    } catch (SQLException e) {
      throw failure("load", e);
    }
  }

  private List<StoredSigningKey> read(Connection c, boolean forUpdate) throws SQLException, IOException {
    try (PreparedStatement s = c.prepareStatement("SELECT sealed, kek_id FROM tqc_signing_keys WHERE id = 1"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Collections.emptyList();
        }
        byte[] sealed = rs.getBytes(1);
        String kekId = rs.getString(2);
        if (!kek.id().equals(kekId)) {
          throw new IOException("the fleet's signing keys are sealed with key-encryption key " + kekId
              + ", not with the configured " + kek.id());
        }
        byte[] json = kek.open(sealed, CONTEXT);
        try {
          return StoredSigningKey.decodeAll(json);
        } finally {
          Arrays.fill(json, (byte) 0);
        }
      }
    }
  }

  @Override
  public void save(final List<StoredSigningKey> keys) throws IOException {
    update(current -> keys);
  }

  /** Applies {@code change} to the stored keys under the fleet-wide key lock, in one transaction. */
  @Override
  public List<StoredSigningKey> update(UnaryOperator<List<StoredSigningKey>> change) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + Schema.SIGNING_KEY_LOCK + ")");
        }
        List<StoredSigningKey> next = change.apply(read(c, true));
        byte[] json = StoredSigningKey.encodeAll(next);
        byte[] sealed;
        try {
          sealed = kek.seal(json, CONTEXT);
        } finally {
          Arrays.fill(json, (byte) 0);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_signing_keys (id, version, sealed, kek_id,"
            + " node_id) VALUES (1, 1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = tqc_signing_keys.version + 1,"
            + " sealed = EXCLUDED.sealed, kek_id = EXCLUDED.kek_id, node_id = EXCLUDED.node_id, updated_at = now()")) {
          s.setBytes(1, sealed);
          s.setString(2, kek.id());
          s.setString(3, nodeId);
          s.executeUpdate();
        }
        c.commit();
        return next;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("update", e);
    }
  }

  private static IOException failure(String what, SQLException e) {
    return new IOException("relay database: signing keys " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "PostgresSigningKeyStore{node=" + nodeId + ", " + kek + "}";
  }
}
