package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status feed that replays old events, and clocks that jump: the wall clock (NTP steps forward
 * and back) and the monotonic ticker (a paused VM resuming). Same invariants as
 * {@link RelayFaultInjectionTest}.
 */
class StatusReplayAndClockJumpTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[]}"
      .getBytes(StandardCharsets.UTF_8);

  /** The system clock shifted by an offset the test sets. */
  static final class JumpingClock extends Clock {
    final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift.get());
    }
  }

  RelayStub relay;
  TqcClient client;
  SignedStatus firstActive;
  /** Jumps when a test advances it; otherwise runs with time, so the status stream reconnects and polls. */
  final FakeTicker ticker = FakeTicker.runningWithSystemTime();
  final JumpingClock clock = new JumpingClock();
  final FaultRecorder recorder = new FaultRecorder();

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    firstActive = relay.stubStatus(CertificationStatus.ACTIVE, 5);
    relay.stubToken(LIFETIME);
    client = relay.client().ticker(ticker).clock(clock).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    relay.close();
    recorder.assertInvariants(relay);
  }

  void awaitDeliveries(int n) {
    int target = relay.statusDeliveries() + n;
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= target);
  }

  void assertRecovers() throws Exception {
    await().atMost(Duration.ofSeconds(15)).until(client::isReady);
    CertifiedBatch certified = client.certify(BATCH, 1);
    relay.verifier().verify(certified.token(), certified.proofHeader(), BATCH, 1, Instant.now());
  }

  @Test
  void feedReplayingAnOlderActiveEventAfterASuspension_keepsTheClientSuspended() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 6);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.engine().state().status() == CertificationStatus.SUSPENDED);

    relay.stubStatusJws(firstActive.compact()); // the very event of seq 5, replayed
    awaitDeliveries(3);
    relay.stubStatusJws(relay.status(CertificationStatus.ACTIVE, 5, relay.relayKey).compact()); // re-signed seq 5
    awaitDeliveries(3);
    CertificationSuspendedException refused =
        catchThrowableOfType(CertificationSuspendedException.class, () -> client.certify(BATCH, 1));
    assertThat(refused.reason()).isEqualTo(ReasonCode.CERTIFICATION_SUSPENDED);
    assertThat(client.isReady()).isFalse();

    relay.stubToken(LIFETIME);
    relay.stubStatus(CertificationStatus.ACTIVE, 7); // the real reinstatement
    assertRecovers();
  }

  @Test
  void feedReplayingAnExpiredActiveEvent_doesNotKeepTheStatusFresh() throws Exception {
    Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
    relay.stubStatusJws(SignedStatus.sign(RelayStub.ISSUER, relay.reseller, "cert-1", CertificationStatus.ACTIVE,
        null, 5, longAgo, Duration.ofMinutes(5), relay.relayKey).compact());
    awaitDeliveries(3);

    ticker.advance(Duration.ofSeconds(61));
    awaitDeliveries(3);
    StatusUnavailableException refused =
        catchThrowableOfType(StatusUnavailableException.class, () -> client.certify(BATCH, 1));
    assertThat(refused.reason()).isEqualTo(ReasonCode.STATUS_UNAVAILABLE);

    relay.stubStatus(CertificationStatus.ACTIVE, 5);
    assertRecovers();
  }

  @Test
  void wallClockJumpingTwoHoursForward_isAbsorbedByTheNextRelayAnswers_andProofsStayInRelayTime()
      throws Exception {
    clock.shift.set(Duration.ofHours(2));
    // The relay's Date headers re-measure relay time at once (the jump restarts the sample window).
    awaitDeliveries(3);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Math.abs(client.engine().state().clockOffsetMillis() + Duration.ofHours(2).toMillis()) < 2_000);
    assertRecovers(); // the proof is verified at the relay's real time although the local clock is 2 h ahead

    clock.shift.set(Duration.ZERO);
    await().atMost(Duration.ofSeconds(10)).until(() -> Math.abs(client.engine().state().clockOffsetMillis()) < 2_000);
    assertRecovers();
  }

  @Test
  void wallClockJumpingTwoHoursBack_isAbsorbedByTheNextRelayAnswers_andProofsStayInRelayTime() throws Exception {
    clock.shift.set(Duration.ofHours(-2));
    awaitDeliveries(3);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Math.abs(client.engine().state().clockOffsetMillis() - Duration.ofHours(2).toMillis()) < 2_000);
    assertRecovers();

    clock.shift.set(Duration.ZERO);
    await().atMost(Duration.ofSeconds(10)).until(() -> Math.abs(client.engine().state().clockOffsetMillis()) < 2_000);
    assertRecovers();
  }

  @Test
  void wallClockStaysTwoHoursOff_theNextTokenRemeasuresRelayTime_andProofsAreStampedRight() throws Exception {
    clock.shift.set(Duration.ofHours(2));
    ticker.advance(Duration.ofMinutes(8)); // past the token's prefetch point: a new token is fetched
    relay.stubToken(LIFETIME);
    assertRecovers(); // verified at the relay's real time, although the local clock is still 2 h ahead
  }

  @Test
  void tickerJumpingAnHourForward_neverUsesTheStaleToken_andRefreshesBothByItself() throws Exception {
    String before = client.certify(BATCH, 1).token();
    String renewed = relay.stubToken(LIFETIME).compact();
    int certifiedBefore = recorder.certified.size();
    ticker.advance(Duration.ofHours(1));
    // Either refused at once (token and status are an hour old), or already refreshed in the
    // background: never certified with the stale token.
    try {
      assertThat(client.certify(BATCH, 1).token()).isEqualTo(renewed);
    } catch (TqcClientException refused) {
      assertThat(refused.reason()).isIn(ReasonCode.NOT_CERTIFIED, ReasonCode.STATUS_UNAVAILABLE);
    }
    assertRecovers();
    assertThat(recorder.certified.subList(certifiedBefore, recorder.certified.size()))
        .extracting(CertifiedBatch::token).doesNotContain(before).containsOnly(renewed);
  }
}
