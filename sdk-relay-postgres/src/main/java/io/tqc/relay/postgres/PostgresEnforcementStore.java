package io.tqc.relay.postgres;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.enforcement.AuditChain;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.store.JdbcRows;
import io.tqc.relay.store.IndexedMessage;
import io.tqc.relay.store.StoreConflictException;
import io.tqc.relay.store.StoredReport;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EnforcementStore} of a {@link PostgresRelayStore}, shared by every node of a fleet: its
 * tables (schema version 2) are written by {@link PostgresRelayStore#recordAccepted} in the audit
 * transaction itself (traceback rows, token, quota counters, the node's hash-chain link). Quota
 * counters are row-locked in a fixed order and charged only for records actually inserted, so they
 * are exact across nodes; the end of a timed suspension is a compare-and-set claim with a lease, so
 * exactly one node reinstates it. Reports, case history, the chain, checkpoints and tokens are
 * append-only (triggers); a sanction row changes only by its end claim and end.
 */
final class PostgresEnforcementStore implements EnforcementStore {
  private static final String CASE_COLUMNS = JdbcRows.CASE_COLUMNS;
  private static final String SANCTION_COLUMNS = JdbcRows.SANCTION_COLUMNS;
  private static final String REPORT_COLUMNS = "report_id, fingerprint, source, reference, received_at_ms,"
      + " recorded_at_ms, rank, batch_id, message_index, case_id, actor";
  private static final String CHAIN_COLUMNS =
      "node_id, seq, batch_id, reseller_id, accepted_at_ms, sender_number, messages_digest, prev_hash, hash";

  private final PostgresRelayStore owner;

  PostgresEnforcementStore(PostgresRelayStore owner) {
    this.owner = owner;
  }

  /** Whether a record carries anything for these tables (else it is written by the fast path alone). */
  static boolean hasAttachments(AuditRecord record) {
    return !record.quotaCharges().isEmpty() || !record.messageDigests().isEmpty() || record.token() != null;
  }

  /**
   * Inside the audit transaction, after the records' rows were inserted: writes the traceback rows,
   * tokens and chain links of {@code inserted} (in order) for node {@code node}.
   */
  static void attach(Connection c, String node, List<AuditRecord> inserted) throws SQLException {
    if (inserted.isEmpty()) {
      return;
    }
    try (PreparedStatement batch = c.prepareStatement("INSERT INTO tqc_traceback_batches (batch_id, sender_number,"
        + " reseller_id, origin_code, node_id, token_jti, accepted_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement message = c.prepareStatement("INSERT INTO tqc_traceback_messages (recipient_digest,"
            + " accepted_at_ms, batch_id, idx, text_digest) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement token = c.prepareStatement(
            "INSERT INTO tqc_audit_tokens (token_jti, token) VALUES (?, ?) ON CONFLICT (token_jti) DO NOTHING")) {
      boolean batches = false;
      boolean messages = false;
      boolean tokens = false;
      for (AuditRecord record : inserted) {
        if (!record.messageDigests().isEmpty()) {
          batch.setString(1, record.batchId());
          batch.setString(2, record.senderNumber());
          batch.setString(3, record.resellerId().value());
          batch.setString(4, record.originCode());
          batch.setString(5, node);
          batch.setString(6, record.tokenId());
          batch.setLong(7, record.acceptedAt().toEpochMilli());
          batch.addBatch();
          batches = true;
          for (TracebackDigest digest : record.messageDigests()) {
            message.setString(1, digest.recipientDigest());
            message.setLong(2, record.acceptedAt().toEpochMilli());
            message.setString(3, record.batchId());
            message.setInt(4, digest.index());
            message.setString(5, digest.textDigest());
            message.addBatch();
            messages = true;
          }
        }
        if (record.token() != null) {
          token.setString(1, record.tokenId());
          token.setString(2, record.token());
          token.addBatch();
          tokens = true;
        }
      }
      if (batches) {
        batch.executeBatch();
      }
      if (messages) {
        message.executeBatch();
      }
      if (tokens) {
        token.executeBatch();
      }
    }
    // The node's chain: serialized per node (a misconfigured second process with the same id waits
    // instead of forking the chain), appended in commit order.
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      lock.setInt(1, Schema.CHAIN_LOCK);
      lock.setString(2, node);
      lock.execute();
    }
    long seq = 0;
    String prev = AuditChain.GENESIS;
    try (PreparedStatement head = c.prepareStatement(
        "SELECT seq, hash FROM tqc_audit_chain WHERE node_id = ? ORDER BY seq DESC LIMIT 1")) {
      head.setString(1, node);
      try (ResultSet rs = head.executeQuery()) {
        if (rs.next()) {
          seq = rs.getLong(1);
          prev = rs.getString(2);
        }
      }
    }
    try (PreparedStatement link = c.prepareStatement("INSERT INTO tqc_audit_chain (" + CHAIN_COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditRecord record : inserted) {
        seq++;
        String messages = AuditChain.messagesDigest(record.messageDigests());
        String hash = AuditChain.hash(record, node, seq, prev, messages);
        link.setString(1, node);
        link.setLong(2, seq);
        link.setString(3, record.batchId());
        link.setString(4, record.resellerId().value());
        link.setLong(5, record.acceptedAt().toEpochMilli());
        link.setString(6, record.senderNumber());
        link.setString(7, messages);
        link.setString(8, prev);
        link.setString(9, hash);
        link.addBatch();
        prev = hash;
      }
      link.executeBatch();
    }
  }

  @Override
  public List<IndexedMessage> messagesTo(final String recipientDigest, final Instant from, final Instant to,
      final int limit) throws IOException {
    return owner.transaction("traceback", c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT m.batch_id, m.idx, m.text_digest, b.sender_number, b.reseller_id, b.origin_code, m.accepted_at_ms,"
              + " b.node_id FROM tqc_traceback_messages m JOIN tqc_traceback_batches b ON b.batch_id = m.batch_id"
              + " WHERE m.recipient_digest = ? AND m.accepted_at_ms BETWEEN ? AND ?"
              + " ORDER BY m.accepted_at_ms DESC, m.batch_id, m.idx LIMIT ?")) {
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
    return owner.transaction("read token", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT token FROM tqc_audit_tokens WHERE token_jti = ?")) {
        select.setString(1, tokenId);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  @Override
  public int pruneMessages(final Instant before) throws IOException {
    final long cut = before.toEpochMilli();
    return owner.transaction("prune the traceback index", c -> {
      int deleted;
      try (PreparedStatement messages = c.prepareStatement(
          "DELETE FROM tqc_traceback_messages WHERE accepted_at_ms < ?");
          PreparedStatement batches = c.prepareStatement("DELETE FROM tqc_traceback_batches WHERE accepted_at_ms < ?");
          PreparedStatement counters = c.prepareStatement("DELETE FROM tqc_quota_counters WHERE window_end_ms < ?")) {
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

  @Override
  public Instant oldestMessage() throws IOException {
    return owner.transaction("read oldest traceback row", c -> {
      try (Statement statement = c.createStatement();
          ResultSet rs = statement.executeQuery("SELECT min(accepted_at_ms) FROM tqc_traceback_messages")) {
        rs.next();
        long ms = rs.getLong(1);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
      }
    });
  }

  @Override
  public boolean insertReport(final StoredReport r) throws IOException {
    return owner.transaction("store report", c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_spam_reports (" + REPORT_COLUMNS
          + ", node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING")) {
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
        insert.setString(12, owner.nodeId());
        return insert.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<StoredReport> reports(final String caseId) throws IOException {
    return owner.transaction("read reports", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + REPORT_COLUMNS
          + " FROM tqc_spam_reports WHERE case_id = ? ORDER BY recorded_at_ms, position")) {
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
    owner.transaction("open case", c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO tqc_cases (" + CASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        JdbcRows.bindCase(insert, 1, opened);
        insert.executeUpdate();
      }
      insertEvent(c, first);
      return null;
    });
  }

  @Override
  public void updateCase(final Case updated, final CaseEvent event) throws IOException {
    boolean applied = owner.transaction("update case", c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE tqc_cases SET state = ?, version = ?, report_count = ?, updated_at_ms = ?, sanction_id = ?"
              + " WHERE case_id = ? AND version = ?")) {
        update.setString(1, updated.state().name());
        update.setLong(2, updated.version());
        update.setInt(3, updated.reportCount());
        update.setLong(4, updated.updatedAt().toEpochMilli());
        update.setString(5, updated.sanctionId());
        update.setString(6, updated.id());
        update.setLong(7, updated.version() - 1);
        if (update.executeUpdate() != 1) {
          return false;
        }
      }
      insertEvent(c, event);
      return true;
    });
    if (!applied) {
      throw new StoreConflictException("case " + updated.id() + " is unknown or not at version "
          + (updated.version() - 1));
    }
  }

  private void insertEvent(Connection c, CaseEvent e) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO tqc_case_events (case_id, seq, action, state, actor, reason, at_ms, reference, node_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, e.caseId());
      insert.setLong(2, e.sequence());
      insert.setString(3, e.action().name());
      insert.setString(4, e.state().name());
      insert.setString(5, e.actor());
      insert.setString(6, e.reason());
      insert.setLong(7, e.at().toEpochMilli());
      insert.setString(8, e.reference());
      insert.setString(9, owner.nodeId());
      insert.executeUpdate();
    }
  }

  private static List<Case> selectCases(Connection c, String where, String value) throws SQLException, IOException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT " + CASE_COLUMNS + " FROM tqc_cases WHERE " + where + " ORDER BY opened_at_ms, position")) {
      select.setString(1, value);
      return readCases(select);
    }
  }

  private static List<Case> readCases(PreparedStatement select) throws SQLException, IOException {
    List<Case> out = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        out.add(JdbcRows.enforcementCase(rs));
      }
    }
    return out;
  }

  @Override
  public Case findCase(final String caseId) throws IOException {
    return owner.transaction("read case", c -> {
      List<Case> found = selectCases(c, "case_id = ?", caseId);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  @Override
  public Case openCase(final ResellerId resellerId) throws IOException {
    return owner.transaction("read open case", c -> {
      List<Case> found = selectCases(c, "reseller_id = ? AND state IN ('OPEN', 'CONFIRMED')", resellerId.value());
      return found.isEmpty() ? null : found.get(0);
    });
  }

  @Override
  public List<Case> cases(final ResellerId resellerId) throws IOException {
    return owner.transaction("read cases", c -> selectCases(c, "reseller_id = ?", resellerId.value()));
  }

  @Override
  public List<Case> listCases(final CaseState state, final ResellerId resellerId, final int limit)
      throws IOException {
    return owner.transaction("list cases", c -> {
      StringBuilder sql = new StringBuilder("SELECT " + CASE_COLUMNS + " FROM tqc_cases");
      List<String> args = new ArrayList<>();
      if (state != null) {
        sql.append(" WHERE state = ?");
        args.add(state.name());
      }
      if (resellerId != null) {
        sql.append(args.isEmpty() ? " WHERE" : " AND").append(" reseller_id = ?");
        args.add(resellerId.value());
      }
      sql.append(" ORDER BY opened_at_ms DESC, position DESC LIMIT ?");
      try (PreparedStatement select = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          select.setString(i + 1, args.get(i));
        }
        select.setInt(args.size() + 1, limit);
        return readCases(select);
      }
    });
  }

  @Override
  public Map<CaseState, Long> caseCounts() throws IOException {
    return owner.transaction("count cases", c -> {
      Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
      try (PreparedStatement select = c.prepareStatement("SELECT state, count(*) FROM tqc_cases GROUP BY state");
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
    return owner.transaction("read case history", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT seq, action, state, actor, reason, at_ms, reference"
          + " FROM tqc_case_events WHERE case_id = ? ORDER BY seq")) {
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
    owner.transaction("store sanction", c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_sanctions (" + SANCTION_COLUMNS
          + ", node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        JdbcRows.bindSanction(insert, 1, s);
        insert.setString(14, owner.nodeId());
        insert.executeUpdate();
      }
      return null;
    });
  }

  private static List<Sanction> selectSanctions(Connection c, String where, Object value)
      throws SQLException, IOException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT " + SANCTION_COLUMNS + " FROM tqc_sanctions WHERE " + where + " ORDER BY imposed_at_ms, position")) {
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
    return owner.transaction("read sanctions", c -> selectSanctions(c, "reseller_id = ?", resellerId.value()));
  }

  @Override
  public List<Sanction> quotaReductions(final Instant now) throws IOException {
    return owner.transaction("read quota reductions",
        c -> selectSanctions(c, "quota_until_ms > ?", now.toEpochMilli()));
  }

  @Override
  public List<Sanction> suspensionsDue(final Instant now) throws IOException {
    return owner.transaction("read due suspensions",
        c -> selectSanctions(c, "ended_at_ms IS NULL AND ends_at_ms <= ?", now.toEpochMilli()));
  }

  @Override
  public boolean claimSanctionEnd(final String sanctionId, final String claimant, final Instant now,
      final Instant leaseUntil) throws IOException {
    // Compare-and-set: the row lock orders concurrent claims, and the loser re-reads the winner's
    // lease (READ COMMITTED re-evaluates the WHERE on the updated row) and matches nothing.
    return owner.transaction("claim sanction end", c -> {
      try (PreparedStatement claim = c.prepareStatement(
          "UPDATE tqc_sanctions SET claimed_by = ?, claim_until_ms = ? WHERE sanction_id = ? AND ended_at_ms IS NULL"
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
    owner.transaction("complete sanction end", c -> {
      try (PreparedStatement done = c.prepareStatement(
          "UPDATE tqc_sanctions SET ended_at_ms = ? WHERE sanction_id = ? AND ended_at_ms IS NULL")) {
        done.setLong(1, at.toEpochMilli());
        done.setString(2, sanctionId);
        return done.executeUpdate();
      }
    });
  }

  @Override
  public void setQuota(final QuotaSubject subject, final QuotaLimits limits) throws IOException {
    owner.transaction("set quota", c -> {
      if (limits == null) {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM tqc_quota_overrides WHERE subject = ?")) {
          delete.setString(1, subject.key());
          return delete.executeUpdate();
        }
      }
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO tqc_quota_overrides (subject, per_day, per_minute) VALUES (?, ?, ?)"
              + " ON CONFLICT (subject) DO UPDATE SET per_day = EXCLUDED.per_day, per_minute = EXCLUDED.per_minute")) {
        upsert.setString(1, subject.key());
        upsert.setLong(2, limits.perDay());
        upsert.setLong(3, limits.perMinute());
        return upsert.executeUpdate();
      }
    });
  }

  @Override
  public Map<QuotaSubject, QuotaLimits> quotas() throws IOException {
    return owner.transaction("read quotas", c -> {
      Map<QuotaSubject, QuotaLimits> out = new LinkedHashMap<>();
      try (Statement statement = c.createStatement();
          ResultSet rs = statement.executeQuery(
              "SELECT subject, per_day, per_minute FROM tqc_quota_overrides ORDER BY subject")) {
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
    return owner.transaction("read quota counter", c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT used FROM tqc_quota_counters WHERE subject = ? AND win = ?")) {
        select.setString(1, key);
        select.setString(2, window);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

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
    return owner.transaction("read chain head", c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT " + CHAIN_COLUMNS + " FROM tqc_audit_chain WHERE node_id = ? ORDER BY seq DESC LIMIT 1")) {
        select.setString(1, node);
        List<ChainLink> links = readLinks(select);
        return links.isEmpty() ? null : links.get(0);
      }
    });
  }

  @Override
  public List<ChainLink> chain(final String node, final long fromSeq, final long toSeq) throws IOException {
    return owner.transaction("read chain", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + CHAIN_COLUMNS
          + " FROM tqc_audit_chain WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq")) {
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
    return owner.transaction("read reseller chain", c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + CHAIN_COLUMNS + " FROM tqc_audit_chain"
          + " WHERE reseller_id = ? AND accepted_at_ms BETWEEN ? AND ? ORDER BY node_id, seq LIMIT ?")) {
        select.setString(1, resellerId.value());
        select.setLong(2, from.toEpochMilli());
        select.setLong(3, to.toEpochMilli());
        select.setInt(4, limit);
        return readLinks(select);
      }
    });
  }

  @Override
  public void insertCheckpoint(final Checkpoint cp) throws IOException {
    owner.transaction("store checkpoint", c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO tqc_audit_checkpoints (node_id, seq, hash, at_ms, jws) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, cp.node());
        insert.setLong(2, cp.seq());
        insert.setString(3, cp.hash());
        insert.setLong(4, cp.at().toEpochMilli());
        insert.setString(5, cp.jws());
        return insert.executeUpdate();
      }
    });
  }

  private Checkpoint oneCheckpoint(final String sql, final String node, final Long seq) throws IOException {
    return owner.transaction("read checkpoint", c -> {
      try (PreparedStatement select = c.prepareStatement(sql)) {
        select.setString(1, node);
        if (seq != null) {
          select.setLong(2, seq);
        }
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)) : null;
        }
      }
    });
  }

  @Override
  public Checkpoint lastCheckpoint(String node) throws IOException {
    return oneCheckpoint("SELECT node_id, seq, hash, at_ms, jws FROM tqc_audit_checkpoints"
        + " WHERE node_id = ? ORDER BY seq DESC LIMIT 1", node, null);
  }

  @Override
  public Checkpoint checkpointAtOrAfter(String node, long seq) throws IOException {
    return oneCheckpoint("SELECT node_id, seq, hash, at_ms, jws FROM tqc_audit_checkpoints"
        + " WHERE node_id = ? AND seq >= ? ORDER BY seq LIMIT 1", node, seq);
  }

  private static ResellerId reseller(String id) throws IOException {
    return JdbcRows.resellerId(id);
  }
}
