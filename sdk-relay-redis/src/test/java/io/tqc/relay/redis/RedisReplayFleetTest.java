package io.tqc.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.redis.RelayNode.Sender;
import io.tqc.relay.store.InMemoryRelayStore;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two relay nodes that share a registry and signing keys but not an audit table (as two single-node
 * relays behind one load balancer would): the shared Redis replay cache is what refuses a proof
 * replayed to the other node, shown against a control with per-node in-memory caches.
 */
class RedisReplayFleetTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password("fleet-test-password").build();

  private RedisReplayCache openCache() throws Exception {
    // Generous timeouts: these tests are about answers, not outages, and the build machine is shared.
    return RedisReplayCache.open(new RedisReplayConfig.Builder().uri(redis.uri()).password(redis.password())
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build());
  }

  @Test
  void proofAcceptedByOneNode_isRefusedAsReplayedByAnother() throws Exception {
    try (RedisReplayCache cacheA = openCache(); RedisReplayCache cacheB = openCache()) {
      assertThat(replayToSecondNode(cacheA, cacheB)).isEqualTo(ReasonCode.BATCH_REPLAYED);
    }
  }

  @Test
  void control_perNodeCaches_acceptTheReplayOnTheOtherNode() throws Exception {
    assertThat(replayToSecondNode(ReplayCache.inMemory(1000), ReplayCache.inMemory(1000))).isNull();
  }

  @Test
  void assertionUsedOnOneNode_isRefusedOnAnother() throws Exception {
    try (RedisReplayCache cacheA = openCache(); RedisReplayCache cacheB = openCache()) {
      SigningKeyStore keys = SigningKeyStore.inMemory();
      InMemoryRelayStore storeA = new InMemoryRelayStore();
      InMemoryRelayStore storeB = new InMemoryRelayStore();
      try (RelayNode a = new RelayNode(storeA, keys, cacheA)) {
        Sender sender = a.register();
        RelayNode.copyRegistration(storeA, storeB, sender);
        try (RelayNode b = new RelayNode(storeB, keys, cacheB)) {
          String assertion = sender.assertion();
          a.relay.issueToken(sender.id.value(), assertion);
          assertThatThrownBy(() -> b.relay.issueToken(sender.id.value(), assertion))
              .isInstanceOfSatisfying(RelayException.class,
                  e -> assertThat(e.reason()).isEqualTo(ReasonCode.ASSERTION_INVALID));
        }
      }
    }
  }

  @Test
  void sameProofRacedOnTwoNodes_isAcceptedExactlyOnce_200Times() throws Exception {
    try (RedisReplayCache cacheA = openCache(); RedisReplayCache cacheB = openCache()) {
      List<List<ReasonCode>> races = race(cacheA, cacheB, 200);
      for (int i = 0; i < races.size(); i++) {
        assertThat(races.get(i)).as("race %d", i).containsExactlyInAnyOrder(null, ReasonCode.BATCH_REPLAYED);
      }
    }
  }

  @Test
  void control_perNodeCaches_acceptTheSameProofOnBothNodes() throws Exception {
    List<List<ReasonCode>> races = race(ReplayCache.inMemory(1000), ReplayCache.inMemory(1000), 20);
    assertThat(races).allSatisfy(outcomes -> assertThat(outcomes).containsExactly(null, null));
  }

  /** {@code count} times: one new proof sent to node A and node B at once; each race's two outcomes (null = 202). */
  private static List<List<ReasonCode>> race(ReplayCache cacheA, ReplayCache cacheB, int count) throws Exception {
    SigningKeyStore keys = SigningKeyStore.inMemory();
    InMemoryRelayStore storeA = new InMemoryRelayStore();
    InMemoryRelayStore storeB = new InMemoryRelayStore();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<List<ReasonCode>> races = new ArrayList<>();
    try (RelayNode a = new RelayNode(storeA, keys, cacheA)) {
      Sender sender = a.register();
      RelayNode.copyRegistration(storeA, storeB, sender);
      try (RelayNode b = new RelayNode(storeB, keys, cacheB)) {
        String token = sender.token(a.relay);
        for (int race = 0; race < count; race++) {
          String proof = sender.proof(token).compact();
          CyclicBarrier start = new CyclicBarrier(2);
          Future<ReasonCode> onA = pool.submit(() -> send(a, token, proof, start));
          Future<ReasonCode> onB = pool.submit(() -> send(b, token, proof, start));
          races.add(Arrays.asList(onA.get(30, TimeUnit.SECONDS), onB.get(30, TimeUnit.SECONDS)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return races;
  }

  /** Null if accepted, else the refusal. */
  private static ReasonCode send(RelayNode node, String token, String proof, CyclicBarrier start) throws Exception {
    start.await(10, TimeUnit.SECONDS);
    try {
      node.relay.acceptBatch(token, proof, RelayNode.BODY);
      return null;
    } catch (RelayException e) {
      return e.reason();
    }
  }

  /** Sends one batch through node A, then the same token, proof and body to node B: B's refusal, or null if B accepted. */
  private static ReasonCode replayToSecondNode(ReplayCache cacheA, ReplayCache cacheB) throws Exception {
    SigningKeyStore keys = SigningKeyStore.inMemory();
    InMemoryRelayStore storeA = new InMemoryRelayStore();
    InMemoryRelayStore storeB = new InMemoryRelayStore();
    try (RelayNode a = new RelayNode(storeA, keys, cacheA)) {
      Sender sender = a.register();
      RelayNode.copyRegistration(storeA, storeB, sender);
      try (RelayNode b = new RelayNode(storeB, keys, cacheB)) {
        String token = sender.token(a.relay);
        String proof = sender.proof(token).compact();
        a.relay.acceptBatch(token, proof, RelayNode.BODY);
        try {
          b.relay.acceptBatch(token, proof, RelayNode.BODY);
          return null;
        } catch (RelayException e) {
          return e.reason();
        }
      }
    }
  }
}
