package io.tqc.relay.protection;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ProtectionListStore} on SQLite (WAL, {@code synchronous=FULL}) in a node's data
 * directory: the entries of each list's version in force and the append-only history of versions
 * (triggers refuse UPDATE and DELETE on it). The file is {@value #FILE}, the sender-number lists'
 * file of earlier releases: opening such a file migrates it in place (its lists in force and their
 * history are kept, and the URL blocklist joins them), so a data directory keeps its lists across
 * the upgrade. Thread-safe (one connection, serialized).
 */
public final class SqliteProtectionListStore implements ProtectionListStore {
  /** The file name used inside a relay's data directory (the name predates the URL blocklist). */
  public static final String FILE = "sender-number-lists.db";
  /** The layout this class writes ({@code PRAGMA user_version}); 0 is the sender-number-only layout. */
  static final int LAYOUT = 1;
  private static final int BATCH = 10_000;

  private static final String[] SCHEMA = {
      "CREATE TABLE protection_list_versions (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, version TEXT NOT NULL,"
          + " published_at INTEGER NOT NULL, imported_at INTEGER NOT NULL, entries INTEGER NOT NULL,"
          + " refused INTEGER NOT NULL, node_id TEXT)",
      "CREATE TRIGGER protection_list_versions_no_update BEFORE UPDATE ON protection_list_versions"
          + " BEGIN SELECT RAISE(ABORT, 'protection list history is append-only'); END",
      "CREATE TRIGGER protection_list_versions_no_delete BEFORE DELETE ON protection_list_versions"
          + " BEGIN SELECT RAISE(ABORT, 'protection list history is append-only'); END",
      "CREATE TABLE protection_list_entries (kind TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL,"
          + " PRIMARY KEY (kind, seq, entry)) WITHOUT ROWID",
  };

  /** Moves the sender-number-only layout (release 0.x) into the tables above, keeping every row. */
  private static final String[] FROM_SENDER_LISTS = {
      "INSERT INTO protection_list_versions (seq, kind, version, published_at, imported_at, entries, refused, node_id)"
          + " SELECT seq, state, version, published_at, imported_at, imported, refused, NULL"
          + " FROM sender_list_imports ORDER BY seq",
      "INSERT INTO protection_list_entries (kind, seq, entry)"
          + " SELECT n.state, (SELECT max(i.seq) FROM sender_list_imports i WHERE i.state = n.state), n.digits"
          + " FROM sender_list_numbers n WHERE EXISTS (SELECT 1 FROM sender_list_imports i WHERE i.state = n.state)",
      "DROP TABLE sender_list_numbers",
      "DROP TABLE sender_list_imports",
  };

  private final Connection connection;

  private SqliteProtectionListStore(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating or migrating if needed) the store in {@code file}.
   *
   * @throws IOException if the file cannot be opened, or was written by a newer release
   */
  public static SqliteProtectionListStore open(Path file) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    } catch (SQLException e) {
      throw new IOException("cannot open the protection list file " + file.getFileName() + ": " + e.getMessage(), e);
    }
    try {
      connection.setAutoCommit(false);
      migrate(connection, file);
      return new SqliteProtectionListStore(connection);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new IOException("cannot open the protection list file " + file.getFileName() + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection, Exception e) {
    try {
      connection.close();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private static void migrate(Connection connection, Path file) throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      int layout;
      try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
        layout = rs.next() ? rs.getInt(1) : 0;
      }
      if (layout == LAYOUT) {
        connection.rollback();
        return;
      }
      if (layout > LAYOUT) {
        connection.rollback();
        throw new IOException("the protection list file " + file.getFileName() + " has layout " + layout
            + ", newer than this library (" + LAYOUT + "); upgrade the relay before starting it");
      }
      boolean legacy;
      try (ResultSet rs = statement.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sender_list_imports'")) {
        legacy = rs.next() && rs.getInt(1) == 1;
      }
      for (String sql : SCHEMA) {
        statement.execute(sql);
      }
      if (legacy) {
        for (String sql : FROM_SENDER_LISTS) {
          statement.execute(sql);
        }
      }
      statement.execute("PRAGMA user_version = " + LAYOUT);
      connection.commit();
    } catch (SQLException | IOException e) {
      connection.rollback();
      throw e;
    }
  }

  @Override
  public synchronized ListVersion put(ListVersion draft, Iterable<String> entries) throws IOException {
    try {
      long seq;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM protection_list_versions")) {
        rs.next();
        seq = rs.getLong(1);
      }
      String kind = draft.kind().name();
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT OR IGNORE INTO protection_list_entries (kind, seq, entry) VALUES (?, ?, ?)")) {
        int pending = 0;
        for (String entry : entries) {
          insert.setString(1, kind);
          insert.setLong(2, seq);
          insert.setString(3, InMemoryProtectionListStore.checkEntry(entry));
          insert.addBatch();
          if (++pending == BATCH) {
            insert.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      }
      int count;
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT count(*) FROM protection_list_entries WHERE kind = ? AND seq = ?")) {
        select.setString(1, kind);
        select.setLong(2, seq);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          count = rs.getInt(1);
        }
      }
      ListVersion stored = draft.toBuilder().seq(seq).entries(count).nodeId(null).build();
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO protection_list_versions"
          + " (seq, kind, version, published_at, imported_at, entries, refused, node_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
        insert.setLong(1, seq);
        insert.setString(2, kind);
        insert.setString(3, stored.version());
        insert.setLong(4, stored.publishedAt().toEpochMilli());
        insert.setLong(5, stored.importedAt().toEpochMilli());
        insert.setInt(6, count);
        insert.setInt(7, stored.refused());
        insert.executeUpdate();
      }
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM protection_list_entries WHERE kind = ? AND seq <> ?")) {
        delete.setString(1, kind);
        delete.setLong(2, seq);
        delete.executeUpdate();
      }
      connection.commit();
      return stored;
    } catch (SQLException e) {
      throw failure("store the " + draft.kind() + " list", e);
    } catch (RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  @Override
  public synchronized List<ListVersion> current() throws IOException {
    try {
      List<ListVersion> out = select("SELECT seq, kind, version, published_at, imported_at, entries, refused, node_id"
          + " FROM protection_list_versions v WHERE seq = (SELECT max(seq) FROM protection_list_versions w"
          + " WHERE w.kind = v.kind)");
      Collections.sort(out, (a, b) -> a.kind().compareTo(b.kind()));
      return Collections.unmodifiableList(out);
    } catch (SQLException e) {
      throw failure("read the lists in force", e);
    }
  }

  @Override
  public synchronized boolean entries(ListVersion version, Consumer<String> sink) throws IOException {
    try {
      // One read transaction: the check and the entries see the same state.
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT max(seq) FROM protection_list_versions WHERE kind = ?")) {
        select.setString(1, version.kind().name());
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next() || rs.getLong(1) != version.seq()) {
            connection.rollback();
            return false;
          }
        }
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT entry FROM protection_list_entries WHERE kind = ? AND seq = ?")) {
        select.setString(1, version.kind().name());
        select.setLong(2, version.seq());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getString(1));
          }
        }
      }
      connection.rollback();
      return true;
    } catch (SQLException e) {
      throw failure("read the " + version.kind() + " list", e);
    } catch (RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  @Override
  public synchronized List<ListVersion> history() throws IOException {
    try {
      return Collections.unmodifiableList(select("SELECT seq, kind, version, published_at, imported_at, entries,"
          + " refused, node_id FROM protection_list_versions ORDER BY seq"));
    } catch (SQLException e) {
      throw failure("read the list history", e);
    }
  }

  private List<ListVersion> select(String sql) throws SQLException {
    List<ListVersion> out = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new ListVersion.Builder().seq(rs.getLong(1)).kind(ListKind.valueOf(rs.getString(2)))
            .version(rs.getString(3)).publishedAt(Instant.ofEpochMilli(rs.getLong(4)))
            .importedAt(Instant.ofEpochMilli(rs.getLong(5))).entries(rs.getInt(6)).refused(rs.getInt(7))
            .nodeId(rs.getString(8)).build());
      }
    }
    connection.rollback();
    return out;
  }

  private void rollbackQuietly(Exception e) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
  }

  private IOException failure(String what, SQLException e) {
    rollbackQuietly(e);
    return new IOException("cannot " + what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the protection list file", e);
    }
  }

  @Override
  public String toString() {
    return "SqliteProtectionListStore";
  }
}
