package io.tqc.relay.enforcement;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * An enforcement case against one reseller: the reports traced to it, reviewed and either
 * sanctioned or dismissed. {@link #version()} counts the entries of its history (it is the
 * compare-and-set value of every change). Immutable; the history is read separately.
 */
public final class Case {
  private final String id;
  private final ResellerId resellerId;
  private final CaseState state;
  private final long version;
  private final int reportCount;
  private final Instant openedAt;
  private final Instant updatedAt;
  private final String sanctionId;

  private Case(Builder b) {
    if (b.id == null || b.resellerId == null || b.state == null || b.openedAt == null || b.updatedAt == null) {
      throw new IllegalArgumentException("id, reseller, state, openedAt and updatedAt are required");
    }
    if (b.version < 1 || b.reportCount < 0) {
      throw new IllegalArgumentException("version >= 1 and reportCount >= 0 are required");
    }
    this.id = b.id;
    this.resellerId = b.resellerId;
    this.state = b.state;
    this.version = b.version;
    this.reportCount = b.reportCount;
    this.openedAt = Instant.ofEpochMilli(b.openedAt.toEpochMilli());
    this.updatedAt = Instant.ofEpochMilli(b.updatedAt.toEpochMilli());
    this.sanctionId = b.sanctionId;
  }

  /** The case id. */
  public String id() {
    return id;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The state. */
  public CaseState state() {
    return state;
  }

  /** Number of history entries (starts at 1 when opened). */
  public long version() {
    return version;
  }

  /** Number of reports in the case. */
  public int reportCount() {
    return reportCount;
  }

  /** When it was opened. */
  public Instant openedAt() {
    return openedAt;
  }

  /** When it last changed. */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** The sanction imposed, or {@code null}. */
  public String sanctionId() {
    return sanctionId;
  }

  /** A builder holding this case's values, for the next version. */
  public Builder newBuilder() {
    return new Builder().id(id).resellerId(resellerId).state(state).version(version).reportCount(reportCount)
        .openedAt(openedAt).updatedAt(updatedAt).sanctionId(sanctionId);
  }

  @Override
  public String toString() {
    return "Case{" + id + ", " + resellerId + ", " + state + ", v" + version + ", reports=" + reportCount + "}";
  }

  /** Builds a {@link Case}. */
  public static final class Builder {
    private String id;
    private ResellerId resellerId;
    private CaseState state;
    private long version;
    private int reportCount;
    private Instant openedAt;
    private Instant updatedAt;
    private String sanctionId;

    /** The id. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The reseller. */
    public Builder resellerId(ResellerId resellerId) {
      this.resellerId = resellerId;
      return this;
    }

    /** The state. */
    public Builder state(CaseState state) {
      this.state = state;
      return this;
    }

    /** The version. */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** The report count. */
    public Builder reportCount(int reportCount) {
      this.reportCount = reportCount;
      return this;
    }

    /** When opened. */
    public Builder openedAt(Instant openedAt) {
      this.openedAt = openedAt;
      return this;
    }

    /** When last changed. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** The sanction id. */
    public Builder sanctionId(String sanctionId) {
      this.sanctionId = sanctionId;
      return this;
    }

    /** Validates and builds. */
    public Case build() {
      return new Case(this);
    }
  }
}
