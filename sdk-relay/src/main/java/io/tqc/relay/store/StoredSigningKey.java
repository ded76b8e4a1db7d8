package io.tqc.relay.store;

import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  private static final Set<String> ENTRY_MEMBERS =
      new HashSet<>(Arrays.asList("jwk", "created_at", "retired_at", "remove_after"));

  /**
   * The key set as JSON (UTF-8): {@code {"keys": [{"jwk": {private JWK with kid}, "created_at": s,
   * "retired_at": s|null, "remove_after": s|null}]}}. Holds private keys: a store encrypts or
   * protects these bytes.
   */
  public static byte[] encodeAll(List<StoredSigningKey> keys) {
    List<Object> entries = new ArrayList<>();
    for (StoredSigningKey stored : keys) {
      Map<String, Object> entry = new LinkedHashMap<>();
      try {
        entry.put("jwk", Json.parseObject(stored.key().exportPrivateJwk()));
      } catch (JsonException e) {
        throw new IllegalStateException("exported JWK is not JSON", e);
      }
      entry.put("created_at", stored.createdAt().getEpochSecond());
      entry.put("retired_at", stored.retiredAt() == null ? null : stored.retiredAt().getEpochSecond());
      entry.put("remove_after", stored.removeAfter() == null ? null : stored.removeAfter().getEpochSecond());
      entries.add(entry);
    }
    return Json.write(Collections.singletonMap("keys", entries)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a key set written by {@link #encodeAll}.
   *
   * @throws IOException naming what is wrong (never key material) if the bytes are not a valid key set
   */
  public static List<StoredSigningKey> decodeAll(byte[] bytes) throws IOException {
    try {
      JsonObject root = Json.parseObject(bytes);
      root.requireOnly(Collections.singleton("keys"), "key set");
      List<StoredSigningKey> keys = new ArrayList<>();
      for (Object item : root.array("keys")) {
        if (!(item instanceof JsonObject)) {
          throw new JsonException("\"keys\" holds a non-object");
        }
        JsonObject entry = (JsonObject) item;
        entry.requireOnly(ENTRY_MEMBERS, "key entry");
        SigningKey key = SigningKey.fromJwk(Json.write(entry.object("jwk")));
        keys.add(new StoredSigningKey(key, Instant.ofEpochSecond(entry.numericDate("created_at")),
            optInstant(entry, "retired_at"), optInstant(entry, "remove_after")));
      }
      return Collections.unmodifiableList(keys);
    } catch (JsonException | TqcException | IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }

  private static Instant optInstant(JsonObject entry, String name) throws JsonException {
    return entry.asMap().get(name) == null ? null : Instant.ofEpochSecond(entry.numericDate(name));
  }

  @Override
  public String toString() {
    return "StoredSigningKey{kid=" + key.keyId() + ", created=" + createdAt
        + (retiredAt == null ? ", active" : ", retired=" + retiredAt + ", removeAfter=" + removeAfter) + "}";
  }
}
