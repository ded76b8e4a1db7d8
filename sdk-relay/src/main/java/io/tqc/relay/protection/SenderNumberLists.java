package io.tqc.relay.protection;

import io.tqc.api.compliance.KoreanPhoneNumbers;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference {@link SenderNumberCheck}: imported lists of terminated, suspended and unassigned
 * numbers (the data KTOA's number-validity service holds) and KISA's stolen-number list, each with
 * its version and publication time, answered from memory without a lock. A list is replaced as a
 * whole by {@link #importList}; every import is kept in the store's append-only {@link #history()}.
 *
 * <p>The lists live in a {@link ProtectionListStore}: {@link #SenderNumberLists()} keeps them in
 * memory, {@link #open(Path)} in a SQLite file, and {@link Builder} on any store, such as the
 * PostgreSQL store a fleet shares. Each list in force is loaded into an immutable snapshot (8 bytes
 * a number) that {@link #check} reads; on a shared store the lists poll it every
 * {@linkplain Builder#pollInterval interval} (default 1 s) and swap in a version imported on another
 * node atomically, so every node enforces a new list within that interval. Thread-safe.
 */
public final class SenderNumberLists implements SenderNumberCheck, Closeable {
  /** The file name used inside a relay's data directory ({@link SqliteProtectionListStore#FILE}). */
  public static final String FILE = SqliteProtectionListStore.FILE;

  /** Most numbers one list may hold. */
  public static final int MAX_LIST_SIZE = 20_000_000;
  /** Most bad lines reported per import (the count of all of them is always given). */
  public static final int MAX_REPORTED_ERRORS = 100;

  /** One list in force: its stored version and its numbers. Immutable. */
  private static final class Snapshot {
    final ListVersion version;
    final NumberSet numbers;

    Snapshot(ListVersion version, NumberSet numbers) {
      this.version = version;
      this.numbers = numbers;
    }
  }

  /** Stolen first: the most specific answer wins. */
  private static final SenderNumberStatus.State[] ORDER = {SenderNumberStatus.State.STOLEN,
      SenderNumberStatus.State.TERMINATED, SenderNumberStatus.State.SUSPENDED, SenderNumberStatus.State.UNASSIGNED};

  private final AtomicReference<Map<SenderNumberStatus.State, Snapshot>> lists =
      new AtomicReference<Map<SenderNumberStatus.State, Snapshot>>(
          Collections.unmodifiableMap(new EnumMap<SenderNumberStatus.State, Snapshot>(SenderNumberStatus.State.class)));
  private final ProtectionListStore store;
  private final boolean ownsStore;
  private final Object refreshLock = new Object();
  private final Object installLock = new Object();
  private final ListPoller poller;

  /** Lists in memory only: re-import them after a restart. */
  public SenderNumberLists() {
    this.store = new InMemoryProtectionListStore();
    this.ownsStore = true;
    this.poller = null;
  }

  private SenderNumberLists(ProtectionListStore store, boolean ownsStore, Duration pollInterval) throws IOException {
    this.store = store;
    this.ownsStore = ownsStore;
    refresh();
    this.poller = ListPoller.start("sender-number-lists", pollInterval, this::refresh);
  }

  /**
   * Lists kept durably in the SQLite file {@code path} (created, or migrated from an earlier
   * release's file, if needed) and loaded from it; closing the lists closes the file.
   */
  public static SenderNumberLists open(Path path) throws IOException {
    SqliteProtectionListStore file = SqliteProtectionListStore.open(path);
    try {
      return new SenderNumberLists(file, true, Duration.ZERO);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Configures lists on a {@link ProtectionListStore} the caller owns (and closes). */
  public static final class Builder {
    private ProtectionListStore store;
    private Duration pollInterval = Duration.ofSeconds(1);

    /** The store, for example the fleet's {@code PostgresProtectionListStore}. Required. */
    public Builder store(ProtectionListStore store) {
      this.store = store;
      return this;
    }

    /**
     * How often the store is asked for a version imported elsewhere (default 1 s; 10 ms to 10 min;
     * {@link Duration#ZERO} when only this process writes the store).
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * Loads the lists in force and starts polling.
     *
     * @throws IllegalArgumentException for a missing store or an invalid interval
     * @throws IOException if the store cannot be read (a relay must not start without its lists)
     */
    public SenderNumberLists open() throws IOException {
      if (store == null) {
        throw new IllegalArgumentException("store is required");
      }
      return new SenderNumberLists(store, false, ListPoller.check(pollInterval));
    }
  }

  @Override
  public SenderNumberStatus check(String digits) {
    Map<SenderNumberStatus.State, Snapshot> current = lists.get();
    for (SenderNumberStatus.State state : ORDER) {
      Snapshot list = current.get(state);
      if (list != null && list.numbers.contains(digits)) {
        return SenderNumberStatus.of(state, list.version.version(), list.version.publishedAt());
      }
    }
    return SenderNumberStatus.valid();
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  /**
   * Replaces the list of numbers in {@code state} with the valid numbers of {@code lines} (one number
   * a line, dashes and spaces allowed, blank lines and {@code #} comments skipped). Bad lines are
   * reported, not fatal: every good line is imported. The new list is in force here when this
   * returns, and on the other nodes of a shared store within their poll interval.
   *
   * @param state which list: TERMINATED, SUSPENDED, UNASSIGNED or STOLEN
   * @param version the list's own version (as its publisher names it), 1-64 characters
   * @param publishedAt when the publisher produced it
   * @param importedAt now
   * @throws IllegalArgumentException if state is VALID, the version or times are missing, or the list
   *     holds more than {@link #MAX_LIST_SIZE} numbers (nothing is imported then)
   * @throws IOException if the store cannot be written (nothing is imported then)
   */
  public synchronized ListImport importList(SenderNumberStatus.State state, String version, Instant publishedAt,
      Iterable<String> lines, Instant importedAt) throws IOException {
    ListKind kind = ListKind.of(state);
    ListLines.checkVersion(version, publishedAt, importedAt);
    final NumberSet.Builder numbers = new NumberSet.Builder(MAX_LIST_SIZE);
    ListLines read;
    try {
      read = ListLines.read(lines, MAX_REPORTED_ERRORS, "not a telephone number (8-12 digits; dashes and spaces allowed)",
          entry -> {
            String digits = KoreanPhoneNumbers.normalize(entry);
            return digits != null && numbers.add(digits);
          });
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a list holds at most " + MAX_LIST_SIZE + " numbers; nothing imported");
    }
    NumberSet set;
    try {
      set = numbers.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a list holds at most " + MAX_LIST_SIZE + " numbers; nothing imported");
    }
    ListVersion stored = store.put(new ListVersion.Builder().kind(kind).version(version).publishedAt(publishedAt)
        .importedAt(importedAt).refused(read.refused).build(), set.digits());
    install(state, new Snapshot(stored, set));
    return new ListImport(stored, read.errors);
  }

  /** Installs {@code next} unless a newer version of its list is already in force. */
  private void install(SenderNumberStatus.State state, Snapshot next) {
    synchronized (installLock) {
      Map<SenderNumberStatus.State, Snapshot> current = lists.get();
      Snapshot held = current.get(state);
      if (held != null && held.version.seq() >= next.version.seq()) {
        return;
      }
      Map<SenderNumberStatus.State, Snapshot> updated = new EnumMap<>(SenderNumberStatus.State.class);
      updated.putAll(current);
      updated.put(state, next);
      lists.set(Collections.unmodifiableMap(updated));
    }
  }

  /**
   * Loads every list whose version in the store is newer than the one in force here, and swaps it
   * in (single-flight; the poller calls it). Safe to call at any time.
   *
   * @throws IOException if the store cannot be read (the lists in force stay)
   */
  public void refresh() throws IOException {
    synchronized (refreshLock) {
      for (ListVersion version : store.current()) {
        SenderNumberStatus.State state = version.kind().state();
        if (state == null) {
          continue;
        }
        Snapshot held = lists.get().get(state);
        if (held != null && held.version.seq() >= version.seq()) {
          continue;
        }
        final NumberSet.Builder numbers = new NumberSet.Builder(Integer.MAX_VALUE - 8);
        if (store.entries(version, numbers::add)) {
          install(state, new Snapshot(version, numbers.build()));
        }
        // else replaced meanwhile: the next refresh loads the newer one
      }
    }
  }

  /** Every import so far on this store (every node's, on a shared one), oldest first (append-only). */
  public List<ListImport> history() throws IOException {
    List<ListImport> out = new ArrayList<>();
    for (ListVersion version : store.history()) {
      if (version.kind().state() != null) {
        out.add(new ListImport(version, Collections.<String>emptyList()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The imports in force on this node, one per list. No I/O. */
  public List<ListImport> current() {
    List<ListImport> out = new ArrayList<>();
    for (Snapshot snapshot : lists.get().values()) {
      out.add(new ListImport(snapshot.version, Collections.<String>emptyList()));
    }
    return Collections.unmodifiableList(out);
  }

  /** Stops polling, and closes the store if these lists opened it. */
  @Override
  public void close() throws IOException {
    if (poller != null) {
      poller.stop();
    }
    if (ownsStore) {
      store.close();
    }
  }

  /** The outcome of one {@link #importList}: what was imported and which lines were refused. Immutable. */
  public static final class ListImport extends ImportOutcome {
    ListImport(ListVersion stored, List<String> errors) {
      super(stored, errors);
    }

    /** Which list. */
    public SenderNumberStatus.State state() {
      return stored().kind().state();
    }

    /** Distinct numbers imported. */
    public int imported() {
      return stored().entries();
    }

    @Override
    public String toString() {
      return "ListImport{" + state() + " " + version() + " of " + publishedAt() + ", " + imported() + " numbers, "
          + errorCount() + " bad lines}";
    }
  }
}
