package io.tqc.bench;

import io.tqc.relay.ReplayCache;
import java.time.Instant;

/**
 * The relay's own bounded in-memory replay cache, which a benchmark can replace with an empty one
 * ({@link #forget()}) when it starts over its pool of pre-signed proofs. Every call measures a real
 * insertion into {@link ReplayCache#inMemory}; a proof is never presented twice to the same cache.
 * This stands in for time passing: with the benchmark's fixed clock, entries would never expire.
 */
final class RecyclingReplayCache implements ReplayCache {
  private final int capacity;
  private volatile ReplayCache current;

  RecyclingReplayCache(int capacity) {
    this.capacity = capacity;
    this.current = ReplayCache.inMemory(capacity);
  }

  @Override
  public Result remember(String id, Instant expiresAt, Instant now) {
    return current.remember(id, expiresAt, now);
  }

  /** Drops every remembered identifier (a new empty cache of the same capacity). */
  void forget() {
    current = ReplayCache.inMemory(capacity);
  }
}
