package io.tqc.relay.store;

import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The default {@link RelayStore}: one embedded SQLite database file in WAL mode with
 * {@code synchronous=FULL}, so every committed transaction is on disk before a write method returns
 * (a relay killed with SIGKILL, or a machine losing power, restarts with every acknowledged change).
 * History and audit tables are append-only, enforced by triggers. One connection serves all calls.
 *
 * <p>Back up a live database with SQLite's online backup ({@code sqlite3 relay.db ".backup copy.db"})
 * or by copying the data directory while the relay is stopped; see the relay guide.
 */
public final class SqliteRelayStore implements RelayStore {
  static final int SCHEMA_VERSION = 2;
  /** The lock file in the data directory that keeps a second process off the same database. */
  public static final String LOCK_FILE = "relay.lock";
  private static final int SQLITE_CONSTRAINT = 19;
  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS resellers ("
        + " reseller_id TEXT PRIMARY KEY,"
        + " name TEXT NOT NULL,"
        + " keys_json TEXT NOT NULL,"
        + " sender_numbers_json TEXT NOT NULL,"
        + " scope_json TEXT NOT NULL,"
        + " origin_code TEXT NOT NULL,"
        + " cert_id TEXT NOT NULL UNIQUE,"
        + " cert_expires_at INTEGER NOT NULL,"
        + " status_list_index INTEGER NOT NULL UNIQUE,"
        + " status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),"
        + " status_reason TEXT,"
        + " seq INTEGER NOT NULL,"
        + " registered_at_ms INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS history ("
        + " reseller_id TEXT NOT NULL REFERENCES resellers (reseller_id),"
        + " seq INTEGER NOT NULL,"
        + " kind TEXT NOT NULL,"
        + " status TEXT NOT NULL,"
        + " reason TEXT,"
        + " actor TEXT NOT NULL,"
        + " at_ms INTEGER NOT NULL,"
        + " PRIMARY KEY (reseller_id, seq))",
    "CREATE TABLE IF NOT EXISTS accepted_batches ("
        + " batch_id TEXT PRIMARY KEY,"
        + " reseller_id TEXT NOT NULL,"
        + " cert_id TEXT NOT NULL,"
        + " origin_code TEXT NOT NULL,"
        + " token_jti TEXT NOT NULL,"
        + " proof TEXT NOT NULL,"
        + " body_digest TEXT NOT NULL,"
        + " message_count INTEGER NOT NULL,"
        + " accepted_at_ms INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS accepted_batches_time ON accepted_batches (accepted_at_ms)",
    "CREATE INDEX IF NOT EXISTS accepted_batches_reseller ON accepted_batches (reseller_id, accepted_at_ms)",
    // Version 2: client-assertion ids, remembered until their expiry (token endpoint replay).
    "CREATE TABLE IF NOT EXISTS used_assertions ("
        + " assertion_id TEXT PRIMARY KEY,"
        + " expires_at_ms INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS used_assertions_expiry ON used_assertions (expires_at_ms)",
    "CREATE TRIGGER IF NOT EXISTS history_no_update BEFORE UPDATE ON history"
        + " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS history_no_delete BEFORE DELETE ON history"
        + " BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS accepted_batches_no_update BEFORE UPDATE ON accepted_batches"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS accepted_batches_no_delete BEFORE DELETE ON accepted_batches"
        + " BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
  };
  private static final String RESELLER_COLUMNS = JdbcRows.RESELLER_COLUMNS;
  private static final String AUDIT_COLUMNS = JdbcRows.AUDIT_COLUMNS;

  private final Path file;
  private final Connection connection;
  private final DirectoryLock lock;
  private final SqliteEnforcementStore enforcement;
  private boolean closed;

  private SqliteRelayStore(Path file, Connection connection, DirectoryLock lock) {
    this.file = file;
    this.connection = connection;
    this.lock = lock;
    this.enforcement = new SqliteEnforcementStore(this, connection);
  }

