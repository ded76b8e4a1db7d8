package io.tqc.relay.enforcement;

import io.tqc.api.token.ResellerId;

/** Whom a quota applies to: one reseller, or one first-sender identification code. Immutable. */
public final class QuotaSubject {
  /** The kinds of subject. */
  public enum Kind {
    /** A reseller (all its batches). */
    RESELLER,
    /** A first-sender identification code (all batches carrying it). */
    ORIGIN_CODE
  }

  private final Kind kind;
  private final String value;

  private QuotaSubject(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /** The reseller {@code id}. */
  public static QuotaSubject reseller(ResellerId id) {
    if (id == null) {
      throw new IllegalArgumentException("reseller id is required");
    }
    return new QuotaSubject(Kind.RESELLER, id.value());
  }

  /** The first-sender identification code {@code code}. */
  public static QuotaSubject originCode(String code) {
    if (code == null || !code.matches("[0-9A-Za-z]{1,32}")) {
      throw new IllegalArgumentException("origin code must be 1-32 letters or digits");
    }
    return new QuotaSubject(Kind.ORIGIN_CODE, code);
  }

  /** The subject stored under {@code key} (as returned by {@link #key()}). */
  public static QuotaSubject fromKey(String key) {
    if (key != null && key.startsWith("reseller:")) {
      return new QuotaSubject(Kind.RESELLER, key.substring(9));
    }
    if (key != null && key.startsWith("origin:")) {
      return originCode(key.substring(7));
    }
    throw new IllegalArgumentException("not a quota subject key");
  }

  /** The kind. */
  public Kind kind() {
    return kind;
  }

  /** The reseller id or origin code. */
  public String value() {
    return value;
  }

  /** The stable storage key: {@code reseller:<id>} or {@code origin:<code>}. */
  public String key() {
    return (kind == Kind.RESELLER ? "reseller:" : "origin:") + value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuotaSubject && ((QuotaSubject) o).kind == kind && ((QuotaSubject) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return key();
  }
}
