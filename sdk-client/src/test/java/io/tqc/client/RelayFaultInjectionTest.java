package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults injected between the client and its relay (WireMock socket faults, a 30 s stall, tokens
 * from another relay). In every case: nothing is certified without a valid token of this relay and
 * a fresh ACTIVE status, every refusal carries its reason code, and the client recovers by itself
 * once the fault ends.
 */
class RelayFaultInjectionTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[]}"
      .getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;
  /** Jumps when a test advances it; otherwise runs with time, so the status stream reconnects and polls. */
  final FakeTicker ticker = FakeTicker.runningWithSystemTime();
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

  /** The fault is over: the client becomes ready on its own and certifies a batch the relay accepts. */
  void assertRecovers() throws Exception {
    await().atMost(Duration.ofSeconds(15)).until(client::isReady);
    CertifiedBatch certified = client.certify(BATCH, 1);
    relay.verifier().verify(certified.token(), certified.proofHeader(), BATCH, 1, Instant.now());
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void tokenEndpointSocketFault_failsClosedWithItsReason_andRecoversWhenItEnds(Fault fault) throws Exception {
    relay.stubTokenResponse(aResponse().withFault(fault));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.refreshFailures.size() >= 2);
    assertThat(recorder.refreshFailures).allSatisfy(e -> assertThat(e).isInstanceOf(RelayUnavailableException.class));
    NotCertifiedException refused = catchThrowableOfType(NotCertifiedException.class, () -> client.certify(BATCH, 1));
    assertThat(refused.reason()).isEqualTo(ReasonCode.NOT_CERTIFIED);
    assertThat(refused.refusedBatch()).isSameAs(BATCH);
    assertThat(refused.getCause()).isInstanceOf(RelayUnavailableException.class);
    assertThat(recorder.certified).isEmpty();

    relay.stubToken(LIFETIME);
    assertRecovers();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void statusEndpointsSocketFault_keepCertifyingOnlyWhileTheLastActiveStatusIsFresh(Fault fault) throws Exception {
    relay.stubToken(LIFETIME);
    client = relay.client().ticker(ticker).listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));

    relay.wm.stubFor(get(urlEqualTo(relay.statusPath())).willReturn(aResponse().withFault(fault)));
    relay.stubEvents(aResponse().withFault(fault));
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= deliveries + 4);
    client.certify(BATCH, 1); // the ACTIVE status confirmed before the fault is still fresh

    ticker.advance(Duration.ofSeconds(61));
    StatusUnavailableException refused =
        catchThrowableOfType(StatusUnavailableException.class, () -> client.certify(BATCH, 1));
    assertThat(refused.reason()).isEqualTo(ReasonCode.STATUS_UNAVAILABLE);
    int certifiedBefore = recorder.certified.size();
    for (int i = 0; i < 100; i++) {
      assertThat(client.isReady()).isFalse();
    }
    assertThat(recorder.certified).hasSize(certifiedBefore);

    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    assertRecovers();
  }

  @Test
  void tokenEndpointStalling30s_isCutByTheClientTimeouts_neverBlocksCertify_andRecovers() throws Exception {
    CertificationToken late = relay.token(LIFETIME);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(late, LIFETIME.getSeconds())).withFixedDelay(30_000));
    client = relay.client().listener(recorder)
        .retry(RetryPolicy.builder().maxAttempts(2).backoff(Backoff.between(Duration.ofMillis(10), Duration.ofMillis(50)))
            .build())
        .timeouts(Timeouts.builder().connect(Duration.ofMillis(500)).read(Duration.ofMillis(700))
            .call(Duration.ofSeconds(1)).build())
        .build();

    // Bounded by the call timeout (1 s per attempt, 2 attempts), far below the 30 s stall.
    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.refreshFailures.isEmpty());
    assertThat(recorder.refreshFailures.get(0)).isInstanceOf(RelayUnavailableException.class);
    // certify reads the snapshot and refuses at once while the relay stalls.
    await().atMost(Duration.ofSeconds(2)).until(() -> {
      assertThat(catchThrowableOfType(NotCertifiedException.class, () -> client.certify(BATCH, 1))).isNotNull();
      return true;
    });

    relay.stubToken(LIFETIME);
    assertRecovers();
  }

  @Test
  void statusStreamStalling30s_isReconnected_andPollingKeepsTheStatusFresh() throws Exception {
    relay.stubToken(LIFETIME);
    relay.stubEvents(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
        .withBody("event: status\ndata: x\n\n").withFixedDelay(30_000));
    client = relay.client().ticker(ticker).listener(recorder).statusStreamReadTimeout(Duration.ofMillis(500))
        .build();

    client.awaitReady(Duration.ofSeconds(10)); // from the poll while the stream hangs
    int polls = relay.wm.countRequestsMatching(
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(relay.statusPath())).build())
        .getCount();
    ticker.advance(Duration.ofSeconds(50));
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.wm.countRequestsMatching(
        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(relay.statusPath())).build())
        .getCount() >= polls + 2);
    ticker.advance(Duration.ofSeconds(50)); // 100 s after the first status: only polls kept it fresh
    client.certify(BATCH, 1);
  }

  static Stream<Arguments> foreignTokens() {
    return Stream.of(
        Arguments.of("signed by another relay's key", (Function<RelayStub, CertificationToken>) r ->
            sign(r, RelayStub.ISSUER, r.reseller, SigningKey.generate())),
        Arguments.of("issued by another relay (its iss) with a key id this relay does not publish",
            (Function<RelayStub, CertificationToken>) r ->
                sign(r, "https://other-relay.test.kr", r.reseller, SigningKey.generate())),
        Arguments.of("another relay's key under this relay's key id", (Function<RelayStub, CertificationToken>) r ->
            sign(r, RelayStub.ISSUER, r.reseller, SigningKey.generate().withKeyId(r.relayKey.keyId()))),
        Arguments.of("this relay's key but another relay's iss", (Function<RelayStub, CertificationToken>) r ->
            sign(r, "https://other-relay.test.kr", r.reseller, r.relayKey)),
        Arguments.of("for another reseller", (Function<RelayStub, CertificationToken>) r ->
            sign(r, RelayStub.ISSUER, otherReseller(), r.relayKey)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignTokens")
  void tokenFromAnotherRelay_isNeverInstalled_andTheRightTokenIsUsedOnceServed(String what,
      Function<RelayStub, CertificationToken> foreign) throws Exception {
    CertificationToken token = foreign.apply(relay);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds())));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.refreshFailures.isEmpty());
    assertThat(recorder.refreshFailures.get(0).reason()).isNotNull();
    NotCertifiedException refused = catchThrowableOfType(NotCertifiedException.class, () -> client.certify(BATCH, 1));
    assertThat(refused.getCause()).isNotNull();
    assertThat(client.engine().state().token()).isNull();
    assertThat(recorder.certified).isEmpty();

    relay.stubToken(LIFETIME);
    assertRecovers();
  }

  static CertificationToken sign(RelayStub r, String issuer, ResellerId subject, SigningKey key) {
    Instant now = Instant.now();
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(issuer).subject(subject).issuedAt(now).expiresAt(now.plus(LIFETIME))
        .tokenId(Digests.randomId()).keyThumbprint(r.resellerKey.verificationKey().thumbprint())
        .certificationId("cert-1").certificationExpiresAt(now.plus(Duration.ofDays(365)))
        .senderNumbers(Arrays.asList("0212345678")).originCode("123456789")
        .statusListIndex(0).statusListUri(issuer + "/v1/status-lists/0").build(), key);
  }

  static ResellerId otherReseller() {
    try {
      return ResellerId.parse("220-81-62517");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
