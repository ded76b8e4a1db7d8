package io.tqc.relay.protection;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a list's refresh every interval on its own daemon thread (never overlapping itself), so
 * that a version imported on another node of a fleet replaces the snapshot here. A failing store
 * is logged once (and its recovery once); the snapshot in force stays until a refresh succeeds.
 */
final class ListPoller {
  private static final Logger LOG = LoggerFactory.getLogger(ListPoller.class);
  static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  static final Duration MAX_INTERVAL = Duration.ofMinutes(10);

  interface Refresh {
    void run() throws IOException;
  }

  private final ScheduledExecutorService executor;
  private final String what;
  private volatile boolean failing;
  private volatile boolean stopped;

  private ListPoller(String what, Duration interval, final Refresh refresh) {
    this.what = what;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tqc-list-poll-" + what);
      thread.setDaemon(true);
      return thread;
    });
    long ms = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> poll(refresh), ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Validates {@code interval}: {@link Duration#ZERO} (no polling) or 10 ms to 10 min. */
  static Duration check(Duration interval) {
    if (interval == null || (!interval.isZero()
        && (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0))) {
      throw new IllegalArgumentException("pollInterval must be zero (off) or 10 ms to 10 min");
    }
    return interval;
  }

  /** A poller, or null when {@code interval} is zero. */
  static ListPoller start(String what, Duration interval, Refresh refresh) {
    return interval.isZero() ? null : new ListPoller(what, interval, refresh);
  }

  private void poll(Refresh refresh) {
    try {
      refresh.run();
      if (failing) {
        failing = false;
        LOG.info("{}: the list store answers again", what);
      }
    } catch (IOException | RuntimeException e) {
      if (stopped) {
        return; // interrupted by stop(): not a store failure
      }
      if (!failing) {
        failing = true;
        LOG.warn("{}: cannot read the list store ({}); keeping the lists in force, retrying", what, e.getMessage());
      }
    }
  }

  void stop() {
    stopped = true;
    executor.shutdownNow();
  }
}
