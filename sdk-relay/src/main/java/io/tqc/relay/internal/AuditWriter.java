package io.tqc.relay.internal;

import io.tqc.relay.AuditRecord;
import io.tqc.relay.store.AuditOutcome;
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
 * batches share one disk flush instead of paying one each. {@link #record} returns each record's
 * own {@link AuditOutcome} (a duplicate batch id or a fenced reseller affects only that record), or
 * throws if the store could not commit. If a whole group fails, its records are retried one by one,
 * so a record the store cannot take fails alone.
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
    volatile AuditOutcome outcome;

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

  /** Offers {@code record} to the store; returns its outcome once the group is committed. */
  public AuditOutcome record(AuditRecord record) throws IOException {
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
    return pending.outcome;
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
    try {
      List<AuditOutcome> outcomes = store.recordAccepted(records);
      if (outcomes == null || outcomes.size() != records.size()) {
        throw new IOException("the relay store returned " + (outcomes == null ? "no" : outcomes.size())
            + " outcomes for " + records.size() + " records");
      }
      for (int i = 0; i < group.size(); i++) {
        complete(group.get(i), outcomes.get(i), null);
      }
      return;
    } catch (IOException | RuntimeException e) {
      if (group.size() == 1) {
        LOG.warn("audit write failed: {}", e.toString());
        complete(group.get(0), null, asIo(e));
        return;
      }
      LOG.warn("audit group of {} records failed ({}); writing them one by one", records.size(), e.toString());
    }
    for (Pending pending : group) {
      try {
        List<AuditOutcome> outcome = store.recordAccepted(java.util.Collections.singletonList(pending.record));
        if (outcome == null || outcome.size() != 1) {
          throw new IOException("the relay store returned no outcome for a record");
        }
        complete(pending, outcome.get(0), null);
      } catch (IOException | RuntimeException e) {
        complete(pending, null, asIo(e));
      }
    }
  }

  private static IOException asIo(Exception e) {
    return e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
  }

  private static void complete(Pending pending, AuditOutcome outcome, IOException failure) {
    pending.outcome = outcome;
    pending.failure = failure;
    pending.done.countDown();
  }

  /** Records waiting for the writer (tests and diagnostics). */
  int queued() {
    return queue.size();
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
