package io.tqc.relay;

import io.tqc.relay.internal.InMemoryReplayCache;
import java.time.Instant;

/**
 * Remembers one-time identifiers (batch proof {@code jti}s, client assertion {@code jti}s) until
 * they expire, so a second use is refused. The relay prefixes identifiers by kind, so one cache
 * serves both.
 *
 * <p>A fleet of relay nodes behind a load balancer shares one implementation (for example on
 * Redis with {@code SET NX PX}); the default {@linkplain #inMemory(int) in-memory} cache protects
 * one node. Implementations must be thread-safe and must never forget an identifier before its
 * expiry: when full they answer {@link Result#FULL} and the relay refuses the request
 * ({@code rate_limited}) rather than risk accepting a replay. A cache that cannot answer at all
 * (its server down, unreachable or slower than its timeout) answers {@link Result#UNAVAILABLE}
 * and the relay refuses the request ({@code relay_unavailable}, retryable): nothing is ever
 * accepted without the replay check. Implementations answer within a bounded time and do not
 * throw.
 */
public interface ReplayCache {
  /** The outcome of {@link #remember}. */
  enum Result {
    /** The identifier was not known; it is now remembered until its expiry. */
    FIRST_USE,
    /** The identifier is already remembered: a replay. */
    REPLAYED,
    /** The cache cannot remember another identifier now; refuse the request. */
    FULL,
    /**
     * The cache cannot answer now (for example its server is down or timed out); whether the
     * identifier was seen is unknown. Refuse the request as retryable.
     */
    UNAVAILABLE
  }

  /**
   * Atomically checks and remembers {@code id} until {@code expiresAt}.
   *
   * @param now the relay's current time (entries with an expiry at or before it may be dropped)
   */
  Result remember(String id, Instant expiresAt, Instant now);

  /**
   * Whether every node of a fleet shares this cache (for example one Redis). The relay seeds a
   * node-local cache with the batch ids of the replay window from its audit store at start-up; a
   * shared cache is not seeded (the other nodes keep it filled, and the audit table's unique batch id
   * is the authority that refuses a replay the cache no longer remembers). Default {@code false}.
   */
  default boolean shared() {
    return false;
  }

  /**
   * How many identifiers the cache holds now (expired ones not yet dropped may count), for
   * statistics; -1 when it cannot tell cheaply (the default, and for a cache on a shared server).
   * Called at each statistics read, never on the batch path: must not block.
   */
  default long size() {
    return -1;
  }

  /**
   * The in-process default: a bounded in-memory cache holding at most {@code capacity} unexpired
   * identifiers. Memory is proportional to throughput times the acceptance window.
   */
  static ReplayCache inMemory(int capacity) {
    return new InMemoryReplayCache(capacity);
  }
}
