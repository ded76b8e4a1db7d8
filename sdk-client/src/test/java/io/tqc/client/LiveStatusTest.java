package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveStatusTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;
  /** Jumps when a test advances it; otherwise runs with time, so the status stream reconnects and polls. */
  final FakeTicker ticker = FakeTicker.runningWithSystemTime();
  final List<String> statusChanges = new CopyOnWriteArrayList<>();
  final TqcEventListener recorder = new TqcEventListener() {
    @Override
    public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence, String reason) {
      statusChanges.add(previous + "->" + current + "@" + sequence);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 5);
    relay.stubToken(LIFETIME);
    client = relay.client().ticker(ticker).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    client.close();
    relay.close();
  }

  /** Waits until the relay has delivered its current status at least {@code n} more times. */
  void awaitDeliveries(int n) {
    int target = relay.statusDeliveries() + n;
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= target);
  }

  /** Takes the relay down and waits until both status paths have answered 503 at least once. */
  void relayDown() {
    long polls = relay.served(relay.statusPath(), 503);
    long streams = relay.served(relay.eventsPath(), 503);
    relay.goDown();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        relay.served(relay.statusPath(), 503) > polls && relay.served(relay.eventsPath(), 503) > streams);
  }

  @Test
  void relayDownWithinFreshnessWindows_certificationGoesOn() throws Exception {
    relayDown();
    ticker.advance(Duration.ofSeconds(30));
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
  }

  @Test
  void relayDownPastMaxStatusAge_failsClosedWithStatusUnavailable_andRecoversWhenTheRelayReturns() throws Exception {
    relayDown();
    ticker.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOfSatisfying(StatusUnavailableException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.STATUS_UNAVAILABLE);
          assertThat(e.refusedBatch()).isSameAs(BATCH);
        });

    relay.recover();
    await().atMost(Duration.ofSeconds(10)).until(client::isReady);
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
  }

  @Test
  void suspensionEvent_failsTheNextCertify_andDropsTheToken() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges.contains("ACTIVE->SUSPENDED@6"));
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOfSatisfying(CertificationSuspendedException.class,
        e -> assertThat(e.refusedBatch()).isSameAs(BATCH));
    assertThat(client.engine().state().token()).isNull();
  }

  @Test
  void reinstatementWithHigherSeq_resumesWithANewToken() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges.contains("ACTIVE->SUSPENDED@6"));
    int tokenRequests = relay.tokenRequests();
    CertificationToken renewed = relay.stubToken(LIFETIME);

    relay.stubStatus(CertificationStatus.ACTIVE, 7);
    await().atMost(Duration.ofSeconds(10)).until(client::isReady);
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(renewed.compact());
    assertThat(relay.tokenRequests()).isEqualTo(tokenRequests + 1);
    assertThat(statusChanges).containsSubsequence("ACTIVE->SUSPENDED@6", "SUSPENDED->ACTIVE@7");
  }

  @Test
  void revocation_isTerminal_evenIfALaterActiveStatusAppears() throws Exception {
    relay.stubStatus(CertificationStatus.REVOKED, 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges.contains("ACTIVE->REVOKED@6"));
    relay.stubStatus(CertificationStatus.ACTIVE, 7);
    relay.stubToken(LIFETIME);
    int deliveries = relay.statusDeliveries();
    int tokenRequests = relay.tokenRequests();

    Thread.sleep(500); // give a wrongly still-running watcher time to pick the ACTIVE status up
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(CertificationRevokedException.class);
    assertThatThrownBy(() -> client.awaitReady(Duration.ofSeconds(5))).isInstanceOf(CertificationRevokedException.class);
    // At most the poll and the connection a maintenance run had already started.
    assertThat(relay.statusDeliveries()).isLessThanOrEqualTo(deliveries + 2);
    assertThat(relay.tokenRequests()).isEqualTo(tokenRequests);
  }

  @Test
  void statusWithLowerSeq_isIgnored() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 4);
    awaitDeliveries(3);
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
    assertThat(statusChanges).containsExactly("null->ACTIVE@5");
  }

  @Test
  void forgedStatus_signedWithAnotherKeyUnderTheRelayKid_isIgnored() throws Exception {
    SigningKey forger = SigningKey.generate().withKeyId(relay.relayKey.keyId());
    relay.stubStatusJws(relay.status(CertificationStatus.SUSPENDED, 99, forger).compact());
    awaitDeliveries(3);
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
    assertThat(statusChanges).containsExactly("null->ACTIVE@5");
  }

  @Test
  void sixteenThreadsCertifyingWhileSuspended_certifyNothingOnceTheSuspensionIsProcessed() throws Exception {
    AtomicBoolean processed = new AtomicBoolean();
    client.close();
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void statusChanged(CertificationStatus previous, CertificationStatus current, long seq, String reason) {
        if (current == CertificationStatus.SUSPENDED) {
          processed.set(true);
        }
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));

    int threads = 16;
    AtomicLong certifiedBefore = new AtomicLong();
    AtomicLong certifiedAfter = new AtomicLong();
    AtomicLong refusedAfter = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            boolean after = processed.get();
            try {
              client.certify(BATCH, 1);
              (after ? certifiedAfter : certifiedBefore).incrementAndGet();
            } catch (CertificationSuspendedException e) {
              if (after) {
                refusedAfter.incrementAndGet();
              }
            } catch (TqcClientException e) {
              throw new AssertionError("unexpected refusal", e);
            }
          }
          return null;
        }));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> certifiedBefore.get() > 1000);
      relay.stubStatus(CertificationStatus.SUSPENDED, 6);
      await().atMost(Duration.ofSeconds(10)).until(processed::get);
      await().atMost(Duration.ofSeconds(10)).until(() -> refusedAfter.get() > 10_000);
    } finally {
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(10, TimeUnit.SECONDS);
      }
      pool.shutdownNow();
    }
    assertThat(certifiedAfter.get()).isZero();
  }
}
