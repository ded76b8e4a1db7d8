package io.tqc.relay.postgres;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.Reseller;
import io.tqc.relay.RegistryFeed;
import io.tqc.relay.Subscription;
import io.tqc.relay.postgres.internal.Schema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry changes to every relay node through PostgreSQL: {@link PostgresRelayStore} sends a
 * {@code pg_notify} in the transaction of every change (delivered at commit); each node keeps one
 * connection that {@code LISTEN}s, reads the changed rows and hands them to its subscribers. A
 * periodic catch-up poll reads every row changed since the last one seen (with an overlap), so a
 * lost notification or a lost connection delays a change by at most one poll interval after the
 * connection is back. Delivery is at least once and per reseller in {@code seq} order (the relay
 * ignores a record not newer than the one it holds).
 *
 * <p>{@link #isCurrent()} is false from the moment the connection fails or has not answered for
 * longer than {@link Builder#staleAfter} until it has reconnected and caught up: the relay then
 * signs no ACTIVE status and reports itself unhealthy. The listening connection comes from the
 * operator's data source and is held for as long as the feed runs; it must be a session, not a
 * transaction-pooled connection (LISTEN does not work through PgBouncer in transaction mode).
 */
public final class PostgresRegistryFeed implements RegistryFeed {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRegistryFeed.class);
  /** Rows re-read before the highest change id seen, for changes whose transactions committed late. */
  private static final long OVERLAP = 1000;
  private static final int CATCH_UP_LIMIT = 10_000;

  private final DataSource dataSource;
  private final PostgresRelayStore store;
  private final long pollMillis;
  private final long staleNanos;
  private final long catchUpNanos;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean caughtUp;
  private volatile long confirmedAtNanos;
  private volatile int backendPid;
  private volatile Connection connection;
  private long highestChange;

  private PostgresRegistryFeed(Builder builder) throws IOException {
    this.dataSource = builder.dataSource;
    this.store = builder.store;
    this.pollMillis = builder.pollInterval.toMillis();
    this.staleNanos = builder.staleAfter.toNanos();
    this.catchUpNanos = builder.catchUpInterval.toNanos();
    this.highestChange = highestChangeId();
    this.thread = new Thread(this::run, "tqc-status-feed");
    this.thread.setDaemon(true);
  }

  /** Configures a feed. */
  public static final class Builder {
    private DataSource dataSource;
    private PostgresRelayStore store;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration staleAfter = Duration.ofSeconds(5);
    private Duration catchUpInterval = Duration.ofSeconds(5);

    /** The operator's data source; one connection is held for LISTEN. Required. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The store whose changes to follow (on the same database). Required. */
    public Builder store(PostgresRelayStore store) {
      this.store = store;
      return this;
    }

    /** How long the listener waits for a notification before confirming its connection (default 1 s). */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * After how long without a confirmed connection this node's view counts as stale (default 5 s;
     * more than the poll interval). Clients fail closed once their last ACTIVE status is older than
     * their {@code maxStatusAge}.
     */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = staleAfter;
      return this;
    }

    /** How often every row changed since the last seen one is re-read (default 5 s). */
    public Builder catchUpInterval(Duration catchUpInterval) {
      this.catchUpInterval = catchUpInterval;
      return this;
    }

    /** Validates the settings and starts listening. */
    public PostgresRegistryFeed start() throws IOException {
      if (dataSource == null || store == null) {
        throw new IllegalArgumentException("dataSource and store are required");
      }
      if (pollInterval == null || pollInterval.toMillis() < 10 || staleAfter == null
          || staleAfter.compareTo(pollInterval) <= 0 || catchUpInterval == null || catchUpInterval.toMillis() < 10) {
        throw new IllegalArgumentException("pollInterval >= 10 ms, staleAfter > pollInterval and catchUpInterval"
            + " >= 10 ms are required");
      }
      PostgresRegistryFeed feed = new PostgresRegistryFeed(this);
      feed.thread.start();
      return feed;
    }
  }

  private long highestChangeId() throws IOException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(change_id), 0) FROM tqc_resellers")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IOException("status feed: cannot read the registry: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isCurrent() {
    return !closed && caughtUp && System.nanoTime() - confirmedAtNanos <= staleNanos;
  }

  /** The server process id of the listening connection, or 0 while disconnected (diagnostics, tests). */
  public int listenerBackendPid() {
    return backendPid;
  }

  /** Delivers a change made on this node to this node's subscribers; other nodes get it by NOTIFY. */
  @Override
  public void publish(Reseller changed) throws IOException {
    if (closed) {
      throw new IOException("status feed is closed");
    }
    deliver(changed, null);
  }

  @Override
  public Subscription subscribe(final Listener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Hands {@code changed} to every subscriber, with the time it was recorded when known (the relay's feed lag). */
  private void deliver(Reseller changed, java.time.Instant recordedAt) {
    for (Listener listener : listeners) {
      try {
        listener.onChange(changed, recordedAt);
      } catch (RuntimeException e) {
        LOG.warn("status feed listener failed on {}: {}", changed.id(), e.toString());
      }
    }
  }

  private void run() {
    while (!closed) {
      try {
        listen();
      } catch (SQLException | IOException | RuntimeException e) {
        if (!closed) {
          LOG.warn("status feed connection lost ({}); reconnecting", e.toString());
        }
      } finally {
        caughtUp = false;
        backendPid = 0;
        closeQuietly(connection);
        connection = null;
      }
      if (!closed) {
        sleep(pollMillis);
      }
    }
  }

  private void listen() throws SQLException, IOException {
    Connection c = dataSource.getConnection();
    connection = c;
    c.setAutoCommit(true);
    // A black-holed connection must fail (and be replaced), not block the listener forever; the
    // staleness bound already holds meanwhile, as isCurrent() reads the time of the last answer.
    c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, Math.max(pollMillis * 3,
        TimeUnit.NANOSECONDS.toMillis(staleNanos) * 2)));
    PGConnection pg = c.unwrap(PGConnection.class);
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + Schema.CHANNEL);
      try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backendPid = rs.getInt(1);
      }
    }
    catchUp();
    caughtUp = true;
    confirmedAtNanos = System.nanoTime();
    long lastCatchUp = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications((int) pollMillis);
      if (notifications != null) {
        for (PGNotification notification : notifications) {
          apply(notification.getParameter());
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
        rs.next();
      }
      confirmedAtNanos = System.nanoTime();
      if (System.nanoTime() - lastCatchUp >= catchUpNanos) {
        catchUp();
        lastCatchUp = System.nanoTime();
      }
    }
  }

  private void apply(String payload) throws IOException {
    int colon = payload.indexOf(':');
    String id = colon < 0 ? payload : payload.substring(0, colon);
    Object[] changed;
    try {
      changed = store.findChange(ResellerId.parse(id));
    } catch (io.tqc.api.TqcException e) {
      LOG.warn("status feed: ignoring a notification for an invalid reseller id");
      return;
    }
    if (changed != null) {
      deliver((Reseller) changed[0], (java.time.Instant) changed[1]);
    }
  }

  private void catchUp() throws IOException {
    long cursor = Math.max(0, highestChange - OVERLAP);
    while (true) {
      List<Object[]> changes = store.changesAfter(cursor, CATCH_UP_LIMIT);
      for (Object[] change : changes) {
        deliver((Reseller) change[0], (java.time.Instant) change[2]);
        cursor = Math.max(cursor, (Long) change[1]);
      }
      highestChange = Math.max(highestChange, cursor);
      if (changes.size() < CATCH_UP_LIMIT) {
        return;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        // already broken
      }
    }
  }

  /** Stops listening and returns the connection. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(connection);
  }
}
