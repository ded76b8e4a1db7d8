package io.tqc.relay.postgres;

import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.postgres.internal.Transactions;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.store.JdbcRows;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.StoreConflictException;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A {@link RelayStore} on PostgreSQL shared by every node of a relay fleet: the only source of
 * truth for the registry, the history, the audit of accepted batches and used client-assertion ids.
 *
 * <ul>
 *   <li><b>The fence.</b> A group commit is one {@code INSERT … SELECT … JOIN tqc_resellers … FOR
 *       SHARE … ON CONFLICT (batch_id) DO NOTHING}: a record is inserted only for a certification
 *       that is ACTIVE in the database at commit, and only for a new batch id. A status change
 *       updates the same row, so it is ordered wholly before or after every group: once a
 *       suspension's transaction has committed, no node commits another audit row for it.
 *   <li><b>Status changes</b> are compare-and-set on {@code seq} and send {@code pg_notify} in the
 *       same transaction (delivered at commit), which {@link PostgresRegistryFeed} turns into memory
 *       updates on every node.
 *   <li><b>Append-only</b> history and audit (triggers refuse UPDATE, DELETE and TRUNCATE; grant the
 *       application role INSERT and SELECT only, see the relay guide); every row names the node.
 *   <li><b>Migrations</b> run on {@link Builder#open()}: versioned, idempotent, serialized by an
 *       advisory lock; a newer schema than this library is refused.
 * </ul>
 *
 * <p>Every method takes a connection from the operator's {@link DataSource} for one transaction and
 * returns it. An {@link IOException} means the database could not be reached or refused the
 * transaction: nothing of it was written. Thread-safe.
 */
public final class PostgresRelayStore implements RelayStore {
  private static final String DATABASE = "relay database";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Transactions db;
  private final String nodeId;
  private final boolean fence;
  private final boolean quotaLock;
  private final PostgresEnforcementStore enforcement;
  private volatile long lastAssertionPruneMs;
  private volatile boolean closed;

  private PostgresRelayStore(Builder builder) {
    this.db = new Transactions(builder.dataSource, DATABASE);
    this.nodeId = builder.nodeId;
    this.fence = builder.fence;
    this.quotaLock = builder.quotaLock;
    this.enforcement = new PostgresEnforcementStore(this);
  }

  /** Configures a store. */
  public static final class Builder {
    private DataSource dataSource;
    private String nodeId;
    private boolean fence = true;
    private boolean quotaLock = true;

    /** The operator's data source (a pool is recommended; none is bundled). Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** This node's id, recorded with every row it writes: 1-64 of {@code A-Z a-z 0-9 . _ -}. Required. */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** Test hook: {@code false} removes the audit fence, for the control run that proves it matters. */
    Builder fence(boolean on) {
      this.fence = on;
      return this;
    }

    /** Test hook: {@code false} reads quota counters without locking them, for the control run. */
    Builder quotaLock(boolean on) {
      this.quotaLock = on;
      return this;
    }

    /**
     * Validates the settings, migrates the schema and returns the store.
     *
     * @throws IllegalArgumentException for a missing data source or an invalid node id
     * @throws IOException if the database cannot be reached or holds a newer schema
     */
    public PostgresRelayStore open() throws IOException {
      Transactions.open(dataSource, nodeId, DATABASE);
      return new PostgresRelayStore(this);
    }
  }

  /** This node's id. */
  @Override
  public String nodeId() {
    return nodeId;
  }

  <T> T transaction(String what, Transactions.Work<T> work) throws IOException {
    if (closed) {
      throw new IOException("relay store is closed");
    }
    try {
      return db.inTransaction(Transactions.DEFAULT_ISOLATION, work);
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreConflictException(what + ": a unique value is taken");
      }
      throw db.failure(what, e);
    }
  }

  @Override
  public List<Reseller> loadResellers() throws IOException {
    return transaction("load resellers", c -> {
      List<Reseller> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + JdbcRows.RESELLER_COLUMNS + " FROM tqc_resellers ORDER BY status_list_index");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(JdbcRows.reseller(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Reseller findReseller(final ResellerId id) throws IOException {
    return transaction("read reseller " + id, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + JdbcRows.RESELLER_COLUMNS + " FROM tqc_resellers WHERE reseller_id = ?")) {
        s.setString(1, id.value());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? JdbcRows.reseller(rs) : null;
        }
      }
    });
  }

  /** The time of the history entry of a reseller row's current {@code seq} (ms), as column 15 or 14. */
  private static final String CHANGE_TIME = "(SELECT h.at_ms FROM tqc_history h"
      + " WHERE h.reseller_id = tqc_resellers.reseller_id AND h.seq = tqc_resellers.seq)";

  /**
   * The reseller's record and the time its current change was recorded (the history entry's time,
   * or {@code null}), for the status feed: {@code {Reseller, Instant}}, or {@code null} if unknown.
   */
  Object[] findChange(final ResellerId id) throws IOException {
    return transaction("read reseller " + id, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + JdbcRows.RESELLER_COLUMNS + ", " + CHANGE_TIME
          + " FROM tqc_resellers WHERE reseller_id = ?")) {
        s.setString(1, id.value());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? new Object[] {JdbcRows.reseller(rs), instantOrNull(rs, 14)} : null;
        }
      }
    });
  }

  private static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  /**
   * Records whose {@code change_id} is above {@code after}, in change order (the status feed's
   * catch-up): {@code {Reseller, Long changeId, Instant recordedAt or null}}.
   */
  List<Object[]> changesAfter(final long after, final int limit) throws IOException {
    return transaction("read registry changes", c -> {
      List<Object[]> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + JdbcRows.RESELLER_COLUMNS
          + ", change_id, " + CHANGE_TIME + " FROM tqc_resellers WHERE change_id > ? ORDER BY change_id LIMIT ?")) {
        s.setLong(1, after);
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new Object[] {JdbcRows.reseller(rs), rs.getLong(14), instantOrNull(rs, 15)});
          }
        }
      }
      return out;
    });
  }

  @Override
  public void insertReseller(final Reseller reseller, final HistoryEntry registered) throws IOException {
    transaction("insert reseller " + reseller.id(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_resellers (" + JdbcRows.RESELLER_COLUMNS
          + ", changed_by_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        JdbcRows.bindReseller(s, 1, reseller);
        s.setString(14, nodeId);
        s.executeUpdate();
      }
      insertHistory(c, registered);
      notifyChange(c, reseller);
      return null;
    });
  }

  @Override
  public void updateReseller(final Reseller updated, final HistoryEntry change) throws IOException {
    boolean applied = transaction("update reseller " + updated.id(), c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE tqc_resellers SET name = ?, keys_json = ?,"
          + " sender_numbers_json = ?, scope_json = ?, origin_code = ?, cert_id = ?, cert_expires_at = ?,"
          + " status_list_index = ?, status = ?, status_reason = ?, seq = ?, registered_at_ms = ?,"
          + " change_id = nextval('tqc_change_seq'), changed_by_node = ?"
          + " WHERE reseller_id = ? AND seq = ?")) {
        JdbcRows.bindResellerFields(s, 1, updated);
        s.setString(13, nodeId);
        s.setString(14, updated.id().value());
        s.setLong(15, updated.sequence() - 1);
        if (s.executeUpdate() != 1) {
          return false;
        }
      }
      insertHistory(c, change);
      notifyChange(c, updated);
      return true;
    });
    if (!applied) {
      throw new StoreConflictException("reseller " + updated.id() + " is unknown or not at sequence "
          + (updated.sequence() - 1));
    }
  }

  private void insertHistory(Connection c, HistoryEntry change) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_history"
        + " (reseller_id, seq, kind, status, reason, actor, at_ms, node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, change.resellerId().value());
      s.setLong(2, change.sequence());
      s.setString(3, change.kind().name());
      s.setString(4, change.status().name());
      s.setString(5, change.reason());
      s.setString(6, change.actor());
      s.setLong(7, change.at().toEpochMilli());
      s.setString(8, nodeId);
      s.executeUpdate();
    }
  }

  private static void notifyChange(Connection c, Reseller changed) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, Schema.CHANNEL);
      s.setString(2, changed.id().value() + ":" + changed.sequence());
      s.execute();
    }
  }

  @Override
  public List<HistoryEntry> history(final ResellerId id) throws IOException {
    return transaction("read history of " + id, c -> {
      List<HistoryEntry> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT seq, kind, status, reason, actor, at_ms"
          + " FROM tqc_history WHERE reseller_id = ? ORDER BY seq")) {
        s.setString(1, id.value());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(historyEntry(id, rs));
          }
        }
      }
      return out;
    });
  }

  /**
   * The fleet's enforcement storage (traceback index, reports, cases, sanctions, quotas, the audit
   * hash chain), written in the audit transaction of {@link #recordAccepted}; chain links and
   * traceback rows carry this store's {@linkplain #nodeId() node id}.
   */
  @Override
  public EnforcementStore enforcement() {
    return enforcement;
  }

  @Override
  public List<AuditOutcome> recordAccepted(final List<AuditRecord> records) throws IOException {
    final List<AuditOutcome> outcomes = new ArrayList<>(records.size());
    if (records.isEmpty()) {
      return outcomes;
    }
    for (AuditRecord record : records) {
      if (PostgresEnforcementStore.hasAttachments(record)) {
        return transaction("record " + records.size() + " accepted batches", c -> recordEnforced(c, records));
      }
    }
    return transaction("record " + records.size() + " accepted batches", c -> {
      int n = records.size();
      String[] batchIds = new String[n];
      String[] resellerIds = new String[n];
      String[] certIds = new String[n];
      String[] originCodes = new String[n];
      String[] tokenIds = new String[n];
      String[] proofs = new String[n];
      String[] digests = new String[n];
      Integer[] counts = new Integer[n];
      Long[] acceptedAt = new Long[n];
      Integer[] ordinals = new Integer[n];
      for (int i = 0; i < n; i++) {
        AuditRecord r = records.get(i);
        batchIds[i] = r.batchId();
        resellerIds[i] = r.resellerId().value();
        certIds[i] = r.certificationId();
        originCodes[i] = r.originCode();
        tokenIds[i] = r.tokenId();
        proofs[i] = r.proof();
        digests[i] = r.bodyDigest();
        counts[i] = r.messageCount();
        acceptedAt[i] = r.acceptedAt().toEpochMilli();
        ordinals[i] = i;
      }
      // One statement: the fence reads the reseller rows FOR SHARE, so a concurrent status change
      // (which updates them) is ordered before or after the whole group. The first record of a
      // batch id that appears twice in one group wins (DISTINCT ON by ordinal).
      String values = "SELECT DISTINCT ON (v.batch_id) v.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::int[])"
          + " AS v(batch_id, reseller_id, cert_id, origin_code, token_jti, proof, body_digest, message_count,"
          + " accepted_at_ms, ord) ORDER BY v.batch_id, v.ord";
      String sql = fence
          ? "INSERT INTO tqc_accepted_batches (" + JdbcRows.AUDIT_COLUMNS + ", node_id)"
              + " SELECT v.batch_id, v.reseller_id, v.cert_id, v.origin_code, v.token_jti, v.proof, v.body_digest,"
              + " v.message_count, v.accepted_at_ms, ? FROM (" + values + ") v"
              + " JOIN tqc_resellers r ON r.reseller_id = v.reseller_id AND r.cert_id = v.cert_id"
              + " AND r.status = 'ACTIVE' FOR SHARE OF r"
              + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id"
          : "INSERT INTO tqc_accepted_batches (" + JdbcRows.AUDIT_COLUMNS + ", node_id)"
              + " SELECT v.batch_id, v.reseller_id, v.cert_id, v.origin_code, v.token_jti, v.proof, v.body_digest,"
              + " v.message_count, v.accepted_at_ms, ? FROM (" + values + ") v"
              + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id";
      Set<String> inserted = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setString(1, nodeId);
        s.setArray(2, c.createArrayOf("text", batchIds));
        s.setArray(3, c.createArrayOf("text", resellerIds));
        s.setArray(4, c.createArrayOf("text", certIds));
        s.setArray(5, c.createArrayOf("text", originCodes));
        s.setArray(6, c.createArrayOf("text", tokenIds));
        s.setArray(7, c.createArrayOf("text", proofs));
        s.setArray(8, c.createArrayOf("text", digests));
        s.setArray(9, c.createArrayOf("int4", counts));
        s.setArray(10, c.createArrayOf("int8", acceptedAt));
        s.setArray(11, c.createArrayOf("int4", ordinals));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            inserted.add(rs.getString(1));
          }
        }
      }
      List<String> missing = new ArrayList<>();
      for (String id : batchIds) {
        if (!inserted.contains(id)) {
          missing.add(id);
        }
      }
      Set<String> existing = new HashSet<>();
      if (!missing.isEmpty()) {
        Array ids = c.createArrayOf("text", missing.toArray(new String[0]));
        try (PreparedStatement s = c.prepareStatement(
            "SELECT batch_id FROM tqc_accepted_batches WHERE batch_id = ANY (?)")) {
          s.setArray(1, ids);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              existing.add(rs.getString(1));
            }
          }
        }
      }
      Set<String> claimed = new HashSet<>();
      for (String id : batchIds) {
        if (inserted.contains(id) && claimed.add(id)) {
          outcomes.add(AuditOutcome.RECORDED);
        } else if (inserted.contains(id) || existing.contains(id)) {
          outcomes.add(AuditOutcome.DUPLICATE);
        } else {
          outcomes.add(AuditOutcome.NOT_ACTIVE);
        }
      }
      return outcomes;
    });
  }

  /**
   * The group commit with enforcement: quota counters locked (in key order, so groups on different
   * nodes never deadlock on them) and read; the resellers' rows read FOR SHARE (the fence) and the
   * known batch ids read; each record decided in order (duplicate, not active, over a quota, or a
   * candidate whose messages are counted in memory); candidates inserted; counters advanced by what
   * was actually inserted (a batch id another node inserted meanwhile is a duplicate and counts
   * nothing); then traceback rows, tokens and chain links. All in one transaction.
   */
  private List<AuditOutcome> recordEnforced(Connection c, List<AuditRecord> records)
      throws SQLException, IOException {
    int n = records.size();
    TreeMap<String, long[]> counters = new TreeMap<>();
    Map<String, Long> windowEnds = new HashMap<>();
    for (AuditRecord r : records) {
      for (QuotaCharge charge : r.quotaCharges()) {
        String key = charge.key() + "\u0000" + charge.window();
        counters.put(key, new long[] {0L, 0L});
        windowEnds.put(key, charge.windowEnd().toEpochMilli());
      }
    }
    if (!counters.isEmpty()) {
      int k = counters.size();
      String[] subjects = new String[k];
      String[] windows = new String[k];
      Long[] ends = new Long[k];
      int i = 0;
      for (String key : counters.keySet()) {
        int sep = key.indexOf('\u0000');
        subjects[i] = key.substring(0, sep);
        windows[i] = key.substring(sep + 1);
        ends[i] = windowEnds.get(key);
        i++;
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_quota_counters (subject, win, used, window_end_ms)"
          + " SELECT u.subject, u.win, 0, u.window_end_ms FROM unnest(?::text[], ?::text[], ?::bigint[])"
          + " WITH ORDINALITY AS u(subject, win, window_end_ms, ord) ORDER BY u.ord"
          + " ON CONFLICT (subject, win) DO NOTHING")) {
        s.setArray(1, c.createArrayOf("text", subjects));
        s.setArray(2, c.createArrayOf("text", windows));
        s.setArray(3, c.createArrayOf("int8", ends));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT q.subject, q.win, q.used FROM tqc_quota_counters q"
          + " JOIN unnest(?::text[], ?::text[]) AS u(subject, win) ON q.subject = u.subject AND q.win = u.win"
          + " ORDER BY q.subject, q.win" + (quotaLock ? " FOR UPDATE OF q" : ""))) {
        s.setArray(1, c.createArrayOf("text", subjects));
        s.setArray(2, c.createArrayOf("text", windows));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            counters.get(rs.getString(1) + "\u0000" + rs.getString(2))[0] = rs.getLong(3);
          }
        }
      }
    }
    Set<String> active = new HashSet<>();
    Set<String> resellerIds = new TreeSet<>();
    Set<String> batchIds = new HashSet<>();
    for (AuditRecord r : records) {
      resellerIds.add(r.resellerId().value());
      batchIds.add(r.batchId());
    }
    try (PreparedStatement s = c.prepareStatement("SELECT reseller_id, cert_id FROM tqc_resellers"
        + " WHERE reseller_id = ANY (?) AND status = 'ACTIVE' ORDER BY reseller_id FOR SHARE")) {
      s.setArray(1, c.createArrayOf("text", resellerIds.toArray(new String[0])));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          active.add(rs.getString(1) + "\u0000" + rs.getString(2));
        }
      }
    }
    Set<String> known = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("SELECT batch_id FROM tqc_accepted_batches WHERE batch_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", batchIds.toArray(new String[0])));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    AuditOutcome[] outcomes = new AuditOutcome[n];
    List<AuditRecord> candidates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditRecord r = records.get(i);
      if (known.contains(r.batchId())) {
        outcomes[i] = AuditOutcome.DUPLICATE;
        continue;
      }
      if (!active.contains(r.resellerId().value() + "\u0000" + r.certificationId())) {
        outcomes[i] = AuditOutcome.NOT_ACTIVE;
        continue;
      }
      boolean fits = true;
      for (QuotaCharge charge : r.quotaCharges()) {
        long[] counter = counters.get(charge.key() + "\u0000" + charge.window());
        if (counter[0] + counter[1] + r.messageCount() > charge.limit()) {
          fits = false;
          break;
        }
      }
      if (!fits) {
        outcomes[i] = AuditOutcome.QUOTA_EXCEEDED;
        continue;
      }
      for (QuotaCharge charge : r.quotaCharges()) {
        counters.get(charge.key() + "\u0000" + charge.window())[1] += r.messageCount();
      }
      known.add(r.batchId()); // a later record of the group with the same id is a duplicate
      outcomes[i] = AuditOutcome.RECORDED;
      candidates.add(r);
    }
    Set<String> inserted = insertAudit(c, candidates);
    List<AuditRecord> stored = new ArrayList<>(candidates.size());
    for (String key : counters.keySet()) {
      counters.get(key)[1] = 0;
    }
    for (int i = 0; i < n; i++) {
      AuditRecord r = records.get(i);
      if (outcomes[i] != AuditOutcome.RECORDED) {
        continue;
      }
      if (!inserted.contains(r.batchId())) {
        // Inserted by another node since we looked, or its certification changed: not ours to count.
        outcomes[i] = AuditOutcome.DUPLICATE;
        continue;
      }
      stored.add(r);
      for (QuotaCharge charge : r.quotaCharges()) {
        counters.get(charge.key() + "\u0000" + charge.window())[1] += r.messageCount();
      }
    }
    List<String> subjects = new ArrayList<>();
    List<String> windows = new ArrayList<>();
    List<Long> deltas = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counters.entrySet()) {
      if (e.getValue()[1] > 0) {
        int sep = e.getKey().indexOf('\u0000');
        subjects.add(e.getKey().substring(0, sep));
        windows.add(e.getKey().substring(sep + 1));
        deltas.add(e.getValue()[1]);
      }
    }
    if (!subjects.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement("UPDATE tqc_quota_counters q SET used = q.used + u.n"
          + " FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(subject, win, n)"
          + " WHERE q.subject = u.subject AND q.win = u.win")) {
        s.setArray(1, c.createArrayOf("text", subjects.toArray(new String[0])));
        s.setArray(2, c.createArrayOf("text", windows.toArray(new String[0])));
        s.setArray(3, c.createArrayOf("int8", deltas.toArray(new Long[0])));
        s.executeUpdate();
      }
    }
    PostgresEnforcementStore.attach(c, nodeId, stored);
    List<AuditOutcome> out = new ArrayList<>(n);
    for (AuditOutcome outcome : outcomes) {
      out.add(outcome);
    }
    return out;
  }

  /** Inserts {@code records} (distinct batch ids) behind the fence; returns the batch ids inserted. */
  private Set<String> insertAudit(Connection c, List<AuditRecord> records) throws SQLException {
    Set<String> inserted = new HashSet<>();
    if (records.isEmpty()) {
      return inserted;
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_accepted_batches (" + JdbcRows.AUDIT_COLUMNS
        + ", node_id) SELECT v.batch_id, v.reseller_id, v.cert_id, v.origin_code, v.token_jti, v.proof,"
        + " v.body_digest, v.message_count, v.accepted_at_ms, ? FROM unnest(?::text[], ?::text[], ?::text[],"
        + " ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[]) AS v(batch_id, reseller_id, cert_id,"
        + " origin_code, token_jti, proof, body_digest, message_count, accepted_at_ms)"
        + (fence ? " JOIN tqc_resellers r ON r.reseller_id = v.reseller_id AND r.cert_id = v.cert_id"
            + " AND r.status = 'ACTIVE'" : "")
        + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id")) {
      int n = records.size();
      String[][] text = new String[7][n];
      Integer[] counts = new Integer[n];
      Long[] acceptedAt = new Long[n];
      for (int i = 0; i < n; i++) {
        AuditRecord r = records.get(i);
        text[0][i] = r.batchId();
        text[1][i] = r.resellerId().value();
        text[2][i] = r.certificationId();
        text[3][i] = r.originCode();
        text[4][i] = r.tokenId();
        text[5][i] = r.proof();
        text[6][i] = r.bodyDigest();
        counts[i] = r.messageCount();
        acceptedAt[i] = r.acceptedAt().toEpochMilli();
      }
      s.setString(1, nodeId);
      for (int j = 0; j < 7; j++) {
        s.setArray(2 + j, c.createArrayOf("text", text[j]));
      }
      s.setArray(9, c.createArrayOf("int4", counts));
      s.setArray(10, c.createArrayOf("int8", acceptedAt));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    return inserted;
  }

  @Override
  public AuditRecord findAccepted(final String batchId) throws IOException {
    return transaction("find batch", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + JdbcRows.AUDIT_COLUMNS + " FROM tqc_accepted_batches WHERE batch_id = ?")) {
        s.setString(1, batchId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? JdbcRows.auditRecord(rs) : null;
        }
      }
    });
  }

  @Override
  public List<AuditRecord> acceptedSince(final Instant since, final int limit) throws IOException {
    return transaction("read accepted batches", c -> {
      List<AuditRecord> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + JdbcRows.AUDIT_COLUMNS
          + " FROM tqc_accepted_batches WHERE accepted_at_ms >= ? ORDER BY accepted_at_ms, batch_id LIMIT ?")) {
        s.setLong(1, since.toEpochMilli());
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(JdbcRows.auditRecord(rs));
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<AuditRecord> acceptedBy(final ResellerId resellerId, final Instant before, final int limit)
      throws IOException {
    return transaction("read a reseller's batches", c -> {
      List<AuditRecord> out = new ArrayList<>();
      // A range scan of tqc_accepted_reseller (reseller_id, accepted_at_ms), newest first.
      try (PreparedStatement s = c.prepareStatement("SELECT " + JdbcRows.AUDIT_COLUMNS
          + " FROM tqc_accepted_batches WHERE reseller_id = ? AND accepted_at_ms < ?"
          + " ORDER BY accepted_at_ms DESC, batch_id DESC LIMIT ?")) {
        s.setString(1, resellerId.value());
        s.setLong(2, before.toEpochMilli());
        s.setInt(3, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(JdbcRows.auditRecord(rs));
          }
        }
      }
      return out;
    });
  }

  @Override
  public boolean rememberAssertion(final String assertionId, final Instant expiresAt, final Instant now)
      throws IOException {
    final boolean prune = now.toEpochMilli() - lastAssertionPruneMs > 60_000;
    boolean first = transaction("remember an assertion id", c -> {
      if (prune) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM tqc_used_assertions WHERE expires_at_ms <= ?")) {
          s.setLong(1, now.toEpochMilli());
          s.executeUpdate();
        }
      }
      // An expired row with the same id may linger between prunes: replace it, keep a live one.
      try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_used_assertions (assertion_id, expires_at_ms)"
          + " VALUES (?, ?) ON CONFLICT (assertion_id) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms"
          + " WHERE tqc_used_assertions.expires_at_ms <= ?")) {
        s.setString(1, assertionId);
        s.setLong(2, expiresAt.toEpochMilli());
        s.setLong(3, now.toEpochMilli());
        return s.executeUpdate() == 1;
      }
    });
    if (prune) {
      lastAssertionPruneMs = now.toEpochMilli();
    }
    return first;
  }

  /** Marks the store closed; the data source is the operator's and stays open. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "PostgresRelayStore{node=" + nodeId + "}";
  }

  /** A history entry from columns seq, kind, status, reason, actor, at_ms. */
  private static HistoryEntry historyEntry(ResellerId id, ResultSet rs) throws SQLException, IOException {
    try {
      CertificationStatus status = CertificationStatus.fromWire(rs.getString(3));
      if (status == null) {
        throw new IllegalArgumentException("unknown status " + rs.getString(3));
      }
      return new HistoryEntry(id, rs.getLong(1), HistoryEntry.Kind.valueOf(rs.getString(2)), status,
          rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)));
    } catch (IllegalArgumentException e) {
      throw new IOException("history row of " + id + " is invalid: " + e.getMessage(), e);
    }
  }
}
