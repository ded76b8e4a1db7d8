package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.AuditChain;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.TracebackDigest;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EnforcementStore} of a {@link SqliteRelayStore}: its own tables in the relay's database
 * file, on the relay store's connection and under its lock, so that traceback rows and quota
 * counters are written in the audit commit itself. Case history and reports are append-only
 * (triggers); the traceback index is pruned by retention.
 */
final class SqliteEnforcementStore implements EnforcementStore {
  /** Version of the enforcement tables (kept apart from the relay schema's {@code user_version}). */
  static final int SCHEMA_VERSION = 1;
  private static final int SQLITE_CONSTRAINT = 19;
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS enforcement_schema (version INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS traceback_batches ("
        + " batch_id TEXT PRIMARY KEY, sender_number TEXT, reseller_id TEXT NOT NULL, origin_code TEXT NOT NULL,"
        + " node TEXT NOT NULL, token_jti TEXT NOT NULL, accepted_at_ms INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS traceback_batches_time ON traceback_batches (accepted_at_ms)",
    "CREATE TABLE IF NOT EXISTS traceback_messages ("
        + " recipient_digest TEXT NOT NULL, accepted_at_ms INTEGER NOT NULL, batch_id TEXT NOT NULL,"
        + " idx INTEGER NOT NULL, text_digest TEXT NOT NULL,"
        + " PRIMARY KEY (recipient_digest, accepted_at_ms, batch_id, idx)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS traceback_messages_time ON traceback_messages (accepted_at_ms)",
    "CREATE TABLE IF NOT EXISTS audit_tokens (token_jti TEXT PRIMARY KEY, token TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS spam_reports ("
        + " report_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, source TEXT NOT NULL, reference TEXT,"
        + " received_at_ms INTEGER NOT NULL, recorded_at_ms INTEGER NOT NULL, rank TEXT NOT NULL, batch_id TEXT,"
        + " message_index INTEGER NOT NULL, case_id TEXT, actor TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS spam_reports_case ON spam_reports (case_id)",
    "CREATE TABLE IF NOT EXISTS cases ("
        + " case_id TEXT PRIMARY KEY, reseller_id TEXT NOT NULL,"
        + " state TEXT NOT NULL CHECK (state IN ('OPEN', 'CONFIRMED', 'SANCTIONED', 'DISMISSED')),"
        + " version INTEGER NOT NULL, report_count INTEGER NOT NULL, opened_at_ms INTEGER NOT NULL,"
        + " updated_at_ms INTEGER NOT NULL, sanction_id TEXT)",
    "CREATE INDEX IF NOT EXISTS cases_reseller ON cases (reseller_id, opened_at_ms)",
    "CREATE INDEX IF NOT EXISTS cases_state ON cases (state, opened_at_ms)",
    "CREATE INDEX IF NOT EXISTS cases_opened ON cases (opened_at_ms)",
    // At most one open case per reseller, whichever node opens it.
    "CREATE UNIQUE INDEX IF NOT EXISTS cases_one_open ON cases (reseller_id) WHERE state IN ('OPEN', 'CONFIRMED')",
    "CREATE TABLE IF NOT EXISTS case_events ("
        + " case_id TEXT NOT NULL REFERENCES cases (case_id), seq INTEGER NOT NULL, action TEXT NOT NULL,"
        + " state TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT, at_ms INTEGER NOT NULL, reference TEXT,"
        + " PRIMARY KEY (case_id, seq))",
    "CREATE TABLE IF NOT EXISTS sanctions ("
        + " sanction_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, reseller_id TEXT NOT NULL, kind TEXT NOT NULL,"
        + " step INTEGER NOT NULL, imposed_at_ms INTEGER NOT NULL, ends_at_ms INTEGER, ended_at_ms INTEGER,"
        + " reduced_daily_quota INTEGER, quota_until_ms INTEGER, status_seq INTEGER NOT NULL, actor TEXT NOT NULL,"
        + " reason TEXT, claimed_by TEXT, claim_until_ms INTEGER)",
    "CREATE INDEX IF NOT EXISTS sanctions_reseller ON sanctions (reseller_id, imposed_at_ms)",
    "CREATE INDEX IF NOT EXISTS sanctions_due ON sanctions (ends_at_ms) WHERE ended_at_ms IS NULL",
    "CREATE TABLE IF NOT EXISTS quota_overrides ("
        + " subject TEXT PRIMARY KEY, per_day INTEGER NOT NULL, per_minute INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS quota_counters ("
        + " subject TEXT NOT NULL, window TEXT NOT NULL, used INTEGER NOT NULL, window_end_ms INTEGER NOT NULL,"
        + " PRIMARY KEY (subject, window)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS audit_chain ("
        + " node TEXT NOT NULL, seq INTEGER NOT NULL, batch_id TEXT NOT NULL UNIQUE, reseller_id TEXT NOT NULL,"
        + " accepted_at_ms INTEGER NOT NULL, sender_number TEXT, messages_digest TEXT NOT NULL,"
        + " prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (node, seq))",
    "CREATE INDEX IF NOT EXISTS audit_chain_reseller ON audit_chain (reseller_id, accepted_at_ms)",
    "CREATE TABLE IF NOT EXISTS audit_checkpoints ("
        + " node TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, at_ms INTEGER NOT NULL, jws TEXT NOT NULL,"
        + " PRIMARY KEY (node, seq))",
    "CREATE TRIGGER IF NOT EXISTS audit_chain_no_update BEFORE UPDATE ON audit_chain"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_chain_no_delete BEFORE DELETE ON audit_chain"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS case_events_no_update BEFORE UPDATE ON case_events"
        + " BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS case_events_no_delete BEFORE DELETE ON case_events"
        + " BEGIN SELECT RAISE(ABORT, 'case history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS spam_reports_no_update BEFORE UPDATE ON spam_reports"
        + " BEGIN SELECT RAISE(ABORT, 'reports are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS spam_reports_no_delete BEFORE DELETE ON spam_reports"
        + " BEGIN SELECT RAISE(ABORT, 'reports are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_tokens_no_change BEFORE UPDATE ON audit_tokens"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_tokens_no_delete BEFORE DELETE ON audit_tokens"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
  };
  private static final String CASE_COLUMNS = JdbcRows.CASE_COLUMNS;
  private static final String SANCTION_COLUMNS = JdbcRows.SANCTION_COLUMNS;
  private static final String REPORT_COLUMNS = "report_id, fingerprint, source, reference, received_at_ms,"
      + " recorded_at_ms, rank, batch_id, message_index, case_id, actor";

  private final SqliteRelayStore owner;
  private final Connection connection;

  SqliteEnforcementStore(SqliteRelayStore owner, Connection connection) {
    this.owner = owner;
    this.connection = connection;
  }

  /** Creates or checks the enforcement tables, inside the relay schema's migration transaction. */
  static void migrate(Statement statement) throws SQLException, IOException {
    statement.execute(SCHEMA[0]);
    int version = 0;
    try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM enforcement_schema")) {
      if (rs.next()) {
        version = rs.getInt(1);
      }
    }
    if (version > SCHEMA_VERSION) {
      throw new IOException("enforcement schema " + version + " is newer than this library (" + SCHEMA_VERSION + ")");
    }
    for (int i = 1; i < SCHEMA.length; i++) {
      statement.execute(SCHEMA[i]);
    }
    if (version < SCHEMA_VERSION) {
      statement.execute("INSERT INTO enforcement_schema (version) VALUES (" + SCHEMA_VERSION + ")");
    }
  }

