package io.tqc.relay.protection;

import io.tqc.api.compliance.Link;
import io.tqc.api.compliance.UrlRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A blocklist of smishing domains and URLs the relay replaces at run time (for example from KISA's
 * reported-URL feed), checked by {@link RecipientProtectionPolicy} as {@code url_blocked} next to
 * the compliance engine's own link rules. Each import replaces the list as a whole, is answered
 * with the lines it refused, and is kept in the append-only {@link #history()} (in memory: re-import
 * after a restart). Lookups read an immutable snapshot without a lock. Thread-safe.
 */
public final class UrlBlocklist {
  /** Most bad lines reported per import (the count of all of them is always given). */
  public static final int MAX_REPORTED_ERRORS = 100;

  private final AtomicReference<UrlRules> rules = new AtomicReference<>(
      new UrlRules.Builder().shorteners(Collections.<String>emptyList()).build());
  private final List<BlocklistImport> history = new ArrayList<>();

  /** The blocklist entry {@code link} matches, or null. */
  public String blockedBy(Link link) {
    return rules.get().blockedBy(link);
  }

  /** True if nothing is blocked. */
  public boolean isEmpty() {
    UrlRules current = rules.get();
    return current.blockedDomains().isEmpty() && current.blockedUrlCount() == 0;
  }

  /**
   * Replaces the blocklist with the entries of {@code lines}: a domain ({@code evil.example}, its
   * subdomains included) or a URL ({@code https://bit.ly/3AbC}, that path and below) a line; blank
   * lines and {@code #} comments skipped; bad lines reported as {@code line N: why}, good ones kept.
   *
   * @throws IllegalArgumentException if the version or times are missing, or the list exceeds
   *     {@link UrlRules#MAX_BLOCKLIST} entries (nothing is imported then)
   */
  public synchronized BlocklistImport importList(String version, Instant publishedAt, Iterable<String> lines,
      Instant importedAt) {
    if (version == null || version.trim().isEmpty() || version.length() > 64 || publishedAt == null || importedAt == null) {
      throw new IllegalArgumentException("version (1-64 characters), publishedAt and importedAt are required");
    }
    UrlRules.Builder builder = new UrlRules.Builder().shorteners(Collections.<String>emptyList());
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    int entries = 0;
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      String entry = line == null ? "" : line.trim();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      try {
        if (entry.indexOf('/') >= 0) {
          builder.blockUrl(entry);
        } else {
          builder.blockDomain(entry);
        }
        entries++;
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().contains("at most")) {
          throw e;
        }
        errorCount++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
          errors.add("line " + lineNumber + ": not a domain name or URL");
        }
      }
    }
    rules.set(builder.build());
    BlocklistImport done = new BlocklistImport(version.trim(), publishedAt, importedAt, entries, errorCount, errors);
    history.add(done);
    return done;
  }

  /** Every import so far, oldest first (append-only). */
  public synchronized List<BlocklistImport> history() {
    return Collections.unmodifiableList(new ArrayList<>(history));
  }

  /** The outcome of one {@link #importList}. Immutable. */
  public static final class BlocklistImport {
    private final String version;
    private final Instant publishedAt;
    private final Instant importedAt;
    private final int entries;
    private final int errorCount;
    private final List<String> errors;

    BlocklistImport(String version, Instant publishedAt, Instant importedAt, int entries, int errorCount,
        List<String> errors) {
      this.version = version;
      this.publishedAt = publishedAt;
      this.importedAt = importedAt;
      this.entries = entries;
      this.errorCount = errorCount;
      this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    /** The feed's version. */
    public String version() {
      return version;
    }

    /** When the feed was published. */
    public Instant publishedAt() {
      return publishedAt;
    }

    /** When it was imported. */
    public Instant importedAt() {
      return importedAt;
    }

    /** Entries accepted (duplicates counted once per line). */
    public int entries() {
      return entries;
    }

    /** Lines refused. */
    public int errorCount() {
      return errorCount;
    }

    /** The first refused lines, {@code line N: why}. */
    public List<String> errors() {
      return errors;
    }

    @Override
    public String toString() {
      return "BlocklistImport{" + version + " of " + publishedAt + ", " + entries + " entries, " + errorCount
          + " bad lines}";
    }
  }
}
