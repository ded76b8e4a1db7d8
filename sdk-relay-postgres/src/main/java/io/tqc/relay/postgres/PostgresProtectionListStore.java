package io.tqc.relay.postgres;

import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.postgres.internal.Transactions;
import io.tqc.relay.protection.ListKind;
import io.tqc.relay.protection.ListVersion;
import io.tqc.relay.protection.ProtectionListStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A {@link ProtectionListStore} on PostgreSQL shared by every node of a fleet (schema version 5):
 * the sender-number lists and the URL blocklist an operator imports on any node, so that every
 * node's {@code SenderNumberLists} and {@code UrlBlocklist} (polling {@link #current()}) enforce
 * the same versions. The history of versions ({@code tqc_list_versions}) is append-only, with the
 * importing node's id on each row; the entries of each kind's version in force are in
 * {@code tqc_list_entries}.
 *
 * <p>Imports are serialized fleet-wide by a transaction-scoped advisory lock, so sequence numbers
 * are in commit order; entries are inserted {@value #ROWS} to a statement, {@value #BATCH} to a round
 * trip, and read back streamed
 * (a cursor of {@value #BATCH} rows), in one snapshot with the check that the version is still in
 * force. Thread-safe; an {@link IOException} from {@link #put} means nothing was stored. The data
 * source is the operator's (the relay store's pool will do) and stays open.
 */
public final class PostgresProtectionListStore implements ProtectionListStore {
  private static final String DATABASE = "protection list database";
  static final int BATCH = 10_000;
  /** Rows per INSERT statement. */
  static final int ROWS = 500;
  private static final String COLUMNS = "seq, kind, version, published_at_ms, imported_at_ms, entries, refused, node_id";

  private final Transactions db;
  private final String nodeId;
  private volatile boolean closed;

  private PostgresProtectionListStore(Builder b) {
    this.db = new Transactions(b.dataSource, DATABASE);
    this.nodeId = b.nodeId;
  }

  /** Configures a store. */
  public static final class Builder {
    private DataSource dataSource;
    private String nodeId;

    /** The operator's data source (the relay store's pool will do). Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** This node's id (the relay's one node id), recorded with every version it imports. Required. */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /**
     * Validates the settings and migrates the schema.
     *
     * @throws IllegalArgumentException for a missing data source or an invalid node id
     * @throws IOException if the database cannot be reached or holds a newer schema
     */
    public PostgresProtectionListStore open() throws IOException {
      Transactions.open(dataSource, nodeId, DATABASE);
      return new PostgresProtectionListStore(this);
    }
  }

  private <T> T transaction(String what, int isolation, Transactions.Work<T> work) throws IOException {
    if (closed) {
      throw new IOException("protection list store is closed");
    }
    return db.transaction(what, isolation, work);
  }

  @Override
  public ListVersion put(final ListVersion draft, final Iterable<String> entries) throws IOException {
    final String kind = draft.kind().name();
    return transaction("store the " + draft.kind() + " list", Connection.TRANSACTION_READ_COMMITTED, c -> {
      Transactions.advisoryLock(c, Schema.PROTECTION_LIST_LOCK);
      long seq;
      try (PreparedStatement select = c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM tqc_list_versions");
          ResultSet rs = select.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
      insertEntries(c, kind, seq, entries);
      int count;
      try (PreparedStatement select = c.prepareStatement(
          "SELECT count(*) FROM tqc_list_entries WHERE kind = ? AND seq = ?")) {
        select.setString(1, kind);
        select.setLong(2, seq);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          count = rs.getInt(1);
        }
      }
      ListVersion stored = draft.toBuilder().seq(seq).entries(count).nodeId(nodeId).build();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_list_versions (" + COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, seq);
        insert.setString(2, kind);
        insert.setString(3, stored.version());
        insert.setLong(4, stored.publishedAt().toEpochMilli());
        insert.setLong(5, stored.importedAt().toEpochMilli());
        insert.setInt(6, count);
        insert.setInt(7, stored.refused());
        insert.setString(8, nodeId);
        insert.executeUpdate();
      }
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM tqc_list_entries WHERE kind = ? AND seq <> ?")) {
        delete.setString(1, kind);
        delete.setLong(2, seq);
        delete.executeUpdate();
      }
      return stored;
    });
  }

  /**
   * Inserts the entries {@value #ROWS} to a statement (multi-row VALUES), {@value #BATCH} rows to a
   * round trip; the last partial group one row a statement. Holds at most one group of entries.
   */
  private static void insertEntries(Connection c, String kind, long seq, Iterable<String> entries) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO tqc_list_entries (kind, seq, entry) VALUES ");
    for (int i = 0; i < ROWS; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
    }
    sql.append(" ON CONFLICT DO NOTHING");
    String[] group = new String[ROWS];
    int held = 0;
    try (PreparedStatement many = c.prepareStatement(sql.toString())) {
      int pending = 0;
      for (String entry : entries) {
        if (entry == null || entry.isEmpty() || entry.length() > MAX_ENTRY_LENGTH) {
          throw new IllegalArgumentException("a list entry must be 1-" + MAX_ENTRY_LENGTH + " characters");
        }
        group[held++] = entry;
        if (held == ROWS) {
          for (int i = 0; i < ROWS; i++) {
            many.setString(3 * i + 1, kind);
            many.setLong(3 * i + 2, seq);
            many.setString(3 * i + 3, group[i]);
          }
          many.addBatch();
          held = 0;
          if (++pending == BATCH / ROWS) {
            many.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        many.executeBatch();
      }
    }
    if (held > 0) {
      try (PreparedStatement one = c.prepareStatement("INSERT INTO tqc_list_entries (kind, seq, entry)"
          + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
        for (int i = 0; i < held; i++) {
          one.setString(1, kind);
          one.setLong(2, seq);
          one.setString(3, group[i]);
          one.addBatch();
        }
        one.executeBatch();
      }
    }
  }

  @Override
  public List<ListVersion> current() throws IOException {
    return transaction("read the lists in force", Connection.TRANSACTION_READ_COMMITTED, c -> {
      List<ListVersion> out = select(c, "SELECT DISTINCT ON (kind) " + COLUMNS
          + " FROM tqc_list_versions ORDER BY kind, seq DESC");
      Collections.sort(out, (a, b) -> a.kind().compareTo(b.kind()));
      return Collections.unmodifiableList(out);
    });
  }

  @Override
  public boolean entries(final ListVersion version, final Consumer<String> sink) throws IOException {
    // Repeatable read: the check that the version is in force and its entries come from one snapshot.
    return transaction("read the " + version.kind() + " list", Connection.TRANSACTION_REPEATABLE_READ, c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT max(seq) FROM tqc_list_versions WHERE kind = ?")) {
        select.setString(1, version.kind().name());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next() || rs.getLong(1) != version.seq()) {
            return false;
          }
        }
      }
      try (PreparedStatement select = c.prepareStatement(
          "SELECT entry FROM tqc_list_entries WHERE kind = ? AND seq = ?")) {
        select.setFetchSize(BATCH);
        select.setString(1, version.kind().name());
        select.setLong(2, version.seq());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getString(1));
          }
        }
      }
      return true;
    });
  }

  @Override
  public List<ListVersion> history() throws IOException {
    return transaction("read the list history", Connection.TRANSACTION_READ_COMMITTED, c ->
        Collections.unmodifiableList(select(c, "SELECT " + COLUMNS + " FROM tqc_list_versions ORDER BY seq")));
  }

  private static List<ListVersion> select(Connection c, String sql) throws SQLException {
    List<ListVersion> out = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        out.add(new ListVersion.Builder().seq(rs.getLong(1)).kind(ListKind.valueOf(rs.getString(2)))
            .version(rs.getString(3)).publishedAt(Instant.ofEpochMilli(rs.getLong(4)))
            .importedAt(Instant.ofEpochMilli(rs.getLong(5))).entries(rs.getInt(6)).refused(rs.getInt(7))
            .nodeId(rs.getString(8)).build());
      }
    }
    return out;
  }

  /** Refuses further use; the data source is the operator's and stays open. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "PostgresProtectionListStore{node=" + nodeId + "}";
  }
}
