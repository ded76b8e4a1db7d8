package io.tqc.api.key;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable JWK set (RFC 7517 §5) of Ed25519 verification keys, looked up by {@code kid}.
 * A relay publishes one; during key rotation it holds both the new and the previous key.
 */
public final class KeySet {
  /** Most keys a set may hold. */
  public static final int MAX_KEYS = 32;

  private final Map<String, VerificationKey> byKeyId;

  private KeySet(Map<String, VerificationKey> byKeyId) {
    this.byKeyId = Collections.unmodifiableMap(byKeyId);
  }

  /** A set of the given keys; key ids must be distinct. */
  public static KeySet of(VerificationKey... keys) {
    List<VerificationKey> list = new ArrayList<>();
    Collections.addAll(list, keys);
    return of(list);
  }

  /** A set of the given keys; key ids must be distinct. */
  public static KeySet of(Collection<VerificationKey> keys) {
    if (keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException("a key set holds at most " + MAX_KEYS + " keys");
    }
    Map<String, VerificationKey> map = new LinkedHashMap<>();
    for (VerificationKey key : keys) {
      if (map.put(key.keyId(), key) != null) {
        throw new IllegalArgumentException("duplicate key id " + key.keyId());
      }
    }
    return new KeySet(map);
  }

  /** Parses a JWKS document {@code {"keys":[...]}}; every key must be a public Ed25519 JWK with a {@code kid}. */
  public static KeySet parse(String json) throws TqcException {
    if (json.length() > 64 * 1024) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWKS larger than 64 KiB");
    }
    try {
      JsonObject root = Json.parseObject(json);
      List<Object> items = root.array("keys");
      if (items.size() > MAX_KEYS) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWKS holds more than " + MAX_KEYS + " keys");
      }
      Map<String, VerificationKey> map = new LinkedHashMap<>();
      for (Object item : items) {
        if (!(item instanceof JsonObject)) {
          throw new TqcException(ReasonCode.KEY_INVALID, "JWKS: \"keys\" holds a non-object");
        }
        JsonObject jwk = (JsonObject) item;
        if (jwk.optString("kid") == null) {
          throw new TqcException(ReasonCode.KEY_INVALID, "JWKS: every key needs a \"kid\"");
        }
        VerificationKey key = VerificationKey.fromJwk(jwk);
        if (map.put(key.keyId(), key) != null) {
          throw new TqcException(ReasonCode.KEY_INVALID, "JWKS: duplicate kid");
        }
      }
      return new KeySet(map);
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWKS: " + e.getMessage());
    }
  }

  /** The key with this id, or {@code null}. */
  public VerificationKey find(String keyId) {
    return keyId == null ? null : byKeyId.get(keyId);
  }

  /** All keys, in insertion order. */
  public Collection<VerificationKey> keys() {
    return byKeyId.values();
  }

  /** A new set with {@code key} added (replacing a key with the same id). */
  public KeySet with(VerificationKey key) {
    Map<String, VerificationKey> map = new LinkedHashMap<>(byKeyId);
    map.put(key.keyId(), key);
    return new KeySet(map);
  }

  /** A new set without the key of this id. */
  public KeySet without(String keyId) {
    Map<String, VerificationKey> map = new LinkedHashMap<>(byKeyId);
    map.remove(keyId);
    return new KeySet(map);
  }

  /** The JWKS document, compact JSON. */
  public String toJson() {
    List<Object> keys = new ArrayList<>();
    for (VerificationKey key : byKeyId.values()) {
      keys.add(key.toJwkMap());
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("keys", keys);
    return Json.write(root);
  }

  @Override
  public String toString() {
    return "KeySet" + byKeyId.keySet();
  }
}