  /** The enforcement tables in the same database, on this store's connection and lock. */
  @Override
  public EnforcementStore enforcement() {
    return enforcement;
  }

  /** Throws if the store is closed (for the enforcement view, which holds this store's lock). */
  void checkOpen() throws IOException {
    ensureOpen();
  }

  /**
   * Opens (creating if needed) the database {@code file}; its directory is created too and locked
   * ({@value #LOCK_FILE}) for as long as the store is open.
   *
   * @throws DirectoryLockedException if another relay (process or store in this JVM) holds the
   *     directory; its message names the holder
   */
  public static SqliteRelayStore open(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    DirectoryLock lock = DirectoryLock.acquire(absolute.getParent().resolve(LOCK_FILE));
    try {
      return open(absolute, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static SqliteRelayStore open(Path absolute, DirectoryLock lock) throws IOException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    try {
      Connection connection = config.createConnection("jdbc:sqlite:" + absolute);
      try {
        migrate(connection);
      } catch (SQLException | IOException e) {
        connection.close();
        throw e;
      }
      return new SqliteRelayStore(absolute, connection, lock);
    } catch (SQLException e) {
      throw new IOException("cannot open relay database " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(Connection connection) throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      int version;
      try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new IOException("relay database schema " + version + " is newer than this library (" + SCHEMA_VERSION
            + ")");
      }
      try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
        if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
          throw new IOException("relay database is not in WAL mode");
        }
      }
      connection.setAutoCommit(false);
      for (String ddl : SCHEMA) {
        statement.execute(ddl);
      }
      SqliteEnforcementStore.migrate(statement);
      statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /** The value of {@code PRAGMA name} on the store's connection (tests and diagnostics). */
  synchronized String pragma(String name) throws IOException {
    ensureOpen();
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a pragma name");
    }
    try (Statement statement = connection.createStatement()) {
      String value;
      try (ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
        value = rs.next() ? rs.getString(1) : null;
      }
      connection.commit();
      return value;
    } catch (SQLException e) {
      throw rollback("read pragma " + name, e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized List<Reseller> loadResellers() throws IOException {
    ensureOpen();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + RESELLER_COLUMNS + " FROM resellers ORDER BY status_list_index")) {
      List<Reseller> resellers = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          resellers.add(JdbcRows.reseller(rs));
        }
      }
      connection.commit();
      return resellers;
    } catch (SQLException e) {
      throw rollback("load resellers", e);
    }
  }

