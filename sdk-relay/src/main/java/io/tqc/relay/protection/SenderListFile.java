package io.tqc.relay.protection;

import java.io.Closeable;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file behind a durable {@link SenderNumberLists}: the numbers of each list in force and
 * the append-only history of imports (triggers refuse UPDATE and DELETE on it).
 */
final class SenderListFile implements Closeable {
  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS sender_list_numbers (state TEXT NOT NULL, digits TEXT NOT NULL,"
          + " PRIMARY KEY (state, digits))",
      "CREATE TABLE IF NOT EXISTS sender_list_imports (seq INTEGER PRIMARY KEY AUTOINCREMENT, state TEXT NOT NULL,"
          + " version TEXT NOT NULL, published_at INTEGER NOT NULL, imported_at INTEGER NOT NULL,"
          + " imported INTEGER NOT NULL, refused INTEGER NOT NULL)",
      "CREATE TRIGGER IF NOT EXISTS sender_list_imports_no_update BEFORE UPDATE ON sender_list_imports"
          + " BEGIN SELECT RAISE(ABORT, 'sender-number list history is append-only'); END",
      "CREATE TRIGGER IF NOT EXISTS sender_list_imports_no_delete BEFORE DELETE ON sender_list_imports"
          + " BEGIN SELECT RAISE(ABORT, 'sender-number list history is append-only'); END",
  };

  private final Connection connection;

  private SenderListFile(Connection connection) {
    this.connection = connection;
  }

  static SenderListFile open(Path file) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      try (Statement statement = connection.createStatement()) {
        for (String sql : SCHEMA) {
          statement.execute(sql);
        }
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      connection.setAutoCommit(false);
      return new SenderListFile(connection);
    } catch (SQLException e) {
      throw new IOException("cannot open the sender-number list file " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** The imports recorded so far, oldest first. */
  synchronized List<SenderNumberLists.ListImport> history() throws IOException {
    List<SenderNumberLists.ListImport> out = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT state, version, published_at, imported_at, imported, refused"
            + " FROM sender_list_imports ORDER BY seq")) {
      while (rs.next()) {
        out.add(new SenderNumberLists.ListImport(SenderNumberStatus.State.valueOf(rs.getString(1)), rs.getString(2),
            Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5), rs.getInt(6),
            new ArrayList<String>()));
      }
      connection.rollback();
      return out;
    } catch (SQLException e) {
      throw failure("read the list history", e);
    }
  }

  /** The numbers of list {@code state} in force. */
  synchronized Set<String> numbers(SenderNumberStatus.State state) throws IOException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT digits FROM sender_list_numbers WHERE state = ?")) {
      select.setString(1, state.name());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      connection.rollback();
      return out;
    } catch (SQLException e) {
      throw failure("read the " + state + " list", e);
    }
  }

  /** Replaces list {@code done.state()} with {@code numbers} and appends {@code done} to the history, atomically. */
  synchronized void replace(SenderNumberLists.ListImport done, Collection<String> numbers) throws IOException {
    try {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sender_list_numbers WHERE state = ?")) {
        delete.setString(1, done.state().name());
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO sender_list_numbers (state, digits) VALUES (?, ?)")) {
        int pending = 0;
        for (String digits : numbers) {
          insert.setString(1, done.state().name());
          insert.setString(2, digits);
          insert.addBatch();
          if (++pending == 10_000) {
            insert.executeBatch();
            pending = 0;
          }
        }
        insert.executeBatch();
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sender_list_imports"
          + " (state, version, published_at, imported_at, imported, refused) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, done.state().name());
        insert.setString(2, done.version());
        insert.setLong(3, done.publishedAt().toEpochMilli());
        insert.setLong(4, done.importedAt().toEpochMilli());
        insert.setInt(5, done.imported());
        insert.setInt(6, done.errorCount());
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      throw failure("record the " + done.state() + " list", e);
    }
  }

  private IOException failure(String what, SQLException e) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is unusable; the original failure is what matters
    }
    return new IOException("cannot " + what + ": " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the sender-number list file", e);
    }
  }
}
