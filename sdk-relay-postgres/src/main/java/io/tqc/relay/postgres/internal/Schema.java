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
  public static final int VERSION = 5;
  /** Advisory lock key of migrations ("tqc" schema). */
  static final long MIGRATION_LOCK = 0x7471630001L;
  /** Advisory lock key serializing signing-key changes across nodes. */
  public static final long SIGNING_KEY_LOCK = 0x7471630002L;
  /** Advisory lock class (first key) serializing one node's audit hash chain (second key: hash of the node id). */
  public static final int CHAIN_LOCK = 0x74716303;
  /** Advisory lock key serializing suppression (opt-out) writes, so their history is in commit order. */
  public static final long SUPPRESSION_LOCK = 0x7471630004L;
  /** Advisory lock key serializing protection-list imports, so their sequence is in commit order. */
  public static final long PROTECTION_LIST_LOCK = 0x7471630005L;
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
    { // version 2: enforcement (traceback index, reports, cases, sanctions, quotas, hash chain)
      "CREATE TABLE tqc_traceback_batches ("
          + " batch_id text PRIMARY KEY, sender_number text, reseller_id text NOT NULL, origin_code text NOT NULL,"
          + " node_id text NOT NULL, token_jti text NOT NULL, accepted_at_ms bigint NOT NULL)",
      "CREATE INDEX tqc_traceback_batches_time ON tqc_traceback_batches (accepted_at_ms)",
      "CREATE TABLE tqc_traceback_messages ("
          + " recipient_digest text NOT NULL, accepted_at_ms bigint NOT NULL, batch_id text NOT NULL,"
          + " idx integer NOT NULL, text_digest text NOT NULL,"
          + " PRIMARY KEY (recipient_digest, accepted_at_ms, batch_id, idx))",
      "CREATE INDEX tqc_traceback_messages_time ON tqc_traceback_messages (accepted_at_ms)",
      "CREATE TABLE tqc_audit_tokens (token_jti text PRIMARY KEY, token text NOT NULL)",
      "CREATE TABLE tqc_spam_reports ("
          + " report_id text PRIMARY KEY, fingerprint text NOT NULL UNIQUE, source text NOT NULL, reference text,"
          + " received_at_ms bigint NOT NULL, recorded_at_ms bigint NOT NULL, rank text NOT NULL, batch_id text,"
          + " message_index integer NOT NULL, case_id text, actor text NOT NULL,"
          + " position bigserial NOT NULL, node_id text NOT NULL)",
      "CREATE INDEX tqc_spam_reports_case ON tqc_spam_reports (case_id, recorded_at_ms, position)",
      "CREATE TABLE tqc_cases ("
          + " case_id text PRIMARY KEY, reseller_id text NOT NULL,"
          + " state text NOT NULL CHECK (state IN ('OPEN', 'CONFIRMED', 'SANCTIONED', 'DISMISSED')),"
          + " version bigint NOT NULL, report_count integer NOT NULL, opened_at_ms bigint NOT NULL,"
          + " updated_at_ms bigint NOT NULL, sanction_id text, position bigserial NOT NULL)",
      "CREATE INDEX tqc_cases_reseller ON tqc_cases (reseller_id, opened_at_ms, position)",
      // At most one open case per reseller, whichever node opens it.
      "CREATE UNIQUE INDEX tqc_cases_one_open ON tqc_cases (reseller_id) WHERE state IN ('OPEN', 'CONFIRMED')",
      "CREATE TABLE tqc_case_events ("
          + " case_id text NOT NULL REFERENCES tqc_cases (case_id), seq bigint NOT NULL, action text NOT NULL,"
          + " state text NOT NULL, actor text NOT NULL, reason text, at_ms bigint NOT NULL, reference text,"
          + " node_id text NOT NULL, PRIMARY KEY (case_id, seq))",
      "CREATE TABLE tqc_sanctions ("
          + " sanction_id text PRIMARY KEY, case_id text NOT NULL, reseller_id text NOT NULL, kind text NOT NULL,"
          + " step integer NOT NULL, imposed_at_ms bigint NOT NULL, ends_at_ms bigint, ended_at_ms bigint,"
          + " reduced_daily_quota bigint, quota_until_ms bigint, status_seq bigint NOT NULL, actor text NOT NULL,"
          + " reason text, claimed_by text, claim_until_ms bigint, position bigserial NOT NULL,"
          + " node_id text NOT NULL)",
      "CREATE INDEX tqc_sanctions_reseller ON tqc_sanctions (reseller_id, imposed_at_ms, position)",
      "CREATE INDEX tqc_sanctions_due ON tqc_sanctions (ends_at_ms) WHERE ended_at_ms IS NULL",
      // A sanction row changes only by its end claim and its end, never otherwise.
      "CREATE FUNCTION tqc_sanction_guard() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN"
          + " IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'tqc: sanctions are append-only'; END IF;"
          + " IF OLD.ended_at_ms IS NOT NULL OR (NEW.sanction_id, NEW.case_id, NEW.reseller_id, NEW.kind, NEW.step,"
          + " NEW.imposed_at_ms, NEW.ends_at_ms, NEW.reduced_daily_quota, NEW.quota_until_ms, NEW.status_seq,"
          + " NEW.actor, NEW.reason, NEW.position, NEW.node_id) IS DISTINCT FROM (OLD.sanction_id, OLD.case_id,"
          + " OLD.reseller_id, OLD.kind, OLD.step, OLD.imposed_at_ms, OLD.ends_at_ms, OLD.reduced_daily_quota,"
          + " OLD.quota_until_ms, OLD.status_seq, OLD.actor, OLD.reason, OLD.position, OLD.node_id)"
          + " THEN RAISE EXCEPTION 'tqc: a sanction changes only by its end'; END IF;"
          + " RETURN NEW; END $$",
      "CREATE TRIGGER tqc_sanctions_guard BEFORE UPDATE OR DELETE ON tqc_sanctions"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_sanction_guard()",
      "CREATE TABLE tqc_quota_overrides ("
          + " subject text PRIMARY KEY, per_day bigint NOT NULL, per_minute bigint NOT NULL)",
      "CREATE TABLE tqc_quota_counters ("
          + " subject text NOT NULL, win text NOT NULL, used bigint NOT NULL CHECK (used >= 0),"
          + " window_end_ms bigint NOT NULL, PRIMARY KEY (subject, win))",
      "CREATE INDEX tqc_quota_counters_end ON tqc_quota_counters (window_end_ms)",
      "CREATE TABLE tqc_audit_chain ("
          + " node_id text NOT NULL, seq bigint NOT NULL, batch_id text NOT NULL UNIQUE, reseller_id text NOT NULL,"
          + " accepted_at_ms bigint NOT NULL, sender_number text, messages_digest text NOT NULL,"
          + " prev_hash text NOT NULL, hash text NOT NULL, PRIMARY KEY (node_id, seq))",
      "CREATE INDEX tqc_audit_chain_reseller ON tqc_audit_chain (reseller_id, accepted_at_ms)",
      "CREATE TABLE tqc_audit_checkpoints ("
          + " node_id text NOT NULL, seq bigint NOT NULL, hash text NOT NULL, at_ms bigint NOT NULL,"
          + " jws text NOT NULL, PRIMARY KEY (node_id, seq))",
      "CREATE TRIGGER tqc_audit_chain_append_only BEFORE UPDATE OR DELETE ON tqc_audit_chain"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_audit_chain_no_truncate BEFORE TRUNCATE ON tqc_audit_chain"
          + " FOR EACH STATEMENT EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON tqc_audit_checkpoints"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_audit_tokens_append_only BEFORE UPDATE OR DELETE ON tqc_audit_tokens"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_case_events_append_only BEFORE UPDATE OR DELETE ON tqc_case_events"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_case_events_no_truncate BEFORE TRUNCATE ON tqc_case_events"
          + " FOR EACH STATEMENT EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_spam_reports_append_only BEFORE UPDATE OR DELETE ON tqc_spam_reports"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
    },
    { // version 3: recipient protection (opt-out suppressions as keyed digests, history, 080 event ids)
      "CREATE TABLE tqc_suppressions ("
          + " advertiser text NOT NULL, digest bytea NOT NULL, index_key bigint NOT NULL, source text NOT NULL,"
          + " opted_out_at_ms bigint NOT NULL, opt_out_number text, event_id text,"
          + " PRIMARY KEY (advertiser, digest))",
      "CREATE TABLE tqc_suppression_history ("
          + " seq bigserial PRIMARY KEY, action text NOT NULL CHECK (action IN ('ADDED', 'REMOVED')),"
          + " advertiser text NOT NULL, digest bytea NOT NULL, index_key bigint NOT NULL, source text NOT NULL,"
          + " at_ms bigint NOT NULL, event_id text, node_id text NOT NULL)",
      "CREATE TABLE tqc_optout_events (event_id text PRIMARY KEY, fingerprint text NOT NULL, node_id text NOT NULL)",
      "CREATE TRIGGER tqc_suppression_history_append_only BEFORE UPDATE OR DELETE ON tqc_suppression_history"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_suppression_history_no_truncate BEFORE TRUNCATE ON tqc_suppression_history"
          + " FOR EACH STATEMENT EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_optout_events_append_only BEFORE UPDATE OR DELETE ON tqc_optout_events"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
    },
    { // version 4: the operator console's case list (by state, newest first)
      "CREATE INDEX tqc_cases_state ON tqc_cases (state, opened_at_ms, position)",
      "CREATE INDEX tqc_cases_opened ON tqc_cases (opened_at_ms, position)",
    },
    { // version 5: imported protection lists shared by the fleet (sender-number lists, URL blocklist)
      "CREATE TABLE tqc_list_versions ("
          + " seq bigint PRIMARY KEY,"
          + " kind text NOT NULL CHECK (kind IN ('TERMINATED', 'SUSPENDED', 'UNASSIGNED', 'STOLEN', 'URL_BLOCKLIST')),"
          + " version text NOT NULL, published_at_ms bigint NOT NULL, imported_at_ms bigint NOT NULL,"
          + " entries integer NOT NULL CHECK (entries >= 0), refused integer NOT NULL CHECK (refused >= 0),"
          + " node_id text NOT NULL, committed_at timestamptz NOT NULL DEFAULT clock_timestamp())",
      "CREATE INDEX tqc_list_versions_kind ON tqc_list_versions (kind, seq)",
      // The entries of each kind's version in force (the previous version's go when the next commits).
      "CREATE TABLE tqc_list_entries ("
          + " kind text NOT NULL, seq bigint NOT NULL, entry text NOT NULL, PRIMARY KEY (kind, seq, entry))",
      "CREATE TRIGGER tqc_list_versions_append_only BEFORE UPDATE OR DELETE ON tqc_list_versions"
          + " FOR EACH ROW EXECUTE FUNCTION tqc_append_only()",
      "CREATE TRIGGER tqc_list_versions_no_truncate BEFORE TRUNCATE ON tqc_list_versions"
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
