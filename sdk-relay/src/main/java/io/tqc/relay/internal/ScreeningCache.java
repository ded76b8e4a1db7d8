package io.tqc.relay.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers of an external lookup (URL screen, sender-number service) cached for a lifetime, one
 * call per key in flight (concurrent askers share it), every call bounded by a timeout. Knows
 * nothing of its owner: a loader, a clock and an executor. A failed or timed-out lookup is not
 * cached. Thread-safe; a cached answer is read without a lock.
 */
public final class ScreeningCache<V> {
  /** Loads one answer; may block and may throw. */
  public interface Loader<V> {
    /** The answer for {@code key}. */
    V load(String key) throws IOException;
  }

  private static final class Entry<V> {
    final V value;
    final long expiresAtMillis;

    Entry(V value, long expiresAtMillis) {
      this.value = value;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  private final Loader<V> loader;
  private final Clock clock;
  private final ExecutorService executor;
  private final long ttlMillis;
  private final long timeoutMillis;
  private final int capacity;
  private final ConcurrentHashMap<String, Entry<V>> answers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /** A cache of {@code loader}'s answers for {@code ttl}, each lookup bounded by {@code timeout}. */
  public ScreeningCache(Loader<V> loader, Clock clock, ExecutorService executor, Duration ttl, Duration timeout,
      int capacity) {
    this.loader = loader;
    this.clock = clock;
    this.executor = executor;
    this.ttlMillis = ttl.toMillis();
    this.timeoutMillis = timeout.toMillis();
    this.capacity = capacity;
  }

  /** The cached answer for {@code key} if it is still fresh, else null; never calls the loader. */
  public V cached(String key) {
    Entry<V> entry = answers.get(key);
    return entry != null && entry.expiresAtMillis > clock.millis() ? entry.value : null;
  }

  /**
   * The answers for {@code keys}: cached ones at once, the others loaded concurrently, all within
   * one timeout from now.
   *
   * @throws IOException if any answer could not be had in time (the message names no key)
   */
  public Map<String, V> getAll(Collection<String> keys) throws IOException {
    Map<String, V> out = new LinkedHashMap<>();
    Map<String, CompletableFuture<V>> pending = new HashMap<>();
    for (String key : keys) {
      V value = cached(key);
      if (value != null) {
        out.put(key, value);
      } else if (!pending.containsKey(key)) {
        pending.put(key, load(key));
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Map.Entry<String, CompletableFuture<V>> entry : pending.entrySet()) {
      long left = deadline - System.nanoTime();
      try {
        out.put(entry.getKey(), entry.getValue().get(Math.max(0, left), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        throw new IOException("the screening service did not answer within " + timeoutMillis + " ms");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw new IOException("the screening service failed: " + cause.getClass().getSimpleName(), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the screening service");
      }
    }
    return out;
  }

  private CompletableFuture<V> load(String key) {
    CompletableFuture<V> created = new CompletableFuture<>();
    CompletableFuture<V> existing = inFlight.putIfAbsent(key, created);
    if (existing != null) {
      return existing;
    }
    try {
      executor.execute(() -> {
        try {
          V value = loader.load(key);
          if (value == null) {
            throw new IOException("the screening service gave no answer");
          }
          remember(key, value);
          created.complete(value);
        } catch (Throwable t) {
          created.completeExceptionally(t);
        } finally {
          inFlight.remove(key, created);
        }
      });
    } catch (RuntimeException rejected) {
      inFlight.remove(key, created);
      created.completeExceptionally(rejected);
    }
    return created;
  }

  private void remember(String key, V value) {
    long now = clock.millis();
    if (answers.size() >= capacity) {
      for (Iterator<Map.Entry<String, Entry<V>>> it = answers.entrySet().iterator(); it.hasNext(); ) {
        if (it.next().getValue().expiresAtMillis <= now) {
          it.remove();
        }
      }
      if (answers.size() >= capacity) {
        return; // full of fresh answers: serve this one uncached rather than grow without bound
      }
    }
    answers.put(key, new Entry<>(value, now + ttlMillis));
  }

  /** Number of cached answers (fresh or not yet swept). */
  public int size() {
    return answers.size();
  }
}