  @Override
  public synchronized Reseller findReseller(ResellerId id) throws IOException {
    ensureOpen();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + RESELLER_COLUMNS + " FROM resellers WHERE reseller_id = ?")) {
      select.setString(1, id.value());
      Reseller reseller = null;
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          reseller = JdbcRows.reseller(rs);
        }
      }
      connection.commit();
      return reseller;
    } catch (SQLException e) {
      throw rollback("read reseller " + id, e);
    }
  }

  @Override
  public synchronized void insertReseller(Reseller reseller, HistoryEntry registered) throws IOException {
    ensureOpen();
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO resellers (" + RESELLER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      JdbcRows.bindReseller(insert, 1, reseller);
      insert.executeUpdate();
      insertHistory(registered);
      connection.commit();
    } catch (SQLException e) {
      IOException failure = rollback("insert reseller " + reseller.id(), e);
      if (e.getErrorCode() == SQLITE_CONSTRAINT) {
        throw new StoreConflictException("reseller id, certification id or status-list index of "
            + reseller.id() + " is taken");
      }
      throw failure;
    }
  }

  @Override
  public synchronized void updateReseller(Reseller updated, HistoryEntry change) throws IOException {
    ensureOpen();
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE resellers SET name = ?, keys_json = ?, sender_numbers_json = ?, scope_json = ?, origin_code = ?,"
            + " cert_id = ?, cert_expires_at = ?, status_list_index = ?, status = ?, status_reason = ?, seq = ?,"
            + " registered_at_ms = ? WHERE reseller_id = ? AND seq = ?")) {
      JdbcRows.bindResellerFields(update, 1, updated);
      update.setString(13, updated.id().value());
      update.setLong(14, updated.sequence() - 1);
      if (update.executeUpdate() != 1) {
        rollback("update reseller " + updated.id(), new SQLException("no row at the expected sequence"));
        throw new StoreConflictException("reseller " + updated.id() + " is unknown or not at sequence "
            + (updated.sequence() - 1));
      }
      insertHistory(change);
      connection.commit();
    } catch (SQLException e) {
      throw rollback("update reseller " + updated.id(), e);
    }
  }

  private void insertHistory(HistoryEntry change) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO history (reseller_id, seq, kind, status, reason, actor, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, change.resellerId().value());
      insert.setLong(2, change.sequence());
      insert.setString(3, change.kind().name());
      insert.setString(4, change.status().name());
      insert.setString(5, change.reason());
      insert.setString(6, change.actor());
      insert.setLong(7, change.at().toEpochMilli());
      insert.executeUpdate();
    }
  }

  @Override
  public synchronized List<HistoryEntry> history(ResellerId id) throws IOException {
    ensureOpen();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT seq, kind, status, reason, actor, at_ms FROM history WHERE reseller_id = ? ORDER BY seq")) {
      select.setString(1, id.value());
      List<HistoryEntry> changes = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          changes.add(new HistoryEntry(id, rs.getLong(1), HistoryEntry.Kind.valueOf(rs.getString(2)),
              status(rs.getString(3)), rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      connection.commit();
      return changes;
    } catch (SQLException e) {
      throw rollback("read history of " + id, e);
    } catch (IllegalArgumentException e) {
      throw failure("read history of " + id, e);
    }
  }

  @Override
  public synchronized List<AuditOutcome> recordAccepted(List<AuditRecord> records) throws IOException {
    ensureOpen();
    List<AuditOutcome> outcomes = new ArrayList<>(records.size());
    if (records.isEmpty()) {
      return outcomes;
    }
    // The fence: a row is inserted only while the reseller's stored certification is ACTIVE, read in
    // the same statement (SQLite serializes writers, so a status change is wholly before or after).
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO accepted_batches (" + AUDIT_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE EXISTS (SELECT 1 FROM resellers WHERE reseller_id = ? AND cert_id = ? AND status = 'ACTIVE')"
            + " ON CONFLICT (batch_id) DO NOTHING");
        PreparedStatement exists = connection.prepareStatement(
            "SELECT 1 FROM accepted_batches WHERE batch_id = ?")) {
      for (AuditRecord record : records) {
        insert.setString(1, record.batchId());
        insert.setString(2, record.resellerId().value());
        insert.setString(3, record.certificationId());
        insert.setString(4, record.originCode());
        insert.setString(5, record.tokenId());
        insert.setString(6, record.proof());
        insert.setString(7, record.bodyDigest());
        insert.setInt(8, record.messageCount());
        insert.setLong(9, record.acceptedAt().toEpochMilli());
        insert.setString(10, record.resellerId().value());
        insert.setString(11, record.certificationId());
        java.sql.Savepoint savepoint = SqliteEnforcementStore.hasAttachments(record) ? connection.setSavepoint() : null;
        boolean inserted = insert.executeUpdate() == 1;
        if (savepoint != null) {
          // Traceback rows and quota charges in the same transaction; a charge over its limit undoes the record.
          boolean attached = inserted && SqliteEnforcementStore.attach(connection, record);
          if (inserted && !attached) {
            connection.rollback(savepoint);
          }
          connection.releaseSavepoint(savepoint);
          if (inserted && !attached) {
            outcomes.add(AuditOutcome.QUOTA_EXCEEDED);
            continue;
          }
        }
        if (inserted) {
          outcomes.add(AuditOutcome.RECORDED);
          continue;
        }
        exists.setString(1, record.batchId());
        try (ResultSet rs = exists.executeQuery()) {
          outcomes.add(rs.next() ? AuditOutcome.DUPLICATE : AuditOutcome.NOT_ACTIVE);
        }
      }
      connection.commit();
      return outcomes;
    } catch (SQLException e) {
      throw rollback("record " + records.size() + " accepted batches", e);
    }
  }

  @Override
  public synchronized AuditRecord findAccepted(String batchId) throws IOException {
    ensureOpen();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + AUDIT_COLUMNS + " FROM accepted_batches WHERE batch_id = ?")) {
      select.setString(1, batchId);
      AuditRecord record = null;
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          record = JdbcRows.auditRecord(rs);
        }
      }
      connection.commit();
      return record;
    } catch (SQLException e) {
      throw rollback("find batch", e);
    }
  }

  private static List<AuditRecord> auditRecords(PreparedStatement select) throws SQLException, IOException {
    List<AuditRecord> records = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        records.add(JdbcRows.auditRecord(rs));
      }
    }
    return records;
  }

  @Override
  public synchronized List<AuditRecord> acceptedSince(Instant since, int limit) throws IOException {
    ensureOpen();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + AUDIT_COLUMNS
        + " FROM accepted_batches WHERE accepted_at_ms >= ? ORDER BY accepted_at_ms, rowid LIMIT ?")) {
      select.setLong(1, since.toEpochMilli());
      select.setInt(2, limit);
      List<AuditRecord> records = auditRecords(select);
      connection.commit();
      return records;
    } catch (SQLException e) {
      throw rollback("read accepted batches", e);
    }
  }

  @Override
  public synchronized List<AuditRecord> acceptedBy(ResellerId resellerId, Instant before, int limit)
      throws IOException {
    ensureOpen();
    // Answered from the (reseller_id, accepted_at_ms) index, newest first: a bounded range scan.
    try (PreparedStatement select = connection.prepareStatement("SELECT " + AUDIT_COLUMNS
        + " FROM accepted_batches WHERE reseller_id = ? AND accepted_at_ms < ?"
        + " ORDER BY accepted_at_ms DESC, rowid DESC LIMIT ?")) {
      select.setString(1, resellerId.value());
      select.setLong(2, before.toEpochMilli());
      select.setInt(3, limit);
      List<AuditRecord> records = auditRecords(select);
      connection.commit();
      return records;
    } catch (SQLException e) {
      throw rollback("read a reseller's batches", e);
    }
  }

  @Override
  public synchronized boolean rememberAssertion(String assertionId, Instant expiresAt, Instant now)
      throws IOException {
    ensureOpen();
    try (PreparedStatement prune = connection.prepareStatement(
        "DELETE FROM used_assertions WHERE expires_at_ms <= ?");
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO used_assertions (assertion_id, expires_at_ms) VALUES (?, ?)"
                + " ON CONFLICT (assertion_id) DO NOTHING")) {
      prune.setLong(1, now.toEpochMilli());
      prune.executeUpdate();
      insert.setString(1, assertionId);
      insert.setLong(2, expiresAt.toEpochMilli());
      boolean first = insert.executeUpdate() == 1;
      connection.commit();
      return first;
    } catch (SQLException e) {
      throw rollback("remember an assertion id", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException("closing relay database failed: " + e.getMessage(), e);
    } finally {
      lock.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("relay store is closed");
    }
  }

  private static CertificationStatus status(String name) {
    CertificationStatus status = CertificationStatus.fromWire(name);
    if (status == null) {
      throw new IllegalArgumentException("unknown status " + name);
    }
    return status;
  }

  private IOException rollback(String what, SQLException e) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      e.addSuppressed(suppressed);
    }
    return failure(what, e);
  }

  private IOException failure(String what, Exception e) {
    return new IOException("relay database: " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "SqliteRelayStore{" + file + "}";
  }
}
