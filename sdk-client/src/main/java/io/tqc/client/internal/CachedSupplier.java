package io.tqc.client.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cached value with a limited life, shaped like AWS SDK v2's {@code CachedSupplier}: a
 * {@link Source} fetches the value and says, from the value, when it goes <em>stale</em> (never
 * served after) and when to <em>prefetch</em> (fetch a new one in the background, still serving the
 * current one). It knows nothing of what it caches or of its owner; time is the injected
 * {@link Ticker}'s.
 *
 * <ul>
 *   <li>{@link #get()}: before the prefetch time, the cached value; between prefetch and stale, the
 *       cached value while one background fetch runs; stale or empty, the caller waits for a fetch
 *       and gets its value or its exception (the {@link Source}'s own, typed).
 *   <li>Single flight: however many callers, at most one fetch runs; the others join it.
 *   <li>A failed fetch keeps the cached value: it is served until it goes stale.
 * </ul>
 *
 * Lock-free: one {@link AtomicReference} holds the value, another the running fetch. Fetches run on
 * the given executor.
 *
 * @param <T> the cached value's type
 */
public final class CachedSupplier<T> {
  /** Fetches a fresh value. Called by one thread at a time (single flight). */
  public interface Source<T> {
    /**
     * A fresh value with its prefetch and stale times.
     *
     * @throws IOException the fetch failed; the exception is what waiting callers get
     */
    RefreshResult<T> fetch() throws IOException;
  }

  /** A fetched value with the {@link Ticker} readings at which to prefetch and after which it is stale. */
  public static final class RefreshResult<T> {
    private final T value;
    private final long prefetchAt;
    private final long staleAt;

    private RefreshResult(T value, long prefetchAt, long staleAt) {
      this.value = value;
      this.prefetchAt = prefetchAt;
      this.staleAt = staleAt;
    }

    /**
     * {@code value}, to prefetch from {@code prefetchAt} and never to serve from {@code staleAt}
     * (ticker readings).
     *
     * @throws IllegalArgumentException {@code value} is null or {@code prefetchAt} is after {@code staleAt}
     */
    public static <T> RefreshResult<T> of(T value, long prefetchAt, long staleAt) {
      if (value == null) {
        throw new IllegalArgumentException("a fetched value must not be null");
      }
      if (prefetchAt - staleAt > 0) {
        throw new IllegalArgumentException("the prefetch time must not be after the stale time");
      }
      return new RefreshResult<>(value, prefetchAt, staleAt);
    }

    /** The value. */
    public T value() {
      return value;
    }

    /** The ticker reading from which a background fetch starts. */
    public long prefetchAt() {
      return prefetchAt;
    }

    /** The ticker reading from which the value is never served. */
    public long staleAt() {
      return staleAt;
    }
  }

  private final Source<T> source;
  private final Ticker ticker;
  private final Executor executor;
  private final boolean singleFlight;
  private final AtomicReference<RefreshResult<T>> cached = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<RefreshResult<T>>> inFlight = new AtomicReference<>();

  /** A cache of what {@code source} fetches (on {@code executor}), timed by {@code ticker}. */
  public CachedSupplier(Source<T> source, Ticker ticker, Executor executor) {
    this(source, ticker, executor, true);
  }

  /** With {@code singleFlight} false every refresh fetches: only the tests' control switches it off. */
  CachedSupplier(Source<T> source, Ticker ticker, Executor executor, boolean singleFlight) {
    if (source == null || ticker == null || executor == null) {
      throw new NullPointerException(source == null ? "source" : ticker == null ? "ticker" : "executor");
    }
    this.source = source;
    this.ticker = ticker;
    this.executor = executor;
    this.singleFlight = singleFlight;
  }

  /**
   * The value: the cached one unless it is stale (starting a background prefetch once its prefetch
   * time passed), else the result of a fetch this call waits for.
   *
   * @throws IOException the fetch this call waited for failed (the {@link Source}'s exception)
   * @throws InterruptedIOException the thread was interrupted while waiting
   */
  public T get() throws IOException {
    RefreshResult<T> current = cached.get();
    long now = ticker.read();
    if (current != null && now - current.staleAt < 0) {
      if (now - current.prefetchAt >= 0) {
        refresh();
      }
      return current.value;
    }
    return await(refresh()).value;
  }

  /** The cached value and its times, or null; fetches nothing. The value may be stale. */
  public RefreshResult<T> cached() {
    return cached.get();
  }

  /**
   * Starts a fetch in the background, or joins the one running. The future completes with the
   * fetch's result (also cached) or its exception (the cached value is kept).
   */
  public CompletableFuture<RefreshResult<T>> refresh() {
    if (!singleFlight) {
      CompletableFuture<RefreshResult<T>> unguarded = new CompletableFuture<>();
      dispatch(unguarded);
      return unguarded;
    }
    while (true) {
      CompletableFuture<RefreshResult<T>> running = inFlight.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<RefreshResult<T>> mine = new CompletableFuture<>();
      if (inFlight.compareAndSet(null, mine)) {
        dispatch(mine);
        return mine;
      }
    }
  }

  /**
   * Drops the cached value if it is still {@code value}, the same instance (the next {@link #get()}
   * then waits for a fetch); a newer value fetched meanwhile stays.
   */
  public void invalidate(T value) {
    RefreshResult<T> current = cached.get();
    if (current != null && current.value == value) {
      cached.compareAndSet(current, null);
    }
  }

  private void dispatch(final CompletableFuture<RefreshResult<T>> mine) {
    Runnable fetch = new Runnable() {
      @Override
      public void run() {
        RefreshResult<T> result = null;
        Throwable failure = null;
        try {
          result = source.fetch();
          if (result == null) {
            failure = new IllegalStateException("the source returned no result");
          } else {
            cached.set(result); // before the fetch is seen to end, so a later get() sees it
          }
        } catch (Throwable t) { // every waiter must be released, whatever happened
          failure = t;
        } finally {
          inFlight.compareAndSet(mine, null);
          if (failure == null) {
            mine.complete(result);
          } else {
            mine.completeExceptionally(failure);
          }
        }
        if (failure instanceof Error) {
          throw (Error) failure;
        }
      }
    };
    try {
      executor.execute(fetch);
    } catch (RejectedExecutionException e) {
      inFlight.compareAndSet(mine, null);
      mine.completeExceptionally(new IOException("the fetch could not be started (the executor is shut down)", e));
    }
  }

  private static <T> RefreshResult<T> await(CompletableFuture<RefreshResult<T>> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a fetch");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IOException("the fetch failed", cause);
    }
  }
}
