package io.tqc.relay.internal;

import io.tqc.relay.AuditRecord;
import io.tqc.relay.store.RelayStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records durably with group commit: callers enqueue a record and wait; one writer
 * thread takes everything queued so far and stores it in a single transaction, so concurrent
 * batches share one disk flush instead of paying one each. {@link #record} returns only once the
 * record is durable, or throws.
 */
public final class AuditWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
  private static final int MAX_GROUP = 512;

  private final RelayStore store;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  private static final class Pending {
    final AuditRecord record;
    final CountDownLatch done = new CountDownLatch(1);
    volatile IOException failure;

    Pending(AuditRecord record) {
      this.record = record;
    }
  }

  /** Starts the writer thread. */
  public AuditWriter(RelayStore store) {
    this.store = store;
    this.thread = new Thread(this::run, "tqc-audit-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Stores {@code record} durably; returns when it is committed. */
  public void record(AuditRecord record) throws IOException {
    if (closed) {
      throw new IOException("audit writer is closed");
    }
    Pending pending = new Pending(record);
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      throw new IOException("audit writer is closed");
    }
    boolean interrupted = false;
    while (true) {
      try {
        pending.done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (pending.failure != null) {
      throw pending.failure;
    }
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (!(closed && queue.isEmpty())) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        write(group);
      } catch (InterruptedException e) {
        // close() interrupts; the loop condition decides whether to stop.
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Pending> group) {
    List<AuditRecord> records = new ArrayList<>(group.size());
    for (Pending pending : group) {
      records.add(pending.record);
    }
    IOException failure = null;
    try {
      store.recordAccepted(records);
    } catch (IOException | RuntimeException e) {
      LOG.error("audit write of {} records failed", records.size(), e);
      failure = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
    }
    for (Pending pending : group) {
      pending.failure = failure;
      pending.done.countDown();
    }
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending leftover;
    while ((leftover = queue.poll()) != null) {
      leftover.failure = new IOException("audit writer closed before the record was written");
      leftover.done.countDown();
    }
  }
}
