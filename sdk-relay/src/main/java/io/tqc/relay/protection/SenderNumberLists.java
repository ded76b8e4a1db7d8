package io.tqc.relay.protection;

import io.tqc.api.compliance.KoreanPhoneNumbers;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The reference {@link SenderNumberCheck}: imported lists of terminated, suspended and unassigned
 * numbers (the data KTOA's number-validity service holds) and KISA's stolen-number list, each with
 * its version and publication time, answered from memory without a lock. A list is replaced as a
 * whole by {@link #importList}; every import is kept in the append-only {@link #history()}.
 * {@link #SenderNumberLists()} keeps everything in memory; {@link #open(Path)} keeps the lists in
 * force and the history in a SQLite file and loads them back on open. Thread-safe.
 */
public final class SenderNumberLists implements SenderNumberCheck, Closeable {
  /** The file name used inside a relay's data directory. */
  public static final String FILE = "sender-number-lists.db";

  /** Most numbers one list may hold. */
  public static final int MAX_LIST_SIZE = 20_000_000;
  /** Most bad lines reported per import (the count of all of them is always given). */
  public static final int MAX_REPORTED_ERRORS = 100;

  /** One imported list. */
  private static final class ImportedList {
    final String version;
    final Instant publishedAt;
    final Set<String> numbers;

    ImportedList(String version, Instant publishedAt, Set<String> numbers) {
      this.version = version;
      this.publishedAt = publishedAt;
      this.numbers = numbers;
    }
  }

  /** Stolen first: the most specific answer wins. */
  private static final SenderNumberStatus.State[] ORDER = {SenderNumberStatus.State.STOLEN,
      SenderNumberStatus.State.TERMINATED, SenderNumberStatus.State.SUSPENDED, SenderNumberStatus.State.UNASSIGNED};

  private final AtomicReference<Map<SenderNumberStatus.State, ImportedList>> lists =
      new AtomicReference<Map<SenderNumberStatus.State, ImportedList>>(
          new EnumMap<SenderNumberStatus.State, ImportedList>(SenderNumberStatus.State.class));
  private final List<ListImport> history = new ArrayList<>();
  private final SenderListFile file;

  /** Lists in memory only: re-import them after a restart. */
  public SenderNumberLists() {
    this.file = null;
  }

  private SenderNumberLists(SenderListFile file) throws IOException {
    this.file = file;
    history.addAll(file.history());
    Map<SenderNumberStatus.State, ImportedList> loaded =
        new EnumMap<SenderNumberStatus.State, ImportedList>(SenderNumberStatus.State.class);
    for (ListImport done : current()) {
      loaded.put(done.state(), new ImportedList(done.version(), done.publishedAt(),
          Collections.unmodifiableSet(file.numbers(done.state()))));
    }
    lists.set(loaded);
  }

  /** Lists kept durably in the SQLite file {@code path} (created if needed) and loaded from it. */
  public static SenderNumberLists open(Path path) throws IOException {
    SenderListFile file = SenderListFile.open(path);
    try {
      return new SenderNumberLists(file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public SenderNumberStatus check(String digits) {
    Map<SenderNumberStatus.State, ImportedList> current = lists.get();
    for (SenderNumberStatus.State state : ORDER) {
      ImportedList list = current.get(state);
      if (list != null && list.numbers.contains(digits)) {
        return SenderNumberStatus.of(state, list.version, list.publishedAt);
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
   * reported, not fatal: every good line is imported.
   *
   * @param state which list: TERMINATED, SUSPENDED, UNASSIGNED or STOLEN
   * @param version the list's own version (as its publisher names it), 1-64 characters
   * @param publishedAt when the publisher produced it
   * @param importedAt now
   * @throws IllegalArgumentException if state is VALID, the version or times are missing, or the list
   *     holds more than {@link #MAX_LIST_SIZE} numbers (nothing is imported then)
   * @throws IOException if a durable list cannot be written (nothing is imported then)
   */
  public synchronized ListImport importList(SenderNumberStatus.State state, String version, Instant publishedAt,
      Iterable<String> lines, Instant importedAt) throws IOException {
    if (state == null || state == SenderNumberStatus.State.VALID) {
      throw new IllegalArgumentException("state must be TERMINATED, SUSPENDED, UNASSIGNED or STOLEN");
    }
    if (version == null || version.trim().isEmpty() || version.length() > 64 || publishedAt == null || importedAt == null) {
      throw new IllegalArgumentException("version (1-64 characters), publishedAt and importedAt are required");
    }
    Set<String> numbers = new HashSet<>();
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      String trimmed = line == null ? "" : line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String digits = KoreanPhoneNumbers.normalize(trimmed);
      if (digits == null || digits.length() < 8 || digits.length() > 12) {
        errorCount++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
          errors.add("line " + lineNumber + ": not a telephone number (8-12 digits; dashes and spaces allowed)");
        }
        continue;
      }
      numbers.add(digits);
      if (numbers.size() > MAX_LIST_SIZE) {
        throw new IllegalArgumentException("a list holds at most " + MAX_LIST_SIZE + " numbers; nothing imported");
      }
    }
    ListImport done = new ListImport(state, version.trim(), publishedAt, importedAt, numbers.size(), errorCount,
        errors);
    if (file != null) {
      file.replace(done, numbers);
    }
    Map<SenderNumberStatus.State, ImportedList> next = new EnumMap<>(lists.get());
    next.put(state, new ImportedList(version.trim(), publishedAt, Collections.unmodifiableSet(numbers)));
    lists.set(next);
    history.add(done);
    return done;
  }

  /** Every import so far, oldest first (append-only). */
  public synchronized List<ListImport> history() {
    return Collections.unmodifiableList(new ArrayList<>(history));
  }

  /** The imports now in force, one per list. */
  public synchronized List<ListImport> current() {
    Map<SenderNumberStatus.State, ListImport> latest = new EnumMap<>(SenderNumberStatus.State.class);
    for (ListImport done : history) {
      latest.put(done.state(), done);
    }
    return Collections.unmodifiableList(new ArrayList<>(latest.values()));
  }

  /** Closes the list file, if any. */
  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  /** The outcome of one {@link #importList}: what was imported and which lines were refused. Immutable. */
  public static final class ListImport {
    private final SenderNumberStatus.State state;
    private final String version;
    private final Instant publishedAt;
    private final Instant importedAt;
    private final int imported;
    private final int errorCount;
    private final List<String> errors;

    ListImport(SenderNumberStatus.State state, String version, Instant publishedAt, Instant importedAt, int imported,
        int errorCount, List<String> errors) {
      this.state = state;
      this.version = version;
      this.publishedAt = publishedAt;
      this.importedAt = importedAt;
      this.imported = imported;
      this.errorCount = errorCount;
      this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    /** Which list. */
    public SenderNumberStatus.State state() {
      return state;
    }

    /** The list's version. */
    public String version() {
      return version;
    }

    /** When the publisher produced it. */
    public Instant publishedAt() {
      return publishedAt;
    }

    /** When it was imported. */
    public Instant importedAt() {
      return importedAt;
    }

    /** Distinct numbers imported. */
    public int imported() {
      return imported;
    }

    /** Lines refused. */
    public int errorCount() {
      return errorCount;
    }

    /** The first {@link #MAX_REPORTED_ERRORS} refused lines, {@code line N: why} (never the line's content). */
    public List<String> errors() {
      return errors;
    }

    @Override
    public String toString() {
      return "ListImport{" + state + " " + version + " of " + publishedAt + ", " + imported + " numbers, "
          + errorCount + " bad lines}";
    }
  }
}
