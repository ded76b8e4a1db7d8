package io.tqc.relay.postgres;

import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.postgres.internal.Transactions;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.SuppressionChange;
import io.tqc.relay.protection.SuppressionEntry;
import io.tqc.relay.protection.SuppressionStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SuppressionStore} on PostgreSQL shared by every node of a fleet (schema version 3):
 * opted-out recipients as keyed digests per advertiser (never numbers), an append-only history of
 * every change and the 080 providers' event ids (idempotency across nodes).
 *
 * <p>Writes are serialized fleet-wide by a transaction-scoped advisory lock, so the history's
 * sequence is in commit order; each node keeps the compact in-memory index {@link #contains} reads
 * (no I/O on the batch path) and applies the history after the last position it has seen: at once
 * after its own writes (so a change is visible on the node that acknowledged it when the write
 * returns) and every {@linkplain Builder#pollInterval poll interval} for the other nodes' changes
 * (that is the bound within which an opt-out acknowledged by one node is enforced by all).
 * Thread-safe; an {@link IOException} means nothing of the write was stored.
 */
public final class PostgresSuppressionStore implements SuppressionStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSuppressionStore.class);
  private static final String DATABASE = "suppression database";
  private static final int PAGE = 10_000;

  private final Transactions db;
  private final String nodeId;
  private final InMemorySuppressionStore index = new InMemorySuppressionStore(false);
  private final ScheduledExecutorService poller;
  private final Object refreshLock = new Object();
  private long lastSeq;
  private volatile boolean closed;
  private volatile boolean pollFailing;

  private PostgresSuppressionStore(Builder b) {
    this.db = new Transactions(b.dataSource, DATABASE);
    this.nodeId = b.nodeId;
    this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tqc-suppression-poll-" + b.nodeId);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Configures a store. */
  public static final class Builder {
    private DataSource dataSource;
    private String nodeId;
    private Duration pollInterval = Duration.ofSeconds(1);

    /** The operator's data source (the relay store's pool will do). Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** This node's id (the relay's one node id), recorded with every history line. Required. */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /** How often other nodes' changes are applied to this node's index (default 1 s, 10 ms to 1 min). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * Validates the settings, migrates the schema, loads the index and starts polling.
     *
     * @throws IllegalArgumentException for a missing data source, an invalid node id or interval
     * @throws IOException if the database cannot be reached or holds a newer schema
     */
    public PostgresSuppressionStore open() throws IOException {
      if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(10)) < 0
          || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("pollInterval must be 10 ms to 1 min");
      }
      Transactions.open(dataSource, nodeId, DATABASE);
      PostgresSuppressionStore store = new PostgresSuppressionStore(this);
      store.refresh();
      long ms = pollInterval.toMillis();
      store.poller.scheduleWithFixedDelay(store::poll, ms, ms, TimeUnit.MILLISECONDS);
      return store;
    }
  }

  private <T> T transaction(String what, boolean lock, Transactions.Work<T> work) throws IOException {
    if (closed) {
      throw new IOException("suppression store is closed");
    }
    return db.transaction(what, Transactions.DEFAULT_ISOLATION, c -> {
      if (lock) {
        Transactions.advisoryLock(c, Schema.SUPPRESSION_LOCK);
      }
      return work.run(c);
    });
  }

  @Override
  public boolean add(final SuppressionEntry entry) throws IOException {
    boolean added = transaction("record the opt-out", true, c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_suppressions (advertiser, digest, index_key,"
          + " source, opted_out_at_ms, opt_out_number, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (advertiser, digest) DO NOTHING")) {
        insert.setString(1, entry.advertiser());
        insert.setBytes(2, entry.digest());
        insert.setLong(3, entry.indexKey());
        insert.setString(4, entry.source().code());
        insert.setLong(5, entry.optedOutAt().toEpochMilli());
        insert.setString(6, entry.optOutNumber());
        insert.setString(7, entry.eventId());
        if (insert.executeUpdate() == 0) {
          return false;
        }
      }
      appendHistory(c, SuppressionChange.Action.ADDED, entry.advertiser(), entry.digest(), entry.indexKey(),
          entry.source(), entry.optedOutAt(), entry.eventId());
      return true;
    });
    refresh();
    return added;
  }

  @Override
  public boolean remove(final String advertiser, final byte[] digest, final long indexKey, final Instant at)
      throws IOException {
    boolean removed = transaction("withdraw the opt-out", true, c -> {
      String source;
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM tqc_suppressions WHERE advertiser = ? AND digest = ? RETURNING source")) {
        delete.setString(1, advertiser);
        delete.setBytes(2, digest);
        try (ResultSet rs = delete.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          source = rs.getString(1);
        }
      }
      OptOutSource parsed = OptOutSource.fromCode(source);
      appendHistory(c, SuppressionChange.Action.REMOVED, advertiser, digest, indexKey,
          parsed != null ? parsed : OptOutSource.MANUAL, at, null);
      return true;
    });
    refresh();
    return removed;
  }

  private void appendHistory(Connection c, SuppressionChange.Action action, String advertiser, byte[] digest,
      long indexKey, OptOutSource source, Instant at, String eventId) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_suppression_history"
        + " (action, advertiser, digest, index_key, source, at_ms, event_id, node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, action.name());
      insert.setString(2, advertiser);
      insert.setBytes(3, digest);
      insert.setLong(4, indexKey);
      insert.setString(5, source.code());
      insert.setLong(6, at.toEpochMilli());
      insert.setString(7, eventId);
      insert.setString(8, nodeId);
      insert.executeUpdate();
    }
  }

  /** No I/O: this node's index, current to its own writes and the last poll. */
  @Override
  public boolean contains(long indexKey) {
    return index.contains(indexKey);
  }

  @Override
  public String recordEvent(final String eventId, final String fingerprint) throws IOException {
    return transaction("record the opt-out event", false, c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO tqc_optout_events (event_id, fingerprint,"
          + " node_id) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
        insert.setString(1, eventId);
        insert.setString(2, fingerprint);
        insert.setString(3, nodeId);
        if (insert.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement select = c.prepareStatement(
          "SELECT fingerprint FROM tqc_optout_events WHERE event_id = ?")) {
        select.setString(1, eventId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new IOException("opt-out event " + eventId + " vanished");
          }
          return rs.getString(1);
        }
      }
    });
  }

  @Override
  public long size() {
    return index.size();
  }

  @Override
  public List<SuppressionChange> history(final long afterSeq, final int limit) throws IOException {
    return transaction("read the suppression history", false, c -> {
      List<SuppressionChange> out = new ArrayList<>();
      try (PreparedStatement select = c.prepareStatement("SELECT seq, action, advertiser, source, at_ms, event_id"
          + " FROM tqc_suppression_history WHERE seq > ? ORDER BY seq LIMIT ?")) {
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
      }
      return out;
    });
  }

  /**
   * Applies every history line after the last one this node has seen to its index (single-flight);
   * called after each own write and by the poller. Safe to call at any time.
   *
   * @throws IOException if the database cannot be read (the index keeps its last state)
   */
  public void refresh() throws IOException {
    synchronized (refreshLock) {
      while (true) {
        final long after = lastSeq;
        List<long[]> page = transaction("read suppression changes", false, c -> {
          List<long[]> rows = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement("SELECT seq, action = 'ADDED', index_key"
              + " FROM tqc_suppression_history WHERE seq > ? ORDER BY seq LIMIT ?")) {
            select.setLong(1, after);
            select.setInt(2, PAGE);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0, rs.getLong(3)});
              }
            }
          }
          return rows;
        });
        for (long[] row : page) {
          if (row[1] == 1) {
            index.add(new SuppressionEntry("-", new byte[32], row[2], OptOutSource.MANUAL, Instant.EPOCH, null, null));
          } else {
            index.remove("-", new byte[32], row[2], Instant.EPOCH);
          }
          lastSeq = row[0];
        }
        if (page.size() < PAGE) {
          return;
        }
      }
    }
  }

  private void poll() {
    if (closed) {
      return;
    }
    try {
      refresh();
      if (pollFailing) {
        pollFailing = false;
        LOG.info("suppression store of node {}: the database answers again", nodeId);
      }
    } catch (IOException | RuntimeException e) {
      if (!pollFailing) {
        pollFailing = true;
        LOG.warn("suppression store of node {}: cannot read changes ({}); retrying", nodeId, e.getMessage());
      }
    }
  }

  /** Stops polling; the data source is the operator's and stays open. */
  @Override
  public void close() {
    closed = true;
    poller.shutdownNow();
  }

  @Override
  public String toString() {
    return "PostgresSuppressionStore{node=" + nodeId + "}";
  }
}
