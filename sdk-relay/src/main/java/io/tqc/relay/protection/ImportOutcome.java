package io.tqc.relay.protection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the outcome of every list import shares ({@link SenderNumberLists.ListImport},
 * {@link UrlBlocklist.BlocklistImport}): the version as the store keeps it and the lines the import
 * refused. Not public: each list's outcome type is, with these accessors. Immutable.
 */
abstract class ImportOutcome {
  private final ListVersion stored;
  private final List<String> errors;

  ImportOutcome(ListVersion stored, List<String> errors) {
    this.stored = stored;
    this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
  }

  /** The list's own version, as its publisher names it. */
  public String version() {
    return stored.version();
  }

  /** When the publisher produced the list. */
  public Instant publishedAt() {
    return stored.publishedAt();
  }

  /** When it was imported. */
  public Instant importedAt() {
    return stored.importedAt();
  }

  /** Lines refused. */
  public int errorCount() {
    return stored.refused();
  }

  /**
   * The first refused lines (at most the list's {@code MAX_REPORTED_ERRORS}), {@code line N: why}
   * (never the line's content); empty for an import read back from the store.
   */
  public List<String> errors() {
    return errors;
  }

  /** The version as the store keeps it (sequence number, importing node). */
  public ListVersion stored() {
    return stored;
  }
}
