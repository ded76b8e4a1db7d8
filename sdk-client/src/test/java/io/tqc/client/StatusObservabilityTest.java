package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tqc.api.status.CertificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client tells its operators about its status: its age, each verified status, stream reconnects. */
class StatusObservabilityTest {
  static final byte[] BATCH = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;
  final FakeTicker ticker = new FakeTicker();
  final List<String> verified = new CopyOnWriteArrayList<>();
  final List<Boolean> reconnects = new CopyOnWriteArrayList<>();
  final java.util.concurrent.atomic.AtomicInteger tokenFailures = new java.util.concurrent.atomic.AtomicInteger();
  final TqcEventListener recorder = new TqcEventListener() {
    @Override
    public void tokenRefreshFailed(TqcClientException error) {
      tokenFailures.incrementAndGet();
    }

    @Override
    public void statusVerified(CertificationStatus status, long sequence, Duration age) {
      assertThat(age).isGreaterThanOrEqualTo(Duration.ZERO);
      verified.add(status + "@" + sequence);
    }

    @Override
    public void statusStreamReconnecting(boolean failure, Duration delay) {
      assertThat(delay).isPositive();
      reconnects.add(failure);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 5);
    relay.stubToken(Duration.ofMinutes(10));
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  /**
   * The stream's reconnects and the polls run on the client's ticker, which this test moves by
   * hand: while it waits for them, it moves the ticker past the stub's longest schedule each look.
   */
  static final Duration SCHEDULE_STEP = Duration.ofMillis(200);

  void relayDown() {
    long polls = relay.served(relay.statusPath(), 503);
    long streams = relay.served(relay.eventsPath(), 503);
    relay.goDown();
    await().atMost(Duration.ofSeconds(10)).until(ticker.advancingBy(SCHEDULE_STEP, () ->
        relay.served(relay.statusPath(), 503) > polls && relay.served(relay.eventsPath(), 503) > streams));
  }

  @Test
  void statusAge_isNullBeforeTheFirstStatus_thenGrowsWhileNoneArrives_untilTheClientFailsClosed() throws Exception {
    relay.goDown();
    client = relay.client().ticker(ticker).listener(recorder).build();
    await().atMost(Duration.ofSeconds(10)).until(() -> !relay.wm.getAllServeEvents().isEmpty());
    assertThat(client.statusAge()).isNull();
    assertThat(verified).isEmpty();

    await().atMost(Duration.ofSeconds(10)).until(() -> tokenFailures.get() > 0);
    relay.recover();
    // The failed token fetch backs off on the client's ticker: past the backoff, it is retried.
    ticker.advance(Duration.ofSeconds(1));
    client.awaitReady(Duration.ofSeconds(10));
    // The listener hears of the status just after the state took it in (readiness may come first).
    await().atMost(Duration.ofSeconds(10)).until(() -> verified.contains("ACTIVE@5"));
    assertThat(client.statusAge()).isNotNull().isLessThan(Duration.ofSeconds(60));

    relayDown();
    Duration before = client.statusAge();
    ticker.advance(Duration.ofSeconds(30));
    assertThat(client.statusAge()).isEqualTo(before.plusSeconds(30));
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();

    ticker.advance(Duration.ofSeconds(31));
    assertThat(client.statusAge()).isGreaterThan(Duration.ofSeconds(60));
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(StatusUnavailableException.class);
  }

  @Test
  void everyHeartbeat_isReportedAsVerified_butAnOutdatedStatusIsNot() throws Exception {
    client = relay.client().ticker(ticker).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10))
        .until(ticker.advancingBy(SCHEDULE_STEP, () -> verified.size() >= 3)); // the same status, confirmed again
    assertThat(verified).containsOnly("ACTIVE@5");

    relay.stubStatus(CertificationStatus.SUSPENDED, 4); // older than what the client holds
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10))
        .until(ticker.advancingBy(SCHEDULE_STEP, () -> relay.statusDeliveries() >= deliveries + 3));
    assertThat(verified).doesNotContain("SUSPENDED@4");
  }

  @Test
  void streamEndedByTheRelay_andStreamRefused_areReportedAsReconnects() throws Exception {
    // The stub answers each stream request with one event and ends it, as a relay restarting would.
    client = relay.client().ticker(ticker).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> reconnects.contains(false));
    assertThat(reconnects).doesNotContain(true);

    relayDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> reconnects.contains(true));
  }
}
