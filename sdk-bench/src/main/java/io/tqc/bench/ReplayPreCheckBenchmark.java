package io.tqc.bench;

import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.redis.RedisReplayCache;
import io.tqc.relay.redis.RedisReplayConfig;
import io.tqc.testing.RedisServer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's whole batch path ({@code Relay.acceptBatch}, token cache on, no content policy,
 * audit records dropped, one-message batch) with the replay check on the node's in-memory cache
 * versus on a shared Redis ({@link RedisReplayCache}, one {@code SET NX PX} round trip over
 * loopback per batch), plus the bare Redis check alone. The benchmark starts its own
 * {@code redis-server} on a free loopback port ({@link RedisServer}; Debian's {@code redis-server}
 * package must be installed) and stops it at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReplayPreCheckBenchmark {
  private static final int POOL = 4096;

  private RedisServer redis;
  private RedisReplayCache cache;
  private BenchRelay inMemory;
  private BenchRelay onRedis;
  private long next;

  @Setup
  public void setUp() throws Exception {
    redis = RedisServer.builder().build().open();
    cache = RedisReplayCache.open(new RedisReplayConfig.Builder().uri(redis.uri()).build());
    inMemory = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, ContentPolicy.NONE, 1, POOL);
    onRedis = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, ContentPolicy.NONE, 1, POOL, cache);
    // Both must accept, or the benchmark would measure a refusal.
    inMemory.relay.acceptBatch(inMemory.token, inMemory.nextProof(), inMemory.batch);
    onRedis.relay.acceptBatch(onRedis.token, onRedis.nextProof(), onRedis.batch);
  }

  @TearDown
  public void tearDown() throws Exception {
    inMemory.close();
    onRedis.close();
    cache.close();
    redis.close();
  }

  /** Redis pre-check off: the node's own in-memory replay cache. */
  @Benchmark
  public AcceptedBatch relayInMemoryReplayCache() throws RelayException {
    return inMemory.relay.acceptBatch(inMemory.token, inMemory.nextProof(), inMemory.batch);
  }

  /** Redis pre-check on: the replay cache shared on Redis. */
  @Benchmark
  public AcceptedBatch relayRedisReplayCache() throws RelayException {
    return onRedis.relay.acceptBatch(onRedis.token, onRedis.nextProof(), onRedis.batch);
  }

  /** One {@code SET NX PX} on Redis alone (a new id each call). */
  @Benchmark
  public ReplayCache.Result redisRememberAlone() {
    Instant now = Fixtures.NOW;
    return cache.remember("bench:" + next++, now.plusSeconds(66), now);
  }
}
