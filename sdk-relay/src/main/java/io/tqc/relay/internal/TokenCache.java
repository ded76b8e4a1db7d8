package io.tqc.relay.internal;

import io.tqc.api.internal.Digests;
import io.tqc.api.token.CertificationToken;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tokens whose signature and claims were verified, keyed by the token's SHA-256 digest, so a
 * reseller sending many batches per token costs one signature verification. Callers still check the
 * token's times on every use. Bounded: when full, expired tokens are dropped; if none is expired,
 * new tokens are simply not cached. One cache belongs to one relay key set.
 */
public final class TokenCache {
  private final int capacity;
  private final long skewSeconds;
  private final ConcurrentHashMap<String, CertificationToken> tokens = new ConcurrentHashMap<>();
  private final AtomicBoolean purging = new AtomicBoolean();

  /** A cache of at most {@code capacity} tokens; tokens are dropped {@code skewSeconds} after {@code exp}. */
  public TokenCache(int capacity, long skewSeconds) {
    this.capacity = capacity;
    this.skewSeconds = skewSeconds;
  }

  /** The verified token whose compact form is exactly {@code compact}, or {@code null}. */
  public CertificationToken get(String compact) {
    if (capacity == 0) {
      return null;
    }
    CertificationToken cached = tokens.get(Digests.sha256Base64Url(compact));
    return cached != null && cached.compact().equals(compact) ? cached : null;
  }

  /** Caches a token this relay just verified. */
  public void put(CertificationToken verified, Instant now) {
    if (capacity == 0) {
      return;
    }
    if (tokens.size() >= capacity) {
      purge(now);
      if (tokens.size() >= capacity) {
        return;
      }
    }
    tokens.putIfAbsent(verified.digest(), verified);
  }

  private void purge(Instant now) {
    if (!purging.compareAndSet(false, true)) {
      return;
    }
    try {
      long nowSeconds = now.getEpochSecond();
      Iterator<CertificationToken> it = tokens.values().iterator();
      while (it.hasNext()) {
        if (it.next().claims().expiresAt().getEpochSecond() + skewSeconds <= nowSeconds) {
          it.remove();
        }
      }
    } finally {
      purging.set(false);
    }
  }

  /** Number of cached tokens. */
  public int size() {
    return tokens.size();
  }
}
