package io.tqc.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tqc.api.ReasonCode;
import io.tqc.api.token.BatchProof;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.redis.RelayNode.Sender;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.SqliteRelayStore;
import io.tqc.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-node relay on SQLite with the Redis replay cache, under load from several threads while
 * Redis is SIGKILLed or black-holed (SIGSTOP): no batch that started during the outage is accepted,
 * every refusal is the retryable {@code relay_unavailable}, the relay recovers after the restart,
 * and a proof accepted before the outage is still refused afterwards, although Redis lost it,
 * because the audit table holds its batch id.
 */
class RedisOutageRelayTest {
  static final String PASSWORD = "relay-outage-password";
  static final int THREADS = 4;
  static final int PHASE_ATTEMPTS = 40;

  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password(PASSWORD).build();

  @TempDir
  Path dir;

  RedisReplayCache cache;
  /** The control switch: when set, the relay sees FIRST_USE whenever Redis cannot answer (fail open). */
  volatile boolean failOpen;
  RelayNode node;
  Sender sender;

  @BeforeEach
  void openRelay() throws Exception {
    cache = RedisReplayCache.open(new RedisReplayConfig.Builder().uri(redis.uri()).password(PASSWORD)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1))
        .failFastPeriod(Duration.ofMillis(100)).build());
    ReplayCache checked = (id, expiresAt, now) -> {
      ReplayCache.Result result = cache.remember(id, expiresAt, now);
      return failOpen && result == ReplayCache.Result.UNAVAILABLE ? ReplayCache.Result.FIRST_USE : result;
    };
    node = new RelayNode(SqliteRelayStore.open(dir.resolve("relay.db")), SigningKeyStore.inMemory(), checked);
    sender = node.register();
  }

  @AfterEach
  void closeRelay() throws Exception {
    node.close();
    cache.close();
    if (!redis.isRunning()) {
      redis.restart();
    }
    redis.release();
  }

  /** One batch submission: when it started and ended, and how it was answered (null: accepted). */
  static final class Attempt {
    final long start;
    final long end;
    final ReasonCode refusal;
    final String batchId;

    Attempt(long start, long end, ReasonCode refusal, String batchId) {
      this.start = start;
      this.end = end;
      this.refusal = refusal;
      this.batchId = batchId;
    }
  }

  /** Senders on {@link #THREADS} threads, each with its own token, until stopped (at most 60 s). */
  final class Load implements AutoCloseable {
    final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    final List<Future<?>> running = new ArrayList<>();

    Load() throws RelayException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int t = 0; t < THREADS; t++) {
        String token = sender.token(node.relay);
        running.add(pool.submit(() -> {
          while (!stop.get() && System.nanoTime() < deadline) {
            BatchProof proof = sender.proof(token);
            long start = System.nanoTime();
            ReasonCode refusal = null;
            try {
              node.relay.acceptBatch(token, proof.compact(), RelayNode.BODY);
            } catch (RelayException e) {
              refusal = e.reason();
            }
            attempts.add(new Attempt(start, System.nanoTime(), refusal, proof.batchId()));
          }
          return null;
        }));
      }
    }

    long acceptedStartedAfter(long instant) {
      return attempts.stream().filter(a -> a.start > instant && a.refusal == null).count();
    }

    long finishedStartedAfter(long instant) {
      return attempts.stream().filter(a -> a.start > instant).count();
    }

    /** Attempts that started after {@code from} and ended before {@code to}: entirely inside the outage. */
    List<Attempt> within(long from, long to) {
      List<Attempt> inside = new ArrayList<>();
      for (Attempt a : attempts) {
        if (a.start > from && a.end < to) {
          inside.add(a);
        }
      }
      return inside;
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
      stop.set(true);
      try {
        for (Future<?> f : running) {
          f.get(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the load", e);
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void redisKilledUnderLoad_acceptsNothingUntilRestart_thenRecovers() throws Exception {
    assertNothingAcceptedAndAllRetryable(runOutage(redis::kill, redis::restart));
  }

  @Test
  void redisBlackHoledUnderLoad_acceptsNothingUntilReleased_thenRecovers() throws Exception {
    assertNothingAcceptedAndAllRetryable(runOutage(redis::blackHole, redis::release));
  }

  @Test
  void control_failOpenCache_acceptsBatchesDuringTheOutage() throws Exception {
    failOpen = true;
    List<Attempt> inside = runOutage(redis::kill, redis::restart);
    assertThat(inside.stream().filter(a -> a.refusal == null).count())
        .as("batches accepted without the replay check").isGreaterThan(0);
  }

  private void assertNothingAcceptedAndAllRetryable(List<Attempt> inside) {
    Map<ReasonCode, Integer> refusals = new TreeMap<>();
    for (Attempt a : inside) {
      assertThat(a.refusal).as("a batch that started during the outage was accepted").isNotNull();
      refusals.merge(a.refusal, 1, Integer::sum);
    }
    assertThat(inside).hasSizeGreaterThanOrEqualTo(PHASE_ATTEMPTS);
    assertThat(refusals).as("refusals during the outage").containsOnlyKeys(ReasonCode.RELAY_UNAVAILABLE);
    assertThat(ReasonCode.RELAY_UNAVAILABLE.httpStatus()).as("retryable 5xx").isEqualTo(503);
  }

  interface Fault {
    void run() throws Exception;
  }

  /** Load, fault, recovery; returns the attempts that started and ended inside the outage. */
  private List<Attempt> runOutage(Fault fail, Fault recover) throws Exception {
    String tokenBefore = sender.token(node.relay);
    BatchProof acceptedBefore = sender.proof(tokenBefore);
    node.relay.acceptBatch(tokenBefore, acceptedBefore.compact(), RelayNode.BODY);
    long outageStart;
    long outageEnd;
    List<Attempt> inside;
    try (Load load = new Load()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.acceptedStartedAfter(0) >= PHASE_ATTEMPTS);
      fail.run();
      outageStart = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.finishedStartedAfter(outageStart) >= PHASE_ATTEMPTS);
      if (!failOpen) {
        assertThatThrownBy(() -> sender.token(node.relay)).isInstanceOfSatisfying(RelayException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.RELAY_UNAVAILABLE));
      }
      outageEnd = System.nanoTime();
      recover.run();
      long recovered = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.acceptedStartedAfter(recovered) >= PHASE_ATTEMPTS);
      inside = load.within(outageStart, outageEnd);
      // Every accepted batch has its audit record, and only one.
      for (Attempt a : load.attempts) {
        if (a.refusal == null) {
          assertThat(node.store.findAccepted(a.batchId)).as("audit record of %s", a.batchId).isNotNull();
        }
      }
    }
    // The proof accepted before the outage is still refused after it.
    assertReplayRefused(tokenBefore, acceptedBefore);
    return inside;
  }

  @Test
  void replayAfterFlushAll_isRefused_becauseTheAuditHoldsTheBatchId() throws Exception {
    String token = sender.token(node.relay);
    BatchProof proof = sender.proof(token);
    node.relay.acceptBatch(token, proof.compact(), RelayNode.BODY);
    assertReplayRefused(token, proof);
    redis.flushAll();
    assertReplayRefused(token, proof);
  }

  private void assertReplayRefused(String token, BatchProof proof) throws Exception {
    String batchId = proof.batchId();
    assertThatThrownBy(() -> node.relay.acceptBatch(token, proof.compact(), RelayNode.BODY))
        .isInstanceOfSatisfying(RelayException.class, e -> assertThat(e.reason())
            // batch_replayed from Redis, or, when Redis lost the id, from the audit table's unique
            // batch id (the store's per-record outcome DUPLICATE): the same code either way.
            .isEqualTo(ReasonCode.BATCH_REPLAYED));
    assertThat(node.store.findAccepted(batchId)).isNotNull();
  }
}
