package io.tqc.client.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler for maintenance, token refreshes and status polls: the caller's (never shut down
 * here) or one of our own with three daemon threads named {@code tqc-client-<n>-…}, shut down on
 * close.
 */
final class BackgroundExecutor {
  private static final Logger log = LoggerFactory.getLogger(BackgroundExecutor.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String name = "tqc-client-" + INSTANCES.incrementAndGet();
  private final ScheduledExecutorService scheduler;
  private final boolean owned;

  BackgroundExecutor(ScheduledExecutorService shared) {
    if (shared != null) {
      scheduler = shared;
      owned = false;
    } else {
      ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(3, threads(name + "-worker"));
      own.setRemoveOnCancelPolicy(true);
      own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler = own;
      owned = true;
    }
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
  static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  String name() {
    return name;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  void shutdown() {
    if (!owned) {
      return;
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("TQC client background threads did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
