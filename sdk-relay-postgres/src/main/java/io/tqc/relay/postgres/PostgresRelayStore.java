package io.tqc.relay.postgres;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.StatusChange;
import io.tqc.relay.postgres.internal.Rows;
import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.store.AuditOutcome;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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
 *       same transaction (delivered at commit), which {@link PostgresStatusFeed} turns into memory
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
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final String nodeId;
  private final boolean fence;
  private volatile long lastAssertionPruneMs;
  private volatile boolean closed;

  private PostgresRelayStore(Builder builder) {
    this.dataSource = builder.dataSource;
    this.nodeId = builder.nodeId;
    this.fence = builder.fence;
  }

  /** Configures a store. */
  public static final class Builder {
    private DataSource dataSource;
    private String nodeId;
    private boolean fence = true;

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

    /**
     * Validates the settings, migrates the schema and returns the store.
     *
     * @throws IllegalArgumentException for a missing data source or an invalid node id
     * @throws IOException if the database cannot be reached or holds a newer schema
     */
    public PostgresRelayStore open() throws IOException {
      if (dataSource == null) {
        throw new IllegalArgumentException("dataSource is required");
      }
      if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
        throw new IllegalArgumentException("nodeId must be 1-64 characters of A-Z a-z 0-9 . _ -");
      }
      try (Connection connection = dataSource.getConnection()) {
        Schema.migrate(connection, nodeId);
      } catch (SQLException e) {
        throw failure("migrate the schema", e);
      }
      return new PostgresRelayStore(this);
    }
  }

  /** This node's id. */
  public String nodeId() {
    return nodeId;
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException, IOException;
  }

  private <T> T transaction(String what, Work<T> work) throws IOException {
    if (closed) {
      throw new IOException("relay store is closed");
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StoreConflictException(what + ": a unique value is taken");
      }
      throw failure(what, e);
    }
  }

  private static IOException failure(String what, SQLException e) {
    return new IOException("relay database: " + what + " failed: " + e.getMessage()
        + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
  }

  @Override
  public List<Reseller> loadResellers() throws IOException {
    return transaction("load resellers", c -> {
      List<Reseller> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + Rows.RESELLER_COLUMNS + " FROM tqc_resellers ORDER BY status_list_index");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(Rows.reseller(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Reseller findReseller(final ResellerId id) throws IOException {
    return transaction("read reseller " + id, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + Rows.RESELLER_COLUMNS + " FROM tqc_resellers WHERE reseller_id = ?")) {
        s.setString(1, id.value());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Rows.reseller(rs) : null;
        }
      }
    });
  }

  /** Records whose {@code change_id} is above {@code after}, in change order (the status feed's catch-up). */
  List<Object[]> changesAfter(final long after, final int limit) throws IOException {
    return transaction("read registry changes", c -> {
      List<Object[]> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.RESELLER_COLUMNS
          + ", change_id FROM tqc_resellers WHERE change_id > ? ORDER BY change_id LIMIT ?")) {
        s.setLong(1, after);
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new Object[] {Rows.reseller(rs), rs.getLong(14)});
          }
        }
      }
      return out;
    });
  }

  @Override
  public void insertReseller(final Reseller reseller, final StatusChange registered) throws IOException {
    transaction("insert reseller " + reseller.id(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO tqc_resellers (" + Rows.RESELLER_COLUMNS
          + ", changed_by_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Rows.bindReseller(s, 1, reseller);
        s.setString(14, nodeId);
        s.executeUpdate();
      }
      insertHistory(c, registered);
      notifyChange(c, reseller);
      return null;
    });
  }

  @Override
  public void updateReseller(final Reseller updated, final StatusChange change) throws IOException {
    boolean applied = transaction("update reseller " + updated.id(), c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE tqc_resellers SET name = ?, keys_json = ?,"
          + " sender_numbers_json = ?, scope_json = ?, origin_code = ?, cert_id = ?, cert_expires_at = ?,"
          + " status_list_index = ?, status = ?, status_reason = ?, seq = ?, registered_at_ms = ?,"
          + " change_id = nextval('tqc_change_seq'), changed_by_node = ?"
          + " WHERE reseller_id = ? AND seq = ?")) {
        Rows.bindFields(s, 1, updated);
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

  private void insertHistory(Connection c, StatusChange change) throws SQLException {
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
  public List<StatusChange> history(final ResellerId id) throws IOException {
    return transaction("read history of " + id, c -> {
      List<StatusChange> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT seq, kind, status, reason, actor, at_ms"
          + " FROM tqc_history WHERE reseller_id = ? ORDER BY seq")) {
        s.setString(1, id.value());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(Rows.change(id, rs));
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<AuditOutcome> recordAccepted(final List<AuditRecord> records) throws IOException {
    final List<AuditOutcome> outcomes = new ArrayList<>(records.size());
    if (records.isEmpty()) {
      return outcomes;
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
          ? "INSERT INTO tqc_accepted_batches (" + Rows.AUDIT_COLUMNS + ", node_id)"
              + " SELECT v.batch_id, v.reseller_id, v.cert_id, v.origin_code, v.token_jti, v.proof, v.body_digest,"
              + " v.message_count, v.accepted_at_ms, ? FROM (" + values + ") v"
              + " JOIN tqc_resellers r ON r.reseller_id = v.reseller_id AND r.cert_id = v.cert_id"
              + " AND r.status = 'ACTIVE' FOR SHARE OF r"
              + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id"
          : "INSERT INTO tqc_accepted_batches (" + Rows.AUDIT_COLUMNS + ", node_id)"
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

  @Override
  public AuditRecord findAccepted(final String batchId) throws IOException {
    return transaction("find batch", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + Rows.AUDIT_COLUMNS + " FROM tqc_accepted_batches WHERE batch_id = ?")) {
        s.setString(1, batchId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Rows.audit(rs) : null;
        }
      }
    });
  }

  @Override
  public List<AuditRecord> acceptedSince(final Instant since, final int limit) throws IOException {
    return transaction("read accepted batches", c -> {
      List<AuditRecord> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.AUDIT_COLUMNS
          + " FROM tqc_accepted_batches WHERE accepted_at_ms >= ? ORDER BY accepted_at_ms, batch_id LIMIT ?")) {
        s.setLong(1, since.toEpochMilli());
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(Rows.audit(rs));
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
}
