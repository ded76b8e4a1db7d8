package io.tqc.relay.protection;

import java.time.Instant;

/**
 * One imported version of a protection list as a {@link ProtectionListStore} keeps it: which list,
 * the store's sequence number (increasing across all kinds, in commit order: a higher one is newer),
 * the publisher's own version name and time, when and by which node it was imported, how many
 * distinct entries it holds and how many lines the import refused. Immutable; built by its
 * {@link Builder}, validated once.
 */
public final class ListVersion {
  /** Longest version name. */
  public static final int MAX_VERSION_LENGTH = 64;

  private final ListKind kind;
  private final long seq;
  private final String version;
  private final Instant publishedAt;
  private final Instant importedAt;
  private final int entries;
  private final int refused;
  private final String nodeId;

  private ListVersion(Builder b) {
    this.kind = b.kind;
    this.seq = b.seq;
    this.version = b.version;
    this.publishedAt = b.publishedAt;
    this.importedAt = b.importedAt;
    this.entries = b.entries;
    this.refused = b.refused;
    this.nodeId = b.nodeId;
  }

  /** Which list. */
  public ListKind kind() {
    return kind;
  }

  /** The store's sequence number; 0 for a version not stored yet (the argument of {@link ProtectionListStore#put}). */
  public long seq() {
    return seq;
  }

  /** The list's version as its publisher names it. */
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

  /** Distinct entries held (numbers, or blocklist domains and URLs). */
  public int entries() {
    return entries;
  }

  /** Lines the import refused. */
  public int refused() {
    return refused;
  }

  /** The node that imported it on a fleet store; null on a single-node store. */
  public String nodeId() {
    return nodeId;
  }

  /** A builder holding this version's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.seq = seq;
    b.version = version;
    b.publishedAt = publishedAt;
    b.importedAt = importedAt;
    b.entries = entries;
    b.refused = refused;
    b.nodeId = nodeId;
    return b;
  }

  @Override
  public String toString() {
    return "ListVersion{" + kind + " #" + seq + " " + version + " of " + publishedAt + ", " + entries + " entries, "
        + refused + " refused" + (nodeId == null ? "" : ", node " + nodeId) + "}";
  }

  /** Builds a {@link ListVersion}. */
  public static final class Builder {
    private ListKind kind;
    private long seq;
    private String version;
    private Instant publishedAt;
    private Instant importedAt;
    private int entries;
    private int refused;
    private String nodeId;

    /** Which list. Required. */
    public Builder kind(ListKind kind) {
      this.kind = kind;
      return this;
    }

    /** The store's sequence number (stores set it; default 0: not stored yet). */
    public Builder seq(long seq) {
      this.seq = seq;
      return this;
    }

    /** The publisher's version, 1-64 characters (trimmed). Required. */
    public Builder version(String version) {
      this.version = version == null ? null : version.trim();
      return this;
    }

    /** When the publisher produced it. Required. */
    public Builder publishedAt(Instant publishedAt) {
      this.publishedAt = publishedAt;
      return this;
    }

    /** When it was imported. Required. */
    public Builder importedAt(Instant importedAt) {
      this.importedAt = importedAt;
      return this;
    }

    /** Distinct entries (stores set it from what they stored). */
    public Builder entries(int entries) {
      this.entries = entries;
      return this;
    }

    /** Lines the import refused (default 0). */
    public Builder refused(int refused) {
      this.refused = refused;
      return this;
    }

    /** The importing node's id on a fleet store (stores set it). */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the missing or invalid value
     */
    public ListVersion build() {
      if (kind == null) {
        throw new IllegalArgumentException("kind is required");
      }
      if (version == null || version.isEmpty() || version.length() > MAX_VERSION_LENGTH) {
        throw new IllegalArgumentException("version (1-64 characters) is required");
      }
      if (publishedAt == null || importedAt == null) {
        throw new IllegalArgumentException("publishedAt and importedAt are required");
      }
      if (seq < 0 || entries < 0 || refused < 0) {
        throw new IllegalArgumentException("seq, entries and refused must not be negative");
      }
      return new ListVersion(this);
    }
  }
}
