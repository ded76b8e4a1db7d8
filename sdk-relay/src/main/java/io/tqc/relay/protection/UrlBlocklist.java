package io.tqc.relay.protection;

import io.tqc.api.compliance.Link;
import io.tqc.api.compliance.UrlRules;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocklist of smishing domains and URLs the relay replaces at run time (for example from KISA's
 * reported-URL feed), checked by {@link RecipientProtectionPolicy} as {@code url_blocked} next to
 * the compliance engine's own link rules. Each import replaces the list as a whole, is answered
 * with the lines it refused, and is kept in the store's append-only {@link #history()}.
 *
 * <p>The list lives in a {@link ProtectionListStore} ({@link ListKind#URL_BLOCKLIST}):
 * {@link #UrlBlocklist()} keeps it in memory (lost at a restart); {@link Builder} on the SQLite
 * store of the data directory keeps it across restarts, and on the PostgreSQL store a fleet shares
 * it polls every {@linkplain Builder#pollInterval interval} (default 1 s) and swaps in a version
 * imported on another node. Lookups read an immutable snapshot without a lock. Thread-safe.
 */
public final class UrlBlocklist implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(UrlBlocklist.class);

  /** Most bad lines reported per import (the count of all of them is always given). */
  public static final int MAX_REPORTED_ERRORS = 100;

  /** The list in force: its stored version (null before the first import) and its rules. Immutable. */
  private static final class Snapshot {
    final ListVersion version;
    final UrlRules rules;

    Snapshot(ListVersion version, UrlRules rules) {
      this.version = version;
      this.rules = rules;
    }
  }

  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(null, emptyRules().build()));
  private final ProtectionListStore store;
  private final boolean ownsStore;
  private final Object refreshLock = new Object();
  private final Object installLock = new Object();
  private final ListPoller poller;

  /** A blocklist in memory only: re-import it after a restart. */
  public UrlBlocklist() {
    this.store = new InMemoryProtectionListStore();
    this.ownsStore = true;
    this.poller = null;
  }

  private UrlBlocklist(ProtectionListStore store, Duration pollInterval) throws IOException {
    this.store = store;
    this.ownsStore = false;
    refresh();
    this.poller = ListPoller.start("url-blocklist", pollInterval, this::refresh);
  }

  /** Configures a blocklist on a {@link ProtectionListStore} the caller owns (and closes). */
  public static final class Builder {
    private ProtectionListStore store;
    private Duration pollInterval = Duration.ofSeconds(1);

    /** The store: the data directory's {@link SqliteProtectionListStore} or the fleet's. Required. */
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
     * Loads the blocklist in force and starts polling.
     *
     * @throws IllegalArgumentException for a missing store or an invalid interval
     * @throws IOException if the store cannot be read (a relay must not start without its blocklist)
     */
    public UrlBlocklist open() throws IOException {
      if (store == null) {
        throw new IllegalArgumentException("store is required");
      }
      return new UrlBlocklist(store, ListPoller.check(pollInterval));
    }
  }

  private static UrlRules.Builder emptyRules() {
    return new UrlRules.Builder().shorteners(Collections.<String>emptyList());
  }

  /** The blocklist entry {@code link} matches, or null. */
  public String blockedBy(Link link) {
    return snapshot.get().rules.blockedBy(link);
  }

  /** True if nothing is blocked. */
  public boolean isEmpty() {
    UrlRules current = snapshot.get().rules;
    return current.blockedDomains().isEmpty() && current.blockedUrlCount() == 0;
  }

  /** Adds {@code entry} (a domain, or a URL if it holds a slash) to {@code builder}. */
  private static void add(UrlRules.Builder builder, String entry) {
    if (entry.indexOf('/') >= 0) {
      builder.blockUrl(entry);
    } else {
      builder.blockDomain(entry);
    }
  }

  /**
   * Replaces the blocklist with the entries of {@code lines}: a domain ({@code evil.example}, its
   * subdomains included) or a URL ({@code https://bit.ly/3AbC}, that path and below) a line; blank
   * lines and {@code #} comments skipped; bad lines reported as {@code line N: why}, good ones kept.
   * The new list is in force here when this returns, and on the other nodes of a shared store
   * within their poll interval.
   *
   * @throws IllegalArgumentException if the version or times are missing, or the list exceeds
   *     {@link UrlRules#MAX_BLOCKLIST} entries (nothing is imported then)
   * @throws IOException if the store cannot be written (nothing is imported then)
   */
  public synchronized BlocklistImport importList(String version, Instant publishedAt, Iterable<String> lines,
      Instant importedAt) throws IOException {
    ListLines.checkVersion(version, publishedAt, importedAt);
    final UrlRules.Builder builder = emptyRules();
    final Set<String> accepted = new LinkedHashSet<>();
    ListLines read = ListLines.read(lines, MAX_REPORTED_ERRORS, "not a domain name or URL", entry -> {
      if (entry.length() > ProtectionListStore.MAX_ENTRY_LENGTH) {
        return false;
      }
      try {
        add(builder, entry);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().contains("at most")) {
          throw e;
        }
        return false;
      }
      accepted.add(entry);
      return true;
    });
    UrlRules rules = builder.build();
    ListVersion stored = store.put(new ListVersion.Builder().kind(ListKind.URL_BLOCKLIST).version(version)
        .publishedAt(publishedAt).importedAt(importedAt).refused(read.refused).build(), accepted);
    install(new Snapshot(stored, rules));
    return new BlocklistImport(stored, read.errors);
  }

  private void install(Snapshot next) {
    synchronized (installLock) {
      ListVersion held = snapshot.get().version;
      if (held == null || held.seq() < next.version.seq()) {
        snapshot.set(next);
      }
    }
  }

  /**
   * Loads the blocklist if the store holds a newer version than the one in force here, and swaps
   * it in (single-flight; the poller calls it). Safe to call at any time.
   *
   * @throws IOException if the store cannot be read (the blocklist in force stays)
   */
  public void refresh() throws IOException {
    synchronized (refreshLock) {
      for (ListVersion version : store.current()) {
        if (version.kind() != ListKind.URL_BLOCKLIST) {
          continue;
        }
        ListVersion held = snapshot.get().version;
        if (held != null && held.seq() >= version.seq()) {
          return;
        }
        final UrlRules.Builder builder = emptyRules();
        final int[] skipped = {0};
        boolean loaded = store.entries(version, entry -> {
          try {
            add(builder, entry);
          } catch (IllegalArgumentException e) {
            skipped[0]++;
          }
        });
        if (loaded) {
          if (skipped[0] > 0) {
            LOG.warn("URL blocklist {}: {} stored entries are no longer valid and were skipped", version.version(),
                skipped[0]);
          }
          install(new Snapshot(version, builder.build()));
        }
      }
    }
  }

  /** Every import so far on this store (every node's, on a shared one), oldest first (append-only). */
  public List<BlocklistImport> history() throws IOException {
    List<BlocklistImport> out = new ArrayList<>();
    for (ListVersion version : store.history()) {
      if (version.kind() == ListKind.URL_BLOCKLIST) {
        out.add(new BlocklistImport(version, Collections.<String>emptyList()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The import in force on this node, or null if none. No I/O. */
  public BlocklistImport current() {
    ListVersion version = snapshot.get().version;
    return version == null ? null : new BlocklistImport(version, Collections.<String>emptyList());
  }

  /** Stops polling (the store is the caller's, except the in-memory one of {@link #UrlBlocklist()}). */
  @Override
  public void close() throws IOException {
    if (poller != null) {
      poller.stop();
    }
    if (ownsStore) {
      store.close();
    }
  }

  /** The outcome of one {@link #importList}. Immutable. */
  public static final class BlocklistImport extends ImportOutcome {
    BlocklistImport(ListVersion stored, List<String> errors) {
      super(stored, errors);
    }

    /** Distinct entries accepted. */
    public int entries() {
      return stored().entries();
    }

    @Override
    public String toString() {
      return "BlocklistImport{" + version() + " of " + publishedAt() + ", " + entries() + " entries, " + errorCount()
          + " bad lines}";
    }
  }
}
