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
 * Console sessions shared by a relay fleet in its PostgreSQL database (table {@code
 * tqc_console_sessions}, created on {@link #open} if missing): every node finds a session another
 * node created, and a logout on one node deletes it for all. Only the SHA-256 of the session id is
 * stored. The idle clock is written at most once per {@code touchInterval} per session, so reads do
 * not turn into a write each.
 */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {
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
