package io.tqc.relay.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tqc.api.internal.Digests;
import io.tqc.api.token.CertificationToken;

/**
 * Tokens whose signature and claims were verified, keyed by the token's SHA-256 digest, so a
 * reseller sending many batches per token costs one signature verification. Callers still check the
 * token's times on every use. Bounded by Caffeine's size eviction (W-TinyLFU: a small LRU window in
 * front of a frequency-filtered main LRU): when full, the least recently and least often used token
 * goes, so the cache keeps serving the resellers that send, however many there are, and an expired
 * token, never used again, is among the first to go. Reads take no lock. One cache belongs to one
 * relay key set.
 */
public final class VerifiedTokenCache {
  private final Cache<String, CertificationToken> tokens;

  /** A cache of at most {@code capacity} tokens ({@code 0}: nothing is cached). */
  public VerifiedTokenCache(int capacity) {
    // Maintenance (eviction) runs on the calling thread, amortised over reads and writes: no pool.
    this.tokens = capacity == 0 ? null
        : Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  /** The verified token whose compact form is exactly {@code compact}, or {@code null}. */
  public CertificationToken get(String compact) {
    if (tokens == null) {
      return null;
    }
    CertificationToken cached = tokens.getIfPresent(Digests.sha256Base64Url(compact));
    return cached != null && cached.compact().equals(compact) ? cached : null;
  }

  /** Caches a token this relay just verified. */
  public void put(CertificationToken verified) {
    if (tokens != null) {
      tokens.put(verified.digest(), verified);
    }
  }

  /** Number of cached tokens (after pending evictions). */
  public long size() {
    if (tokens == null) {
      return 0;
    }
    tokens.cleanUp();
    return tokens.estimatedSize();
  }
}
