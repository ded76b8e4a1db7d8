package io.tqc.relay.internal;

import io.tqc.relay.AuditRecord;
import io.tqc.relay.store.AuditOutcome;
import io.tqc.relay.store.RelayStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records durably with leader/follower group commit: a caller queues its record and,
 * if no write is running, becomes the leader and itself stores everything queued so far in a single
 * transaction; callers arriving meanwhile queue behind it and wait, and the first of them leads the
 * next group. Concurrent batches so share one disk flush instead of paying one each, and a lone
 * caller writes on its own thread with no hand-off to another thread. {@link #record} returns each
 * record's own {@link AuditOutcome} (a duplicate batch id or a fenced reseller affects only that
 * record), or throws if the store could not commit. If a whole group fails, its records are retried
 * one by one, so a record the store cannot take fails alone.
 */
public final class AuditWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
  private static final int MAX_GROUP = 512;

  private final RelayStore store;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  /** Held by the caller that is writing a group (and, after {@link #close}, for good). */
  private final AtomicBoolean leader = new AtomicBoolean();
  private volatile boolean closed;
  /** Time of each store commit (a group, or one record of a failed group retried alone), in ns. */
  private final WindowedRecorder commitTimes;
  /** Records per commit, over the same window. */
  private final WindowedRecorder groupSizes;

  private static final class Pending {
    final AuditRecord record;
    final Thread waiter = Thread.currentThread();
    IOException failure;
    AuditOutcome outcome;
    /** Written after {@link #failure} and {@link #outcome}, so reading it true publishes them. */
    volatile boolean done;

    Pending(AuditRecord record) {
      this.record = record;
    }
  }

  /** A writer on {@code store}; it has no thread of its own. */
  public AuditWriter(RelayStore store) {
    this(store, new WindowedRecorder(), new WindowedRecorder());
  }

  /** A writer on {@code store} that measures its commits into the given recorders. */
  public AuditWriter(RelayStore store, WindowedRecorder commitTimes, WindowedRecorder groupSizes) {
    this.store = store;
    this.commitTimes = commitTimes;
    this.groupSizes = groupSizes;
  }

  /** The time of each store commit, in nanoseconds. */
  public WindowedRecorder commitTimes() {
    return commitTimes;
  }

  /** The number of records of each store commit. */
  public WindowedRecorder groupSizes() {
    return groupSizes;
  }

  /** Stores {@code records} in one transaction, measuring it (successful or not). */
  private List<AuditOutcome> commit(List<AuditRecord> records) throws IOException {
    long started = commitTimes.tick();
    try {
      return store.recordAccepted(records);
    } finally {
      commitTimes.recordSince(started);
      groupSizes.record(records.size());
    }
  }

  /** Offers {@code record} to the store; returns its outcome once its group is committed. */
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
    while (!pending.done) {
      if (leader.compareAndSet(false, true)) {
        lead(pending);
      } else {
        LockSupport.park(this);
        // park returns at once while the interrupt flag is set: clear it, restore it at the end.
        interrupted |= Thread.interrupted();
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

  /** Writes groups until {@code own} is written, then hands the lead to the next waiting caller. */
  private void lead(Pending own) {
    // The group holds other callers' records: a pending interrupt of this caller must not fail
    // their write (a JDBC pool, for one, refuses to hand out a connection to an interrupted
    // thread). It is restored after the write.
    boolean interrupted = Thread.interrupted();
    try {
      while (!own.done) {
        writeQueued();
      }
    } finally {
      leader.set(false);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    // A caller that failed to take the lead while this one held it queued before that failure, so
    // it is visible here: wake it to lead the next group.
    Pending next = queue.peek();
    if (next != null) {
      LockSupport.unpark(next.waiter);
    }
  }

  /** Takes up to {@link #MAX_GROUP} queued records and writes them as one group. */
  private void writeQueued() {
    List<Pending> group = new ArrayList<>();
    Pending pending;
    while (group.size() < MAX_GROUP && (pending = queue.poll()) != null) {
      group.add(pending);
    }
    if (group.isEmpty()) {
      return;
    }
    try {
      write(group);
    } finally {
      for (Pending p : group) {
        if (!p.done) { // only if write() ended abruptly (an Error): never leave a caller waiting
          complete(p, null, new IOException("the audit write ended abruptly"));
        }
      }
    }
  }

  private void write(List<Pending> group) {
    List<AuditRecord> records = new ArrayList<>(group.size());
    for (Pending pending : group) {
      records.add(pending.record);
    }
    try {
      List<AuditOutcome> outcomes = commit(records);
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
        List<AuditOutcome> outcome = commit(java.util.Collections.singletonList(pending.record));
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
    pending.done = true;
    LockSupport.unpark(pending.waiter);
  }

  /** Records waiting for the writer (tests and diagnostics). */
  int queued() {
    return queue.size();
  }

  /**
   * Refuses new records, waits for the running write, writes what is queued and keeps the lead, so
   * nothing is written after this returns.
   */
  @Override
  public void close() {
    closed = true;
    while (!leader.compareAndSet(false, true)) {
      LockSupport.parkNanos(100_000L);
    }
    while (!queue.isEmpty()) {
      writeQueued();
    }
  }
}
