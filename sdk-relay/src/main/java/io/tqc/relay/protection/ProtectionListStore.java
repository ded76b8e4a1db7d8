package io.tqc.relay.protection;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a relay keeps its imported protection lists (the sender-number lists and the URL
 * blocklist): for each {@link ListKind} the version in force with its entries, and the append-only
 * history of every version imported. {@link InMemoryProtectionListStore} for tests and single runs,
 * {@link SqliteProtectionListStore} in a node's data directory, and a fleet store on PostgreSQL
 * ({@code PostgresProtectionListStore}) that every node of a fleet reads, so a list imported on one
 * node is enforced by all.
 *
 * <p>The store is not on the batch path: {@link SenderNumberLists} and {@link UrlBlocklist} load the
 * version in force into an immutable in-memory snapshot and poll {@link #current()} (a few header
 * rows) for a newer one. Implementations are thread-safe; an {@link IOException} from a write means
 * nothing of it was stored.
 */
public interface ProtectionListStore extends Closeable {
  /** Most characters of one entry. */
  int MAX_ENTRY_LENGTH = 2048;

  /**
   * Stores a new version of list {@code draft.kind()} as a whole, durably and atomically: its
   * entries replace the previous version's, and the version is appended to the history. Entries
   * are consumed once, in batches (a large list is never copied whole by the store); duplicates are
   * stored once.
   *
   * @param draft the version's kind, name, times and refused-line count (its seq, entry count and
   *     node id are set by the store)
   * @return the stored version, with its sequence number (higher than every earlier one), distinct
   *     entry count and node id
   * @throws IllegalArgumentException if an entry is null, empty or longer than {@link #MAX_ENTRY_LENGTH}
   *     (nothing is stored then)
   * @throws IOException if the version cannot be stored (nothing is stored then)
   */
  ListVersion put(ListVersion draft, Iterable<String> entries) throws IOException;

  /** The version in force of each kind that has one, in {@link ListKind} order. Cheap: polled. */
  List<ListVersion> current() throws IOException;

  /**
   * Passes every entry of {@code version} to {@code sink} (streamed, in no particular order), if it
   * is still the version in force of its kind.
   *
   * @return false, having passed nothing, if a newer version has replaced it (read {@link #current()}
   *     again)
   */
  boolean entries(ListVersion version, Consumer<String> sink) throws IOException;

  /** Every version stored, oldest first (append-only). */
  List<ListVersion> history() throws IOException;
}
