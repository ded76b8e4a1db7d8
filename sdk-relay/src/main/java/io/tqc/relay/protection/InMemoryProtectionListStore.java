package io.tqc.relay.protection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link ProtectionListStore} in memory: lost at exit (re-import the lists after a restart). For
 * tests and single runs; several {@link SenderNumberLists} or {@link UrlBlocklist}s on one instance
 * behave as nodes of a fleet on one shared store. Thread-safe.
 */
public final class InMemoryProtectionListStore implements ProtectionListStore {
  private static final class Held {
    final ListVersion version;
    final String[] entries;

    Held(ListVersion version, String[] entries) {
      this.version = version;
      this.entries = entries;
    }
  }

  private final Map<ListKind, Held> current = new EnumMap<>(ListKind.class);
  private final List<ListVersion> history = new ArrayList<>();
  private long seq;

  /** An empty store. */
  public InMemoryProtectionListStore() {}

  @Override
  public synchronized ListVersion put(ListVersion draft, Iterable<String> entries) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String entry : entries) {
      distinct.add(checkEntry(entry));
    }
    ListVersion stored = draft.toBuilder().seq(++seq).entries(distinct.size()).nodeId(null).build();
    current.put(draft.kind(), new Held(stored, distinct.toArray(new String[0])));
    history.add(stored);
    return stored;
  }

  static String checkEntry(String entry) {
    if (entry == null || entry.isEmpty() || entry.length() > MAX_ENTRY_LENGTH) {
      throw new IllegalArgumentException("a list entry must be 1-" + MAX_ENTRY_LENGTH + " characters");
    }
    return entry;
  }

  @Override
  public synchronized List<ListVersion> current() {
    List<ListVersion> out = new ArrayList<>();
    for (Held held : current.values()) {
      out.add(held.version);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean entries(ListVersion version, Consumer<String> sink) {
    String[] entries;
    synchronized (this) {
      Held held = current.get(version.kind());
      if (held == null || held.version.seq() != version.seq()) {
        return false;
      }
      entries = held.entries;
    }
    for (String entry : entries) {
      sink.accept(entry);
    }
    return true;
  }

  @Override
  public synchronized List<ListVersion> history() {
    return Collections.unmodifiableList(new ArrayList<>(history));
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "InMemoryProtectionListStore";
  }
}
