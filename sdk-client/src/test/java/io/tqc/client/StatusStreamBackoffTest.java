package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.api.status.CertificationStatus;
import io.tqc.client.internal.ClientEngine;
import io.tqc.client.internal.StatusWatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status stream's reconnect backoff and the poll-while-down schedule run on the client's
 * injected ticker, like every other client deadline: a fake ticker alone decides when the watcher
 * reconnects and polls. Nothing here sleeps or times anything: the test moves the ticker and waits
 * for the watcher's own counters or for a number of maintenance runs. The control in each test is
 * the ticker one nanosecond short of the window: several maintenance runs later the watcher still
 * has not acted (with {@code System.nanoTime} schedules, as before, it acts after the real backoff
 * and the windows asserted here are measured on another clock).
 */
class StatusStreamBackoffTest {
  static final Duration INITIAL = Duration.ofSeconds(10);
  static final Duration MAX = Duration.ofSeconds(80);
  static final Duration POLL = Duration.ofSeconds(30);

  RelayStub relay;
  TqcClient client;
  final FakeTicker ticker = new FakeTicker();
  final List<Duration> reconnectDelays = new CopyOnWriteArrayList<>();
  final TqcEventListener recorder = new TqcEventListener() {
    @Override
    public void statusStreamReconnecting(boolean failure, Duration delay) {
      reconnectDelays.add(delay);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.stubToken(Duration.ofMinutes(10));
    relay.stubEvents(aResponse().withStatus(503)); // the stream is refused every time; the poll answers
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  TqcClient build(Duration initial, Duration max) {
    return relay.client().ticker(ticker).listener(recorder)
        .statusPollInterval(POLL)
        .reconnectBackoff(Backoff.between(initial, max))
        .retry(RetryPolicy.builder().maxAttempts(1).build())
        .build();
  }

  /** Lets {@code runs} more maintenance runs pass (each one asks the watcher whether anything is due). */
  static void letMaintenanceRun(ClientEngine engine, int runs) {
    long target = engine.maintenanceRuns() + runs;
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.maintenanceRuns() >= target);
  }

  long untilNextConnect(StatusWatcher watcher) {
    return watcher.nextConnectAt() - ticker.read();
  }

  long untilNextPoll(StatusWatcher watcher) {
    return watcher.nextPollAt() - ticker.read();
  }

  @Test
  void refusedStream_reconnectsOnlyOnceTheTickerPassesTheBackoff_whichDoublesUpToItsMaximum() throws Exception {
    client = build(INITIAL, MAX);
    ClientEngine engine = client.engine();
    StatusWatcher watcher = engine.statusWatcher();

    await().atMost(Duration.ofSeconds(10)).until(() -> reconnectDelays.size() == 1);
    assertThat(watcher.connects()).isEqualTo(1);
    assertThat(reconnectDelays.get(0)).isEqualTo(INITIAL);
    assertThat(untilNextConnect(watcher)).isEqualTo(INITIAL.toNanos());

    // Control: one nanosecond short of the window, maintenance keeps running and does not reconnect.
    ticker.advance(INITIAL.minusNanos(1));
    letMaintenanceRun(engine, 5);
    assertThat(watcher.connects()).isEqualTo(1);
    assertThat(relay.served(relay.eventsPath(), 503)).isEqualTo(1);

    ticker.advance(Duration.ofNanos(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> reconnectDelays.size() == 2);
    assertThat(watcher.connects()).isEqualTo(2);
    assertThat(reconnectDelays.get(1)).isEqualTo(INITIAL.multipliedBy(2));
    assertThat(untilNextConnect(watcher)).isEqualTo(INITIAL.multipliedBy(2).toNanos());

    // Each further refusal doubles the wait, up to the maximum, and only the ticker moves it on.
    Duration[] expected = {INITIAL.multipliedBy(4), MAX, MAX};
    for (int i = 0; i < expected.length; i++) {
      Duration wait = reconnectDelays.get(reconnectDelays.size() - 1);
      ticker.advance(wait.minusNanos(1));
      letMaintenanceRun(engine, 3);
      assertThat(watcher.connects()).isEqualTo(2 + i);
      ticker.advance(Duration.ofNanos(1));
      int seen = 3 + i;
      await().atMost(Duration.ofSeconds(10)).until(() -> reconnectDelays.size() == seen);
      assertThat(reconnectDelays.get(seen - 1)).isEqualTo(expected[i]);
      assertThat(untilNextConnect(watcher)).isEqualTo(expected[i].toNanos());
    }
    assertThat(watcher.connects()).isEqualTo(5);
  }

  @Test
  void whileTheStreamIsDown_thePollRunsEveryPollInterval_orAfterTheRelaysRetryAfter_onTheTicker() throws Exception {
    Duration never = Duration.ofDays(1); // no reconnect within this test: only the poll schedule moves
    client = build(never, never);
    ClientEngine engine = client.engine();
    StatusWatcher watcher = engine.statusWatcher();

    // The first poll runs at once (the stream is not open) and schedules the next one POLL later.
    client.awaitReady(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> untilNextPoll(watcher) > 0);
    assertThat(watcher.polls()).isEqualTo(1);
    assertThat(untilNextPoll(watcher)).isEqualTo(POLL.toNanos());

    // Control: one nanosecond short, no second poll however often maintenance runs.
    ticker.advance(POLL.minusNanos(1));
    letMaintenanceRun(engine, 5);
    assertThat(watcher.polls()).isEqualTo(1);

    ticker.advance(Duration.ofNanos(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.polls() == 2 && untilNextPoll(watcher) > 0);
    assertThat(untilNextPoll(watcher)).isEqualTo(POLL.toNanos());

    // The relay answers the poll 503 with Retry-After: 120 s, longer than the poll interval: the
    // next poll waits for it, on the ticker.
    relay.wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(relay.statusPath()))
        .willReturn(RelayStub.problem(503, "relay_unavailable").withHeader("Retry-After", "120")));
    ticker.advance(POLL);
    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.polls() == 3 && untilNextPoll(watcher) > 0);
    Duration retryAfter = Duration.ofSeconds(120);
    assertThat(untilNextPoll(watcher)).isEqualTo(retryAfter.toNanos());
    ticker.advance(retryAfter.minusNanos(1));
    letMaintenanceRun(engine, 5);
    assertThat(watcher.polls()).isEqualTo(3);
    ticker.advance(Duration.ofNanos(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.polls() == 4);
    assertThat(watcher.connects()).isEqualTo(1);
  }
}
