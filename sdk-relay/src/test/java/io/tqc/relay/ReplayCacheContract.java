package io.tqc.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.relay.ReplayCache.Result;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplayCache} must do, run against each implementation (in-memory here, Redis in
 * {@code sdk-relay-redis}): a subclass supplies {@link #newCache()}. Time is the relay's {@code now}
 * argument; an implementation on a server may also use real elapsed time, so expiry is awaited
 * rather than assumed.
 */
public abstract class ReplayCacheContract {
  /** A fixed relay time, far from the machine's clock on purpose (a cache must follow the relay's {@code now}). */
  protected static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

  private ReplayCache cache;
  private String run;

  /** A new cache with room for at least 10,000 identifiers, empty of this test's identifiers. */
  protected abstract ReplayCache newCache() throws Exception;

  @BeforeEach
  final void openCache() throws Exception {
    cache = newCache();
    run = UUID.randomUUID().toString();
  }

  @AfterEach
  final void closeCache() throws Exception {
    if (cache instanceof Closeable) {
      ((Closeable) cache).close();
    }
  }

  /** An identifier unique to this test run. */
  private String id(String name) {
    return "proof:" + run + ":" + name;
  }

  @Test
  void firstUse_thenEveryLaterUseIsReplayed() {
    assertThat(cache.remember(id("a"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember(id("a"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.REPLAYED);
    assertThat(cache.remember(id("a"), NOW.plusSeconds(80), NOW.plusSeconds(1))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void distinctIds_andKinds_areIndependent() {
    assertThat(cache.remember(id("a"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember(id("b"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember("assertion:" + run + ":a", NOW.plusSeconds(66), NOW)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember(id("b"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.REPLAYED);
  }

  @Test
  void idIsRememberedUntilItsExpiry() {
    assertThat(cache.remember(id("a"), NOW.plusSeconds(66), NOW)).isEqualTo(Result.FIRST_USE);
    Instant justBefore = NOW.plusSeconds(65);
    assertThat(cache.remember(id("a"), justBefore.plusSeconds(66), justBefore)).isEqualTo(Result.REPLAYED);
  }

  @Test
  void relayClockYearsBehindTheCacheServer_stillRemembers() {
    // The lifetime is expiresAt - now on the relay's clock, not an absolute instant the cache's
    // own clock would compare: with PXAT-style absolute expiry this id would expire at once.
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    assertThat(cache.remember(id("past"), past.plusSeconds(66), past)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember(id("past"), past.plusSeconds(66), past.plusSeconds(1))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void relayClockYearsAheadOfTheCacheServer_stillForgetsAfterTheWindow() {
    Instant future = Instant.parse("2040-01-01T00:00:00Z");
    assertThat(cache.remember(id("future"), future.plusMillis(100), future)).isEqualTo(Result.FIRST_USE);
    // (No immediate replay check here: a cache on real time may already have forgotten a 100 ms id.)
    Instant later = future.plusSeconds(2);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> cache.remember(id("future"), later.plusSeconds(66), later) == Result.FIRST_USE);
  }

  @Test
  void expiredId_mayBeUsedAgain() {
    assertThat(cache.remember(id("short"), NOW.plusMillis(100), NOW)).isEqualTo(Result.FIRST_USE);
    Instant later = NOW.plusSeconds(2);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> cache.remember(id("short"), later.plusSeconds(66), later) == Result.FIRST_USE);
    assertThat(cache.remember(id("short"), later.plusSeconds(66), later)).isEqualTo(Result.REPLAYED);
  }

  @Test
  void concurrentUsesOfOneId_exactlyOneIsFirst() throws Exception {
    int threads = 8;
    int ids = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < ids; i++) {
        String id = id("race" + i);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Result>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Callable<Result> use = () -> {
            start.await();
            return cache.remember(id, NOW.plusSeconds(66), NOW);
          };
          results.add(pool.submit(use));
        }
        start.countDown();
        int first = 0;
        for (Future<Result> result : results) {
          Result r = result.get(30, TimeUnit.SECONDS);
          assertThat(r).isIn(Result.FIRST_USE, Result.REPLAYED);
          first += r == Result.FIRST_USE ? 1 : 0;
        }
        assertThat(first).as("first uses of %s", id).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
