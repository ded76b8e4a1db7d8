package io.tqc.relay.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Versioned, idempotent schema migrations. Each version is applied once, in order, in one
 * transaction under a transaction-scoped advisory lock (so nodes starting together migrate once);
 * a database whose schema is newer than this library is refused.
 */
public final class Schema {
  /** The schema version this library writes and reads. */
  public static final int VERSION = 1;
  /** Advisory lock key of migrations ("tqc" schema). */
  static final long MIGRATION_LOCK = 0x7471630001L;
  /** Advisory lock key serializing signing-key changes across nodes. */
  public static final long SIGNING_KEY_LOCK = 0x7471630002L;
  /** The notification channel of registry changes. */
  public static final String CHANNEL = "tqc_registry";

  private static final String[][] MIGRATIONS = {
    { // version 1
      "CREATE SEQUENCE tqc_change_seq",
      "CREATE TABLE tqc_resellers ("
          + " reseller_id text PRIMARY KEY,"
          + " name text NOT NULL,"
          + " keys_json text NOT NULL,"
          + " sender_numbers_json text NOT NULL,"
          + " scope_json text NOT NULL,"
          + " origin_code text NOT NULL,"
          + " cert_id text NOT NULL UNIQUE,"
          + " cert_expires_at bigint NOT NULL,"
          + " status_list_index integer NOT NULL UNIQUE,"
          + " status text NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),"
          + " status_reason text,"
          + " seq bigint NOT NULL,"
          + " registered_at_ms bigint NOT NULL,"
          + " change_id bigint NOT NULL DEFAULT nextval('tqc_change_seq'),"
          + " changed_by_node text NOT NULL)",
      "CREATE INDEX tqc_resellers_change ON tqc_resellers (change_id)",
      "CREATE TABLE tqc_history ("
          + " reseller_id text NOT NULL REFERENCES tqc_resellers (reseller_id),"
          + " seq bigint NOT NULL,"
          + " kind text NOT NULL,"
          + " status text NOT NULL,"
          + " reason text,"
          + " actor text NOT NULL,"
          + " at_ms bigint NOT NULL,"
          + " node_id text NOT NULL,"
          + " PRIMARY KEY (reseller_id, seq))",
      "CREATE TABLE tqc_accepted_batches ("
          + " batch_id text PRIMARY KEY,"
          + " reseller_id text NOT NULL,"
          + " cert_id text NOT NULL,"
          + " origin_code text NOT NULL,"
          + " token_jti text NOT NULL,"
          + " proof text NOT NULL,"
          + " body_digest text NOT NULL,"
          + " message_count integer NOT NULL,"
          + " accepted_at_ms bigint NOT NULL,"
          + " node_id text NOT NULL,"
          + " committed_at timestamptz NOT NULL DEFAULT clock_timestamp())",
      "CREATE INDEX tqc_accepted_time ON tqc_accepted_batches (accepted_at_ms)",
      "CREATE INDEX tqc_accepted_reseller ON tqc_accepted_batches (reseller_id, accepted_at_ms)",
      "CREATE TABLE tqc_used_assertions ("
          + " assertion_id text PRIMARY KEY,"
          + " expires_at_ms bigint NOT NULL)",
      "CREATE INDEX tqc_used_assertions_expiry ON tqc_used_assertions (expires_at_ms)",
      "CREATE TABLE tqc_signing_keys ("
          + " id smallint PRIMARY KEY CHECK (id = 1),"
          + " version bigint NOT NULL,"
          + " sealed bytea NOT NULL,"
          + " kek_id text NOT NULL,"
          + " updated_at timestamptz NOT NULL DEFAULT now(),"
          + " node_id text NOT NULL)",
      "CREATE FUNCTION tqc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN RAISE EXCEPTION 'tqc: % is append-only', TG_TABLE_NAME; END $$",
      "CREATE TRIGGER tqc_history_append_only BEFORE UPDATE OR DELETE ON tqc_history"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_history_no_truncate BEFORE TRUNCATE ON tqc_history"
          + " FOR EACH STATEMENT EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_accepted_append_only BEFORE UPDATE OR DELETE ON tqc_accepted_batches"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_accepted_no_truncate BEFORE TRUNCATE ON tqc_accepted_batches"
          + " FOR EACH STATEMENT EXECUTE FUNCTION tqc_append_only()",
    },
  };

  private Schema() {}

  /**
   * Brings the schema to {@link #VERSION}.
   *
   * @throws IOException if the database holds a newer schema, or a migration fails (then nothing of
   *     that version is applied)
   */
  public static int migrate(Connection connection, String nodeId) throws IOException, SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      statement.execute("CREATE TABLE IF NOT EXISTS tqc_schema_version ("
          + " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), node_id text NOT NULL)");
      int current;
      try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM tqc_schema_version")) {
        rs.next();
        current = rs.getInt(1);
      }
      if (current > VERSION) {
        connection.rollback();
        throw new IOException("the TQC schema in this database is version " + current
            + ", newer than this library (" + VERSION + "); upgrade the relay before starting it");
      }
      for (int version = current + 1; version <= VERSION; version++) {
        for (String ddl : MIGRATIONS[version - 1]) {
          statement.execute(ddl);
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO tqc_schema_version (version, node_id) VALUES (?, ?)")) {
          insert.setInt(1, version);
          insert.setString(2, nodeId);
          insert.executeUpdate();
        }
      }
      connection.commit();
      return current;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
