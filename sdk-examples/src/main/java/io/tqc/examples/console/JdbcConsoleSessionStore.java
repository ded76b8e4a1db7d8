package io.tqc.examples.console;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Console sessions and failed-login counts shared by a relay fleet in its PostgreSQL database
 * (tables {@code tqc_console_sessions} and {@code tqc_console_login_failures}, created on {@link
 * #open} if missing): every node finds a session another node created, a logout on one node deletes
 * it for all, and the login limits count the failures on every node. Only the SHA-256 of a session
 * id (and of a login key) is stored. The console writes a session's idle clock at most every 30 s,
 * so reads do not turn into a write each.
 */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore, LoginFailureStore {
  /** Advisory lock key serializing the table's creation when nodes start together. */
  private static final long CREATE_LOCK = 0x7471630010L;
  private final DataSource dataSource;

  private JdbcConsoleSessionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Opens the store on {@code dataSource} (PostgreSQL), creating its table if missing. */
  public static JdbcConsoleSessionStore open(DataSource dataSource) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
        s.execute("CREATE TABLE IF NOT EXISTS tqc_console_sessions ("
            + " id_digest text PRIMARY KEY, operator text NOT NULL, role text NOT NULL, csrf text NOT NULL,"
            + " created_at_ms bigint NOT NULL, last_used_ms bigint NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tqc_console_login_failures ("
            + " login_key text PRIMARY KEY, failures integer NOT NULL, window_end_ms bigint NOT NULL)");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException("cannot create the console session table: " + e.getMessage(), e);
    }
    return new JdbcConsoleSessionStore(dataSource);
  }

  @Override
  public void create(String key, StoredSession session) throws IOException {
    update("store a console session", "INSERT INTO tqc_console_sessions"
        + " (id_digest, operator, role, csrf, created_at_ms, last_used_ms) VALUES (?, ?, ?, ?, ?, ?)",
        key, session.operator(), session.role().name(), session.csrf(), session.createdAt().toEpochMilli(),
        session.lastUsed().toEpochMilli());
  }

  @Override
  public StoredSession find(String key) throws IOException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT operator, role, csrf, created_at_ms, last_used_ms"
            + " FROM tqc_console_sessions WHERE id_digest = ?")) {
      s.setString(1, key);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new StoredSession(rs.getString(1), Role.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
            rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)));
      }
    } catch (SQLException | IllegalArgumentException e) {
      throw new IOException("cannot read a console session: " + e.getMessage(), e);
    }
  }

  @Override
  public void touch(String key, Instant at) throws IOException {
    update("record a console session's use", "UPDATE tqc_console_sessions SET last_used_ms = ?"
        + " WHERE id_digest = ? AND last_used_ms < ?", at.toEpochMilli(), key, at.toEpochMilli());
  }

  @Override
  public void delete(String key) throws IOException {
    update("end a console session", "DELETE FROM tqc_console_sessions WHERE id_digest = ?", key);
  }

  @Override
  public void purge(Instant createdBefore, Instant usedBefore) throws IOException {
    update("purge console sessions", "DELETE FROM tqc_console_sessions WHERE created_at_ms < ? OR last_used_ms < ?",
        createdBefore.toEpochMilli(), usedBefore.toEpochMilli());
    // Windows that ended (at least an idle timeout ago) count nothing any more.
    update("purge login failures", "DELETE FROM tqc_console_login_failures WHERE window_end_ms <= ?",
        usedBefore.toEpochMilli());
  }

  @Override
  public int count() throws IOException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM tqc_console_sessions");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IOException("cannot count console sessions: " + e.getMessage(), e);
    }
  }

  @Override
  public Failures find(String key, Instant now) throws IOException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT failures, window_end_ms FROM tqc_console_login_failures"
            + " WHERE login_key = ? AND window_end_ms > ?")) {
      s.setString(1, key);
      s.setLong(2, now.toEpochMilli());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new Failures(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2))) : null;
      }
    } catch (SQLException e) {
      throw new IOException("cannot read login failures: " + e.getMessage(), e);
    }
  }

  @Override
  public Failures increment(String key, Instant now, java.time.Duration window) throws IOException {
    long nowMs = now.toEpochMilli();
    long endMs = now.plus(window).toEpochMilli();
    // One statement: a new window if none runs, else one more failure in it (atomic across nodes).
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO tqc_console_login_failures AS f"
            + " (login_key, failures, window_end_ms) VALUES (?, 1, ?) ON CONFLICT (login_key) DO UPDATE SET"
            + " failures = CASE WHEN f.window_end_ms > ? THEN f.failures + 1 ELSE 1 END,"
            + " window_end_ms = CASE WHEN f.window_end_ms > ? THEN f.window_end_ms ELSE EXCLUDED.window_end_ms END"
            + " RETURNING failures, window_end_ms")) {
      s.setString(1, key);
      s.setLong(2, endMs);
      s.setLong(3, nowMs);
      s.setLong(4, nowMs);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Failures(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)));
      }
    } catch (SQLException e) {
      throw new IOException("cannot count a login failure: " + e.getMessage(), e);
    }
  }

  @Override
  public void clear(String key) throws IOException {
    update("clear login failures", "DELETE FROM tqc_console_login_failures WHERE login_key = ?", key);
  }

  private void update(String what, String sql, Object... args) throws IOException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
