package io.tqc.relay.store;

import io.tqc.api.key.SigningKey;
import java.time.Instant;

/**
 * A relay signing key with its rotation state: when it was created, when it stopped signing
 * ({@code null} while it is the active key) and from when it may be dropped from the published key
 * set (every token or status it signed has expired by then). Immutable.
 */
public final class StoredSigningKey {
  private final SigningKey key;
  private final Instant createdAt;
  private final Instant retiredAt;
  private final Instant removeAfter;

  /**
   * A stored key.
   *
   * @param retiredAt when it stopped signing, or {@code null} for the active key
   * @param removeAfter when it may be dropped, or {@code null} for the active key
   */
  public StoredSigningKey(SigningKey key, Instant createdAt, Instant retiredAt, Instant removeAfter) {
    if (key == null || createdAt == null) {
      throw new IllegalArgumentException("key and createdAt are required");
    }
    if ((retiredAt == null) != (removeAfter == null)) {
      throw new IllegalArgumentException("retiredAt and removeAfter are set together");
    }
    this.key = key;
    this.createdAt = Instant.ofEpochSecond(createdAt.getEpochSecond());
    this.retiredAt = retiredAt == null ? null : Instant.ofEpochSecond(retiredAt.getEpochSecond());
    this.removeAfter = removeAfter == null ? null : Instant.ofEpochSecond(removeAfter.getEpochSecond());
  }

  /** The private key (its {@code kid} is the key id published in the JWKS). */
  public SigningKey key() {
    return key;
  }

  /** When it was created. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When it stopped signing, or {@code null} if it is the active key. */
  public Instant retiredAt() {
    return retiredAt;
  }

  /** When it may be dropped from the key set, or {@code null} if it is the active key. */
  public Instant removeAfter() {
    return removeAfter;
  }

  /** True if this is the key that signs. */
  public boolean active() {
    return retiredAt == null;
  }

  /** A retired copy of this key. */
  public StoredSigningKey retire(Instant at, Instant removeAfter) {
    return new StoredSigningKey(key, createdAt, at, removeAfter);
  }

  @Override
  public String toString() {
    return "StoredSigningKey{kid=" + key.keyId() + ", created=" + createdAt
        + (retiredAt == null ? ", active" : ", retired=" + retiredAt + ", removeAfter=" + removeAfter) + "}";
  }
}
