package io.tqc.relay.internal;

import io.tqc.relay.ReplayCache;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process {@link ReplayCache}: identifiers in a concurrent map, indexed by expiry second
 * so expired ones are dropped cheaply. Never holds more than {@code capacity} identifiers and never
 * drops one before its expiry: when full of unexpired identifiers it answers {@code FULL}.
 * Lock-free on the calling thread apart from one non-blocking purge flag.
 */
public final class InMemoryReplayCache implements ReplayCache {
  private final int capacity;
  private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, Set<String>> byExpiry = new ConcurrentSkipListMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean purging = new AtomicBoolean();
  /** The second of the last full sweep: a full cache sweeps the whole map at most once per second. */
  private final AtomicLong lastFullSweep = new AtomicLong(Long.MIN_VALUE);

  /** A cache holding at most {@code capacity} unexpired identifiers. */
  public InMemoryReplayCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.capacity = capacity;
  }

  @Override
  public Result remember(String id, Instant expiresAt, Instant now) {
    long nowSecond = now.getEpochSecond();
    // Round up so an identifier is never dropped before its expiry.
    long expirySecond = expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
    purgeExpired(nowSecond, false);
    if (expiries.containsKey(id)) {
      return Result.REPLAYED;
    }
    if (!reserve(nowSecond)) {
      return Result.FULL;
    }
    if (expiries.putIfAbsent(id, expirySecond) != null) {
      size.decrementAndGet();
      return Result.REPLAYED;
    }
    Set<String> bucket = byExpiry.get(expirySecond);
    if (bucket == null) {
      Set<String> created = ConcurrentHashMap.newKeySet();
      bucket = byExpiry.putIfAbsent(expirySecond, created);
      if (bucket == null) {
        bucket = created;
      }
    }
    bucket.add(id);
    return Result.FIRST_USE;
  }

  private boolean reserve(long nowSecond) {
    if (size.incrementAndGet() <= capacity) {
      return true;
    }
    size.decrementAndGet();
    // Expiry has one-second granularity, so one full sweep per second finds everything a second
    // sweep would; without this bound a flood at capacity cost a whole-map scan per request.
    long last = lastFullSweep.get();
    purgeExpired(nowSecond, last != nowSecond && lastFullSweep.compareAndSet(last, nowSecond));
    if (size.incrementAndGet() <= capacity) {
      return true;
    }
    size.decrementAndGet();
    return false;
  }

  /**
   * Drops identifiers whose expiry second has passed. The cheap pass walks expired buckets; the
   * full pass (when the cache is full) also sweeps the map, catching identifiers that raced into a
   * bucket while it was being dropped.
   */
  private void purgeExpired(long nowSecond, boolean full) {
    Map.Entry<Long, Set<String>> first = byExpiry.firstEntry();
    boolean due = first != null && first.getKey() <= nowSecond;
    if (!(due || full) || !purging.compareAndSet(false, true)) {
      return;
    }
    try {
      ConcurrentNavigableMap<Long, Set<String>> expired = byExpiry.headMap(nowSecond, true);
      Iterator<Map.Entry<Long, Set<String>>> buckets = expired.entrySet().iterator();
      while (buckets.hasNext()) {
        Map.Entry<Long, Set<String>> bucket = buckets.next();
        buckets.remove();
        for (String id : bucket.getValue()) {
          if (expiries.remove(id, bucket.getKey())) {
            size.decrementAndGet();
          }
        }
      }
      if (full) {
        Iterator<Map.Entry<String, Long>> entries = expiries.entrySet().iterator();
        while (entries.hasNext()) {
          Map.Entry<String, Long> entry = entries.next();
          if (entry.getValue() <= nowSecond && expiries.remove(entry.getKey(), entry.getValue())) {
            size.decrementAndGet();
          }
        }
      }
    } finally {
      purging.set(false);
    }
  }

  /** Identifiers currently remembered (expired ones may linger until the next purge). */
  @Override
  public long size() {
    return size.get();
  }

  /** The capacity. */
  public int capacity() {
    return capacity;
  }

  @Override
  public String toString() {
    return "InMemoryReplayCache{size=" + size.get() + ", capacity=" + capacity + "}";
  }
}
