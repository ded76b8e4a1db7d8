package io.tqc.relay.protection;

import io.tqc.relay.internal.LongSet;
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
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * A {@link SuppressionStore} on SQLite (WAL, {@code synchronous=FULL}), in its own database file so
 * it is independent of the registry store. The suppressed digests are loaded into a compact
 * in-memory index on open; {@link #contains} reads only that index. Every change is appended to a
 * history table that triggers keep append-only; 080 event ids are kept for idempotency.
 */
public final class SqliteSuppressionStore implements SuppressionStore {
  /** The file name used inside a relay's data directory. */
  public static final String FILE = "suppression.db";

  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS suppression (advertiser TEXT NOT NULL, digest BLOB NOT NULL,"
          + " index_key INTEGER NOT NULL, source TEXT NOT NULL, opted_out_at INTEGER NOT NULL, opt_out_number TEXT,"
          + " event_id TEXT,"
          + " PRIMARY KEY (advertiser, digest))",
      "CREATE TABLE IF NOT EXISTS suppression_history (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
          + " action TEXT NOT NULL, advertiser TEXT NOT NULL, digest BLOB NOT NULL, source TEXT NOT NULL,"
          + " at INTEGER NOT NULL, event_id TEXT)",
      "CREATE TRIGGER IF NOT EXISTS suppression_history_no_update BEFORE UPDATE ON suppression_history"
          + " BEGIN SELECT RAISE(ABORT, 'suppression history is append-only'); END",
      "CREATE TRIGGER IF NOT EXISTS suppression_history_no_delete BEFORE DELETE ON suppression_history"
          + " BEGIN SELECT RAISE(ABORT, 'suppression history is append-only'); END",
      "CREATE TABLE IF NOT EXISTS optout_events (event_id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL)",
  };

  private final Connection connection;
  private final LongSet index = new LongSet();

  private SqliteSuppressionStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) the store in {@code file} and loads its index. */
  public static SqliteSuppressionStore open(Path file) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      SqliteSuppressionStore store = new SqliteSuppressionStore(connection);
      try (Statement statement = connection.createStatement()) {
        for (String sql : SCHEMA) {
          statement.execute(sql);
        }
        try (ResultSet rs = statement.executeQuery("SELECT index_key FROM suppression")) {
          while (rs.next()) {
            store.index.add(rs.getLong(1));
          }
        }
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      connection.setAutoCommit(false);
      return store;
    } catch (SQLException e) {
      throw new IOException("cannot open the suppression store " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean add(SuppressionEntry entry) throws IOException {
    try {
      try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO suppression"
          + " (advertiser, digest, index_key, source, opted_out_at, opt_out_number, event_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, entry.advertiser());
        insert.setBytes(2, entry.digest());
        insert.setLong(3, entry.indexKey());
        insert.setString(4, entry.source().code());
        insert.setLong(5, entry.optedOutAt().toEpochMilli());
        insert.setString(6, entry.optOutNumber());
        insert.setString(7, entry.eventId());
        if (insert.executeUpdate() == 0) {
          connection.rollback();
          return false;
        }
      }
      appendHistory(SuppressionChange.Action.ADDED, entry.advertiser(), entry.digest(), entry.source(),
          entry.optedOutAt(), entry.eventId());
      connection.commit();
      index.add(entry.indexKey());
      return true;
    } catch (SQLException e) {
      throw rollback("record the opt-out", e);
    }
  }

  @Override
  public synchronized boolean remove(String advertiser, byte[] digest, long indexKey, Instant at) throws IOException {
    try {
      String source;
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT source FROM suppression WHERE advertiser = ? AND digest = ?")) {
        select.setString(1, advertiser);
        select.setBytes(2, digest);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            connection.rollback();
            return false;
          }
          source = rs.getString(1);
        }
      }
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM suppression WHERE advertiser = ? AND digest = ?")) {
        delete.setString(1, advertiser);
        delete.setBytes(2, digest);
        delete.executeUpdate();
      }
      OptOutSource parsed = OptOutSource.fromCode(source);
      appendHistory(SuppressionChange.Action.REMOVED, advertiser, digest, parsed != null ? parsed : OptOutSource.MANUAL,
          at, null);
      connection.commit();
      index.remove(indexKey);
      return true;
    } catch (SQLException e) {
      throw rollback("withdraw the opt-out", e);
    }
  }

  private void appendHistory(SuppressionChange.Action action, String advertiser, byte[] digest, OptOutSource source,
      Instant at, String eventId) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO suppression_history"
        + " (action, advertiser, digest, source, at, event_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, action.name());
      insert.setString(2, advertiser);
      insert.setBytes(3, digest);
      insert.setString(4, source.code());
      insert.setLong(5, at.toEpochMilli());
      insert.setString(6, eventId);
      insert.executeUpdate();
    }
  }

  @Override
  public boolean contains(long indexKey) {
    return index.contains(indexKey);
  }

  @Override
  public synchronized String recordEvent(String eventId, String fingerprint) throws IOException {
    try {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT fingerprint FROM optout_events WHERE event_id = ?")) {
        select.setString(1, eventId);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            String earlier = rs.getString(1);
            connection.rollback();
            return earlier;
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO optout_events (event_id, fingerprint) VALUES (?, ?)")) {
        insert.setString(1, eventId);
        insert.setString(2, fingerprint);
        insert.executeUpdate();
      }
      connection.commit();
      return null;
    } catch (SQLException e) {
      throw rollback("record the opt-out event", e);
    }
  }

  @Override
  public long size() {
    return index.size();
  }

  @Override
  public synchronized List<SuppressionChange> history(long afterSeq, int limit) throws IOException {
    List<SuppressionChange> out = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT seq, action, advertiser, source, at, event_id"
        + " FROM suppression_history WHERE seq > ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, afterSeq);
      select.setInt(2, Math.max(0, limit));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          OptOutSource source = OptOutSource.fromCode(rs.getString(4));
          out.add(new SuppressionChange(rs.getLong(1), SuppressionChange.Action.valueOf(rs.getString(2)),
              rs.getString(3), source != null ? source : OptOutSource.MANUAL, Instant.ofEpochMilli(rs.getLong(5)),
              rs.getString(6)));
        }
      }
      connection.rollback();
      return out;
    } catch (SQLException e) {
      throw rollback("read the suppression history", e);
    }
  }

  private IOException rollback(String what, SQLException e) {
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
      throw new IOException("cannot close the suppression store", e);
    }
  }
}
