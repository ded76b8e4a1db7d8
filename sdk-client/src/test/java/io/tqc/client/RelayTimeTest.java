package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Json;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client learns the relay's time from the relay's {@code Date} headers and signed statuses,
 * never from the token it is about to judge: a token outside its validity window by relay time is
 * never installed, and a bogus token cannot move relay time for later assertions and proofs.
 */
class RelayTimeTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{}".getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;
  final FaultRecorder recorder = new FaultRecorder();

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    relay.close();
    recorder.assertInvariants(relay);
  }

  /** The token endpoint answers {@code first} once, then a good token. */
  CertificationToken stubFirstTokenThenAGoodOne(CertificationToken first) {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("tokens")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(RelayStub.json(RelayStub.tokenBody(first, LIFETIME.getSeconds()))).willSetStateTo("good"));
    CertificationToken good = relay.token(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("good")
        .willReturn(RelayStub.json(RelayStub.tokenBody(good, LIFETIME.getSeconds()))));
    return good;
  }

  void assertSecondAssertionIsInRelayTime() throws Exception {
    String assertion = Json.parseObject(relay.requestsTo(RelayStub.TOKEN_PATH).get(1).getRequest().getBody())
        .string("assertion");
    ClientAssertion.verify(assertion, relay.reseller, Collections.singletonList(relay.resellerKey.verificationKey()),
        RelayStub.ISSUER, Instant.now(), Duration.ofSeconds(5));
  }

  @Test
  void tokenThatExpired100sAgoByTheRelaysDate_isNeverInstalled_andTheNextOneIs() throws Exception {
    // Issued 11 min 40 s ago for 10 min: by the relay's Date header (and the local clock) it
    // expired 100 s ago. Before, the client measured its age by its own iat and installed it.
    CertificationToken expired = relay.token(relay.clock.instant().minus(LIFETIME).minusSeconds(100), LIFETIME,
        relay.resellerKey.verificationKey().thumbprint(), relay.relayKey);
    CertificationToken good = stubFirstTokenThenAGoodOne(expired);
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.refreshFailures.isEmpty());
    assertThat(recorder.refreshFailures.get(0).reason()).isEqualTo(ReasonCode.TOKEN_EXPIRED);
    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(good.compact());
    assertThat(recorder.certified).extracting(CertifiedBatch::token).doesNotContain(expired.compact());
    assertSecondAssertionIsInRelayTime();
  }

  @Test
  void tokenIssuedAnHourInTheFuture_isNeverInstalled_andDoesNotMoveRelayTime() throws Exception {
    CertificationToken future = relay.token(relay.clock.instant().plus(Duration.ofHours(1)), LIFETIME,
        relay.resellerKey.verificationKey().thumbprint(), relay.relayKey);
    CertificationToken good = stubFirstTokenThenAGoodOne(future);
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.refreshFailures.isEmpty());
    assertThat(recorder.refreshFailures.get(0).reason()).isEqualTo(ReasonCode.TOKEN_NOT_YET_VALID);
    client.awaitReady(Duration.ofSeconds(10));
    CertifiedBatch certified = client.certify(BATCH, 1);
    assertThat(certified.token()).isEqualTo(good.compact());
    // Relay time was never taken from the future token: the next assertion and the proof are
    // stamped in the relay's real time, so the relay accepts them (before, it refused them all).
    assertSecondAssertionIsInRelayTime();
    relay.verifier().verify(good.compact(), certified.proofHeader(), BATCH, 1, Instant.now());
    assertThat(certified.issuedAt()).isBetween(Instant.now().minusSeconds(3), Instant.now().plusSeconds(3));
  }

  @Test
  void localClockFiveMinutesBehind_learnsRelayTimeFromTheDateHeaders_evenFromAnExpiredLookingToken()
      throws Exception {
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));
    CertificationToken token = relay.stubToken(LIFETIME);
    client = relay.client().clock(behind).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));

    CertifiedBatch certified = client.certify(BATCH, 1);
    assertThat(certified.token()).isEqualTo(token.compact());
    relay.verifier().verify(token.compact(), certified.proofHeader(), BATCH, 1, Instant.now());
    assertThat(client.engine().state().clockOffsetMillis()).isBetween(298_000L, 302_000L);
  }

  @Test
  void aRelayDateHeaderDaysOff_isIgnored_andRelayTimeStaysSane() throws Exception {
    String insane = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC));
    CertificationToken token = relay.token(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH))
        .willReturn(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds())).withHeader("Date", insane)));
    relay.wm.stubFor(get(urlEqualTo(relay.statusPath())).willReturn(RelayStub.json(
        "{\"status\":\"" + relay.status(CertificationStatus.ACTIVE, 1, relay.relayKey).compact() + "\"}")
        .withHeader("Date", insane)));
    client = relay.client().listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));

    CertifiedBatch certified = client.certify(BATCH, 1);
    relay.verifier().verify(token.compact(), certified.proofHeader(), BATCH, 1, Instant.now());
    assertThat(Math.abs(client.engine().state().clockOffsetMillis())).isLessThan(5_000L);
  }

  @Test
  void relayTimeNeverComesFromTheToken_control() throws Exception {
    // Control for the tests above: the same far-future token, with a client whose relay Date
    // headers say the same far future, is installed. The window is checked against relay time,
    // and relay time here really is an hour ahead.
    Clock relayClock = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
    relay.close();
    relay = new RelayStub(relayClock);
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    CertificationToken token = relay.stubToken(LIFETIME);
    client = relay.client().clock(Clock.systemUTC()).build();
    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(token.compact());
    assertThat(client.engine().state().clockOffsetMillis()).isBetween(3_598_000L, 3_602_000L);
  }
}
