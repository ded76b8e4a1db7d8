package io.tqc.api.token;

import io.tqc.api.key.VerificationKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reseller keys already decoded from proof headers, by the header's exact base64url text. A
 * reseller signs every batch with the same key, so every proof it sends carries the same header
 * ({@code alg}, {@code typ}, {@code jwk}) byte for byte; decoding that header's key (JSON, RFC 8037
 * checks, the curve point, the RFC 7638 thumbprint) once per reseller instead of once per batch
 * saves about a tenth of an Ed25519 verification. Sound because the result is a pure function of
 * the header text: a header that differs in any byte is a different entry, and a header is
 * remembered only after a proof carrying it verified and its key matched a verified token's
 * {@code cnf.jkt}, so proofs signed by keys without a relay-issued token never take a place.
 *
 * <p>Bounded: when {@code capacity} headers are held, the whole map is dropped and refilled (keys are
 * cheap to decode again; no entry is ever wrong). Reads take no lock. Thread-safe.
 */
final class ProofKeys {
  private final int capacity;
  private final ConcurrentHashMap<String, VerificationKey> keys;

  ProofKeys(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("proof key cache size must be >= 0");
    }
    this.capacity = capacity;
    this.keys = capacity == 0 ? null : new ConcurrentHashMap<String, VerificationKey>(Math.min(capacity, 1024));
  }

  int capacity() {
    return capacity;
  }

  /** The key decoded earlier from exactly {@code encodedHeader}, or {@code null}. */
  VerificationKey get(String encodedHeader) {
    return keys == null ? null : keys.get(encodedHeader);
  }

  /** Remembers that {@code encodedHeader} decoded to {@code key}. */
  void put(String encodedHeader, VerificationKey key) {
    if (keys == null) {
      return;
    }
    if (keys.size() >= capacity) {
      keys.clear();
    }
    keys.put(encodedHeader, key);
  }

  /** Number of headers held. */
  int size() {
    return keys == null ? 0 : keys.size();
  }
}
