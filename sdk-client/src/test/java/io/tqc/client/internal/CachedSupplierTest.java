package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedSupplierTest {
  static final long PREFETCH = 100;
  static final long STALE = 200;

  /** A ticker the test moves; readings are relative to an arbitrary origin. */
  static final class FakeTicker implements Ticker {
    final AtomicLong now = new AtomicLong(5_000_000L);

    @Override
    public long read() {
      return now.get();
    }

    void set(long relative) {
      now.set(5_000_000L + relative);
    }

    long at(long relative) {
      return 5_000_000L + relative;
    }
  }

  /** Runs tasks only when told to, or at once in direct mode. */
  static final class ManualExecutor implements Executor {
    final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    volatile boolean direct;

    @Override
    public void execute(Runnable task) {
      if (direct) {
        task.run();
      } else {
        queued.add(task);
      }
    }

    int runAll() {
      int n = 0;
      for (Runnable task; (task = queued.poll()) != null; n++) {
        task.run();
      }
      return n;
    }
  }

  /** Fetches "v1", "v2", ... each valid PREFETCH/STALE after the ticker's reading at the fetch; or fails. */
  static final class CountingSource implements CachedSupplier.Source<String> {
    final FakeTicker ticker;
    final AtomicInteger fetches = new AtomicInteger();
    final Queue<IOException> failures = new ArrayDeque<>();

    CountingSource(FakeTicker ticker) {
      this.ticker = ticker;
    }

    @Override
    public CachedSupplier.RefreshResult<String> fetch() throws IOException {
      int n = fetches.incrementAndGet();
      IOException failure;
      synchronized (failures) {
        failure = failures.poll();
      }
      if (failure != null) {
        throw failure;
      }
      long now = ticker.read();
      return CachedSupplier.RefreshResult.of("v" + n, now + PREFETCH, now + STALE);
    }
  }

  final FakeTicker ticker = new FakeTicker();
  final ManualExecutor executor = new ManualExecutor();
  final CountingSource source = new CountingSource(ticker);

  @Test
  void emptyCache_manyThreads_shareOneFetch() throws Exception {
    assertThat(fetchesFor(new CachedSupplier<>(source, ticker, executor), 16)).isEqualTo(1);
  }

  @Test
  void control_withoutTheSingleFlightGuard_everyThreadFetches() throws Exception {
    assertThat(fetchesFor(new CachedSupplier<>(source, ticker, executor, false), 16)).isEqualTo(16);
  }

  /** N threads call get() on an empty cache; the fetches run once all of them wait. Returns the fetch count. */
  int fetchesFor(CachedSupplier<String> cache, int threads) throws Exception {
    List<Thread> callers = new ArrayList<>();
    Queue<String> got = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          got.add(cache.get());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      callers.add(t);
      t.start();
    }
    // Every caller is parked waiting for a fetch before any fetch runs: no caller can find a value.
    while (!callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      Thread.onSpinWait();
    }
    executor.runAll();
    for (Thread t : callers) {
      t.join();
    }
    assertThat(got).hasSize(threads).allMatch(v -> v.startsWith("v"));
    return source.fetches.get();
  }

  @Test
  void beforeThePrefetchTime_theCachedValueIsServed_withoutAFetch() throws Exception {
    CachedSupplier<String> cache = primed();

    ticker.set(PREFETCH - 1);

    assertThat(cache.get()).isEqualTo("v1");
    assertThat(executor.queued).isEmpty();
    assertThat(source.fetches).hasValue(1);
  }

  @Test
  void fromThePrefetchTime_oneBackgroundFetchStarts_andTheCurrentValueIsServedMeanwhile() throws Exception {
    CachedSupplier<String> cache = primed();

    ticker.set(PREFETCH);
    assertThat(cache.get()).isEqualTo("v1"); // not waiting: the prefetch is queued, not run
    ticker.set(STALE - 1);
    assertThat(cache.get()).isEqualTo("v1");
    assertThat(executor.queued).hasSize(1); // single flight: the second get joined the first prefetch

    executor.runAll();
    assertThat(cache.get()).isEqualTo("v2");
    assertThat(cache.cached().staleAt()).isEqualTo(ticker.at(STALE - 1 + STALE));
  }

  @Test
  void atTheStaleTime_theValueIsNeverServed_theCallerWaitsForAFetch() throws Exception {
    CachedSupplier<String> cache = primed();
    executor.direct = true;

    ticker.set(STALE);

    assertThat(cache.get()).isEqualTo("v2");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void aFailedPrefetch_keepsTheOldValueUntilStale() throws Exception {
    CachedSupplier<String> cache = primed();
    source.failures.add(new IOException("relay down"));

    ticker.set(PREFETCH);
    assertThat(cache.get()).isEqualTo("v1");
    executor.runAll(); // the prefetch fails

    ticker.set(STALE - 1);
    assertThat(cache.get()).isEqualTo("v1");
    assertThat(cache.cached().value()).isEqualTo("v1");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void aFailedFetchWhenStale_surfacesTheSourcesTypedException() throws Exception {
    CachedSupplier<String> cache = primed();
    class RelayDown extends IOException {
      RelayDown() {
        super("relay down");
      }
    }
    RelayDown failure = new RelayDown();
    source.failures.add(failure);
    executor.direct = true;

    ticker.set(STALE);

    assertThatThrownBy(cache::get).isSameAs(failure);
    // Control: the same stale cache serves the next successful fetch.
    assertThat(cache.get()).isEqualTo("v3");
  }

  @Test
  void invalidate_dropsOnlyTheValueItNames() throws Exception {
    CachedSupplier<String> cache = primed();
    executor.direct = true;

    cache.invalidate(new String("v1")); // an equal value, not the cached instance
    assertThat(cache.get()).isEqualTo("v1");
    cache.invalidate(cache.cached().value());
    assertThat(cache.get()).isEqualTo("v2");
  }

  @Test
  void aShutDownExecutor_failsTheWaitingCaller_insteadOfHangingIt() {
    CachedSupplier<String> cache = new CachedSupplier<>(source, ticker, task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    });

    assertThatThrownBy(cache::get).isInstanceOf(IOException.class).hasMessageContaining("could not be started");
    assertThat(source.fetches).hasValue(0);
  }

  @Test
  void refreshResult_refusesAPrefetchAfterTheStaleTime() {
    assertThatThrownBy(() -> CachedSupplier.RefreshResult.of("v", 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CachedSupplier.RefreshResult.of(null, 1, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A cache holding "v1", fetched at relative time 0. */
  CachedSupplier<String> primed() throws Exception {
    ticker.set(0);
    CachedSupplier<String> cache = new CachedSupplier<>(source, ticker, executor);
    cache.refresh();
    executor.runAll();
    assertThat(cache.cached().value()).isEqualTo("v1");
    return cache;
  }
}