  /**
   * Inside the audit commit, after the record's row was inserted: applies its quota charges (all
   * within their limits, else false and nothing written, and the caller rolls the record back) and
   * writes its traceback rows and token.
   */
  static boolean attach(Connection connection, AuditRecord record) throws SQLException {
    long n = record.messageCount();
    if (!record.quotaCharges().isEmpty()) {
      try (PreparedStatement used = connection.prepareStatement(
          "SELECT used FROM quota_counters WHERE subject = ? AND window = ?")) {
        for (QuotaCharge charge : record.quotaCharges()) {
          used.setString(1, charge.key());
          used.setString(2, charge.window());
          long count = 0;
          try (ResultSet rs = used.executeQuery()) {
            if (rs.next()) {
              count = rs.getLong(1);
            }
          }
          if (count + n > charge.limit()) {
            return false;
          }
        }
      }
      try (PreparedStatement add = connection.prepareStatement(
          "INSERT INTO quota_counters (subject, window, used, window_end_ms) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (subject, window) DO UPDATE SET used = used + excluded.used")) {
        for (QuotaCharge charge : record.quotaCharges()) {
          add.setString(1, charge.key());
          add.setString(2, charge.window());
          add.setLong(3, n);
          add.setLong(4, charge.windowEnd().toEpochMilli());
          add.addBatch();
        }
        add.executeBatch();
      }
    }
    if (!record.messageDigests().isEmpty()) {
      try (PreparedStatement batch = connection.prepareStatement(
          "INSERT INTO traceback_batches (batch_id, sender_number, reseller_id, origin_code, node, token_jti,"
              + " accepted_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        batch.setString(1, record.batchId());
        batch.setString(2, record.senderNumber());
        batch.setString(3, record.resellerId().value());
        batch.setString(4, record.originCode());
        batch.setString(5, record.nodeId());
        batch.setString(6, record.tokenId());
        batch.setLong(7, record.acceptedAt().toEpochMilli());
        batch.executeUpdate();
      }
      try (PreparedStatement message = connection.prepareStatement(
          "INSERT INTO traceback_messages (recipient_digest, accepted_at_ms, batch_id, idx, text_digest)"
              + " VALUES (?, ?, ?, ?, ?)")) {
        for (TracebackDigest digest : record.messageDigests()) {
          message.setString(1, digest.recipientDigest());
          message.setLong(2, record.acceptedAt().toEpochMilli());
          message.setString(3, record.batchId());
          message.setInt(4, digest.index());
          message.setString(5, digest.textDigest());
          message.addBatch();
        }
        message.executeBatch();
      }
    }
    if (record.token() != null) {
      try (PreparedStatement token = connection.prepareStatement(
          "INSERT INTO audit_tokens (token_jti, token) VALUES (?, ?) ON CONFLICT (token_jti) DO NOTHING")) {
        token.setString(1, record.tokenId());
        token.setString(2, record.token());
        token.executeUpdate();
      }
    }
    long seq = 1;
    String prev = AuditChain.GENESIS;
    try (PreparedStatement head = connection.prepareStatement(
        "SELECT seq, hash FROM audit_chain WHERE node = ? ORDER BY seq DESC LIMIT 1")) {
      head.setString(1, record.nodeId());
      try (ResultSet rs = head.executeQuery()) {
        if (rs.next()) {
          seq = rs.getLong(1) + 1;
          prev = rs.getString(2);
        }
      }
    }
    String messages = AuditChain.messagesDigest(record.messageDigests());
    try (PreparedStatement link = connection.prepareStatement(
        "INSERT INTO audit_chain (node, seq, batch_id, reseller_id, accepted_at_ms, sender_number, messages_digest,"
            + " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      link.setString(1, record.nodeId());
      link.setLong(2, seq);
      link.setString(3, record.batchId());
      link.setString(4, record.resellerId().value());
      link.setLong(5, record.acceptedAt().toEpochMilli());
      link.setString(6, record.senderNumber());
      link.setString(7, messages);
      link.setString(8, prev);
      link.setString(9, AuditChain.hash(record, record.nodeId(), seq, prev, messages));
      link.executeUpdate();
    }
    return true;
  }

  private static final String CHAIN_COLUMNS =
      "node, seq, batch_id, reseller_id, accepted_at_ms, sender_number, messages_digest, prev_hash, hash";

  private static List<ChainLink> readLinks(PreparedStatement select) throws SQLException, IOException {
    List<ChainLink> out = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        out.add(new ChainLink(rs.getString(1), rs.getLong(2), rs.getString(3), reseller(rs.getString(4)),
            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
      }
    }
    return out;
  }

  @Override
  public ChainLink chainHead(final String node) throws IOException {
    return tx("read chain head", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + CHAIN_COLUMNS + " FROM audit_chain WHERE node = ? ORDER BY seq DESC LIMIT 1")) {
        select.setString(1, node);
        List<ChainLink> links = readLinks(select);
        return links.isEmpty() ? null : links.get(0);
      }
    });
  }

  @Override
  public List<ChainLink> chain(final String node, final long fromSeq, final long toSeq) throws IOException {
    return tx("read chain", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + CHAIN_COLUMNS + " FROM audit_chain WHERE node = ? AND seq BETWEEN ? AND ? ORDER BY seq")) {
        select.setString(1, node);
        select.setLong(2, fromSeq);
        select.setLong(3, toSeq);
        return readLinks(select);
      }
    });
  }

  @Override
  public List<ChainLink> chainOf(final ResellerId resellerId, final Instant from, final Instant to, final int limit)
      throws IOException {
    return tx("read reseller chain", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + CHAIN_COLUMNS + " FROM audit_chain WHERE reseller_id = ? AND accepted_at_ms BETWEEN ? AND ?"
              + " ORDER BY node, seq LIMIT ?")) {
        select.setString(1, resellerId.value());
        select.setLong(2, from.toEpochMilli());
        select.setLong(3, to.toEpochMilli());
        select.setInt(4, limit);
        return readLinks(select);
      }
    });
  }

  @Override
  public void insertCheckpoint(final Checkpoint c) throws IOException {
    tx("store checkpoint", () -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO audit_checkpoints (node, seq, hash, at_ms, jws) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, c.node());
        insert.setLong(2, c.seq());
        insert.setString(3, c.hash());
        insert.setLong(4, c.at().toEpochMilli());
        insert.setString(5, c.jws());
        return insert.executeUpdate();
      }
    });
  }

  private Checkpoint oneCheckpoint(String sql, String node, Long seq) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, node);
      if (seq != null) {
        select.setLong(2, seq);
      }
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)) : null;
      }
    }
  }

  @Override
  public Checkpoint lastCheckpoint(final String node) throws IOException {
    return tx("read checkpoint", () -> oneCheckpoint("SELECT node, seq, hash, at_ms, jws FROM audit_checkpoints"
        + " WHERE node = ? ORDER BY seq DESC LIMIT 1", node, null));
  }

  @Override
  public Checkpoint checkpointAtOrAfter(final String node, final long seq) throws IOException {
    return tx("read checkpoint", () -> oneCheckpoint("SELECT node, seq, hash, at_ms, jws FROM audit_checkpoints"
        + " WHERE node = ? AND seq >= ? ORDER BY seq LIMIT 1", node, seq));
  }

  /** True if the record has anything for {@link #attach} to do. */
  static boolean hasAttachments(AuditRecord record) {
    return !record.quotaCharges().isEmpty() || !record.messageDigests().isEmpty() || record.token() != null;
  }

  private interface Work<T> {
    T run() throws SQLException, IOException;
  }

  private <T> T tx(String what, Work<T> work) throws IOException {
    synchronized (owner) {
      owner.checkOpen();
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException e) {
        IOException failure = rollback(what, e);
        if (e.getErrorCode() == SQLITE_CONSTRAINT) {
          throw new StoreConflictException(what + " conflicts with a stored row");
        }
        throw failure;
      } catch (IOException | RuntimeException e) {
        rollback(what, new SQLException(e.toString()));
        throw e;
      }
    }
  }

  private IOException rollback(String what, SQLException e) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
    return new IOException("relay database: " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public List<IndexedMessage> messagesTo(final String recipientDigest, final Instant from, final Instant to,
      final int limit) throws IOException {
    return tx("traceback", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT m.batch_id, m.idx, m.text_digest, b.sender_number, b.reseller_id, b.origin_code, m.accepted_at_ms,"
              + " b.node FROM traceback_messages m JOIN traceback_batches b ON b.batch_id = m.batch_id"
              + " WHERE m.recipient_digest = ? AND m.accepted_at_ms BETWEEN ? AND ?"
              + " ORDER BY m.accepted_at_ms DESC LIMIT ?")) {
        select.setString(1, recipientDigest);
        select.setLong(2, from.toEpochMilli());
        select.setLong(3, to.toEpochMilli());
        select.setInt(4, limit);
        List<IndexedMessage> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new IndexedMessage(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                reseller(rs.getString(5)), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
          }
        }
        return rows;
      }
    });
  }

  @Override
  public String token(final String tokenId) throws IOException {
    return tx("read token", () -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT token FROM audit_tokens WHERE token_jti = ?")) {
        select.setString(1, tokenId);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  @Override
  public int pruneMessages(Instant before) throws IOException {
    // In slices of one day, each its own transaction, so the audit writer is never held up for long.
    int total = 0;
    while (true) {
      final Instant oldest = oldestMessage();
      if (oldest == null || !oldest.isBefore(before)) {
        break;
      }
      Instant sliceEnd = oldest.plus(Duration.ofDays(1));
      final long cut = (sliceEnd.isBefore(before) ? sliceEnd : before).toEpochMilli();
      total += tx("prune traceback index", () -> {
        int deleted;
        try (PreparedStatement messages = connection.prepareStatement(
            "DELETE FROM traceback_messages WHERE accepted_at_ms < ?");
            PreparedStatement batches = connection.prepareStatement(
                "DELETE FROM traceback_batches WHERE accepted_at_ms < ?");
            PreparedStatement counters = connection.prepareStatement(
                "DELETE FROM quota_counters WHERE window_end_ms < ?")) {
          messages.setLong(1, cut);
          deleted = messages.executeUpdate();
          batches.setLong(1, cut);
          batches.executeUpdate();
          counters.setLong(1, cut);
          counters.executeUpdate();
        }
        return deleted;
      });
    }
    final long cut = before.toEpochMilli();
    tx("prune quota counters", () -> {
      try (PreparedStatement counters = connection.prepareStatement(
          "DELETE FROM quota_counters WHERE window_end_ms < ?")) {
        counters.setLong(1, cut);
        return counters.executeUpdate();
      }
    });
    return total;
  }

  @Override
  public Instant oldestMessage() throws IOException {
    return tx("read oldest traceback row", () -> {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT MIN(accepted_at_ms) FROM traceback_messages")) {
        if (rs.next()) {
          long ms = rs.getLong(1);
          return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
        }
        return null;
      }
    });
  }

  @Override
  public boolean insertReport(final StoredReport r) throws IOException {
    return tx("store report", () -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO spam_reports (" + REPORT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (fingerprint) DO NOTHING")) {
        insert.setString(1, r.id());
        insert.setString(2, r.fingerprint());
        insert.setString(3, r.source().wire());
        insert.setString(4, r.reference());
        insert.setLong(5, r.receivedAt().toEpochMilli());
        insert.setLong(6, r.recordedAt().toEpochMilli());
        insert.setString(7, r.rank().name());
        insert.setString(8, r.batchId());
        insert.setInt(9, r.messageIndex());
        insert.setString(10, r.caseId());
        insert.setString(11, r.actor());
        return insert.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<StoredReport> reports(final String caseId) throws IOException {
    return tx("read reports", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + REPORT_COLUMNS + " FROM spam_reports WHERE case_id = ? ORDER BY recorded_at_ms, rowid")) {
        select.setString(1, caseId);
        List<StoredReport> out = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ReportSource source = ReportSource.fromWire(rs.getString(3));
            if (source == null) {
              throw new IOException("report row " + rs.getString(1) + " has an unknown source");
            }
            out.add(new StoredReport(rs.getString(1), rs.getString(2), source, rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                MatchRank.valueOf(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void insertCase(final Case opened, final CaseEvent first) throws IOException {
    tx("open case", () -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO cases (" + CASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        JdbcRows.bindCase(insert, 1, opened);
        insert.executeUpdate();
      }
      insertEvent(first);
      return null;
    });
  }

  @Override
  public void updateCase(final Case updated, final CaseEvent event) throws IOException {
    tx("update case", () -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE cases SET state = ?, version = ?, report_count = ?, updated_at_ms = ?, sanction_id = ?"
              + " WHERE case_id = ? AND version = ?")) {
        update.setString(1, updated.state().name());
        update.setLong(2, updated.version());
        update.setInt(3, updated.reportCount());
        update.setLong(4, updated.updatedAt().toEpochMilli());
        update.setString(5, updated.sanctionId());
        update.setString(6, updated.id());
        update.setLong(7, updated.version() - 1);
        if (update.executeUpdate() != 1) {
          throw new StoreConflictException("case " + updated.id() + " is unknown or not at version "
              + (updated.version() - 1));
        }
      }
      insertEvent(event);
      return null;
    });
  }

  private void insertEvent(CaseEvent e) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO case_events (case_id, seq, action, state, actor, reason, at_ms, reference)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, e.caseId());
      insert.setLong(2, e.sequence());
      insert.setString(3, e.action().name());
      insert.setString(4, e.state().name());
      insert.setString(5, e.actor());
      insert.setString(6, e.reason());
      insert.setLong(7, e.at().toEpochMilli());
      insert.setString(8, e.reference());
      insert.executeUpdate();
    }
  }

  private List<Case> selectCases(String where, String value) throws SQLException, IOException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + CASE_COLUMNS + " FROM cases WHERE " + where + " ORDER BY opened_at_ms, rowid")) {
      select.setString(1, value);
      List<Case> out = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          out.add(JdbcRows.enforcementCase(rs));
        }
      }
      return out;
    }
  }

  @Override
  public Case findCase(final String caseId) throws IOException {
    return tx("read case", () -> {
      List<Case> found = selectCases("case_id = ?", caseId);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  @Override
  public Case openCase(final ResellerId resellerId) throws IOException {
    return tx("read open case", () -> {
      List<Case> found = selectCases("reseller_id = ? AND state IN ('OPEN', 'CONFIRMED')", resellerId.value());
      return found.isEmpty() ? null : found.get(0);
    });
  }

  @Override
  public List<Case> cases(final ResellerId resellerId) throws IOException {
    return tx("read cases", () -> selectCases("reseller_id = ?", resellerId.value()));
  }

  @Override
  public List<Case> listCases(final CaseState state, final ResellerId resellerId, final int limit)
      throws IOException {
    return tx("list cases", () -> {
      StringBuilder sql = new StringBuilder("SELECT " + CASE_COLUMNS + " FROM cases");
      List<String> args = new ArrayList<>();
      if (state != null) {
        sql.append(" WHERE state = ?");
        args.add(state.name());
      }
      if (resellerId != null) {
        sql.append(args.isEmpty() ? " WHERE" : " AND").append(" reseller_id = ?");
        args.add(resellerId.value());
      }
      sql.append(" ORDER BY opened_at_ms DESC, rowid DESC LIMIT ?");
      try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          select.setString(i + 1, args.get(i));
        }
        select.setInt(args.size() + 1, limit);
        List<Case> out = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            out.add(JdbcRows.enforcementCase(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Map<CaseState, Long> caseCounts() throws IOException {
    return tx("count cases", () -> {
      Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
      try (PreparedStatement select = connection.prepareStatement("SELECT state, count(*) FROM cases GROUP BY state");
          ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          counts.put(CaseState.valueOf(rs.getString(1)), rs.getLong(2));
        }
      }
      return counts;
    });
  }

  @Override
  public List<CaseEvent> caseHistory(final String caseId) throws IOException {
    return tx("read case history", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT seq, action, state, actor, reason, at_ms, reference FROM case_events WHERE case_id = ? ORDER BY seq")) {
        select.setString(1, caseId);
        List<CaseEvent> out = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            out.add(new CaseEvent(caseId, rs.getLong(1), CaseEvent.Action.valueOf(rs.getString(2)),
                CaseState.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void insertSanction(final Sanction s) throws IOException {
    tx("store sanction", () -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO sanctions (" + SANCTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        JdbcRows.bindSanction(insert, 1, s);
        insert.executeUpdate();
      }
      return null;
    });
  }

  private List<Sanction> selectSanctions(String where, Object value) throws SQLException, IOException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + SANCTION_COLUMNS + " FROM sanctions WHERE " + where + " ORDER BY imposed_at_ms, rowid")) {
      select.setObject(1, value);
      List<Sanction> out = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          out.add(JdbcRows.sanction(rs));
        }
      }
      return out;
    }
  }

  @Override
  public List<Sanction> sanctions(final ResellerId resellerId) throws IOException {
    return tx("read sanctions", () -> selectSanctions("reseller_id = ?", resellerId.value()));
  }

  @Override
  public List<Sanction> quotaReductions(final Instant now) throws IOException {
    return tx("read quota reductions", () -> selectSanctions("quota_until_ms > ?", now.toEpochMilli()));
  }

  @Override
  public List<Sanction> suspensionsDue(final Instant now) throws IOException {
    return tx("read due suspensions",
        () -> selectSanctions("ended_at_ms IS NULL AND ends_at_ms <= ?", now.toEpochMilli()));
  }

  @Override
  public boolean claimSanctionEnd(final String sanctionId, final String claimant, final Instant now,
      final Instant leaseUntil) throws IOException {
    return tx("claim sanction end", () -> {
      try (PreparedStatement claim = connection.prepareStatement(
          "UPDATE sanctions SET claimed_by = ?, claim_until_ms = ? WHERE sanction_id = ? AND ended_at_ms IS NULL"
              + " AND (claim_until_ms IS NULL OR claim_until_ms <= ?)")) {
        claim.setString(1, claimant);
        claim.setLong(2, leaseUntil.toEpochMilli());
        claim.setString(3, sanctionId);
        claim.setLong(4, now.toEpochMilli());
        return claim.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void completeSanctionEnd(final String sanctionId, final Instant at) throws IOException {
    tx("complete sanction end", () -> {
      try (PreparedStatement done = connection.prepareStatement(
          "UPDATE sanctions SET ended_at_ms = ? WHERE sanction_id = ? AND ended_at_ms IS NULL")) {
        done.setLong(1, at.toEpochMilli());
        done.setString(2, sanctionId);
        return done.executeUpdate();
      }
    });
  }

  @Override
  public void setQuota(final QuotaSubject subject, final QuotaLimits limits) throws IOException {
    tx("set quota", () -> {
      if (limits == null) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM quota_overrides WHERE subject = ?")) {
          delete.setString(1, subject.key());
          return delete.executeUpdate();
        }
      }
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO quota_overrides (subject, per_day, per_minute) VALUES (?, ?, ?)"
              + " ON CONFLICT (subject) DO UPDATE SET per_day = excluded.per_day, per_minute = excluded.per_minute")) {
        upsert.setString(1, subject.key());
        upsert.setLong(2, limits.perDay());
        upsert.setLong(3, limits.perMinute());
        return upsert.executeUpdate();
      }
    });
  }

  @Override
  public Map<QuotaSubject, QuotaLimits> quotas() throws IOException {
    return tx("read quotas", () -> {
      Map<QuotaSubject, QuotaLimits> out = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT subject, per_day, per_minute FROM quota_overrides")) {
        while (rs.next()) {
          try {
            out.put(QuotaSubject.fromKey(rs.getString(1)), QuotaLimits.of(rs.getLong(2), rs.getLong(3)));
          } catch (IllegalArgumentException e) {
            throw new IOException("quota row " + rs.getString(1) + " is invalid", e);
          }
        }
      }
      return out;
    });
  }

  @Override
  public long quotaUsed(final String key, final String window) throws IOException {
    return tx("read quota counter", () -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT used FROM quota_counters WHERE subject = ? AND window = ?")) {
        select.setString(1, key);
        select.setString(2, window);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  private static ResellerId reseller(String id) throws IOException {
    return JdbcRows.resellerId(id);
  }
}
