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
  private final ReplayCache shared;
  private volatile ReplayCache current;
  private volatile long round;

  RecyclingReplayCache(int capacity) {
    this.capacity = capacity;
    this.shared = null;
    this.current = ReplayCache.inMemory(capacity);
  }

  /**
   * Over a shared cache that cannot be emptied cheaply (Redis): {@link #forget()} starts a new
   * round, and each identifier is presented with its round number, so it is new to the cache.
   */
  RecyclingReplayCache(ReplayCache shared) {
    this.capacity = 0;
    this.shared = shared;
    this.current = shared;
  }

  @Override
  public Result remember(String id, Instant expiresAt, Instant now) {
    if (shared != null) {
      return shared.remember(round + ":" + id, expiresAt, now);
    }
    return current.remember(id, expiresAt, now);
  }

  /** Drops every remembered identifier (a new empty cache of the same capacity, or a new round). */
  void forget() {
    if (shared != null) {
      round++;
    } else {
      current = ReplayCache.inMemory(capacity);
    }
  }
}
