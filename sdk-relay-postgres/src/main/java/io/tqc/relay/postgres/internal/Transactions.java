package io.tqc.relay.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What every PostgreSQL store of this module does with the operator's {@link DataSource}, once: the
 * settings check and schema migration of its {@code Builder.open()}, one transaction per call
 * (committed, or rolled back on any failure), transaction-scoped advisory locks, and the
 * {@link IOException} a database failure becomes, named after the store's database. Immutable.
 */
public final class Transactions {
  /** Leave the connection's isolation level as it is. */
  public static final int DEFAULT_ISOLATION = -1;
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The work of one transaction on {@code connection}. */
  public interface Work<T> {
    /** Runs inside the transaction; what it throws rolls the transaction back. */
    T run(Connection connection) throws SQLException, IOException;
  }

  private final DataSource dataSource;
  private final String database;

  /** Transactions on {@code dataSource}; failures read {@code "<database>: <what> failed: …"}. */
  public Transactions(DataSource dataSource, String database) {
    this.dataSource = dataSource;
    this.database = database;
  }

  /**
   * Checks a store's required settings and migrates the schema (what each store's
   * {@code Builder.open()} does before it builds the store).
   *
   * @throws IllegalArgumentException for a missing data source or an invalid node id
   * @throws IOException if the database cannot be reached or holds a newer schema
   */
  public static void open(DataSource dataSource, String nodeId, String database) throws IOException {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource is required");
    }
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("nodeId must be 1-64 characters of A-Z a-z 0-9 . _ -");
    }
    try (Connection connection = dataSource.getConnection()) {
      Schema.migrate(connection, nodeId);
    } catch (SQLException e) {
      throw failure(database, "migrate the schema", e);
    }
  }

  /**
   * Runs {@code work} in one transaction ({@code isolation}: a {@link Connection} level, or
   * {@link #DEFAULT_ISOLATION}), an {@link SQLException} becoming the store's {@link IOException}.
   */
  public <T> T transaction(String what, int isolation, Work<T> work) throws IOException {
    try {
      return inTransaction(isolation, work);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction and lets an {@link SQLException} through, for a store that
   * maps some SQL states itself (then {@link #failure(String, SQLException)} for the others).
   */
  public <T> T inTransaction(int isolation, Work<T> work) throws SQLException, IOException {
    try (Connection connection = dataSource.getConnection()) {
      int previous = isolation == DEFAULT_ISOLATION ? DEFAULT_ISOLATION : connection.getTransactionIsolation();
      connection.setAutoCommit(false);
      if (isolation != DEFAULT_ISOLATION) {
        connection.setTransactionIsolation(isolation);
      }
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
      } finally {
        if (previous != DEFAULT_ISOLATION) {
          try {
            connection.setTransactionIsolation(previous);
          } catch (SQLException ignored) {
            // the pool resets or discards the connection
          }
        }
      }
    }
  }

  /** Takes the transaction-scoped advisory lock {@code key} (released at commit or rollback). */
  public static void advisoryLock(Connection connection, long key) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, key);
      lock.execute();
    }
  }

  /** The store's {@link IOException} for a failed {@code what}. */
  public IOException failure(String what, SQLException e) {
    return failure(database, what, e);
  }

  private static IOException failure(String database, String what, SQLException e) {
    return new IOException(database + ": " + what + " failed: " + e.getMessage()
        + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
  }
}
