package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay misbehaves: server errors, rate limits, refusals, answers that are not the contract. */
class RelayFailureTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{}".getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;
  final List<TqcClientException> failures = new CopyOnWriteArrayList<>();
  final List<Integer> tokenRequestsAtFailure = new CopyOnWriteArrayList<>();
  final TqcEventListener recorder = new TqcEventListener() {
    @Override
    public void tokenRefreshFailed(TqcClientException error) {
      tokenRequestsAtFailure.add(relay.tokenRequests());
      failures.add(error);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  @Test
  void serverErrorStorm_opensTheCircuit_andBoundsTheTokenRequests() throws Exception {
    relay.stubTokenResponse(RelayStub.problem(500, "internal_error"));
    client = relay.client().listener(recorder)
        .circuitBreaker(CircuitBreakerPolicy.builder().window(10).minimumCalls(5).openDuration(Duration.ofMinutes(5))
            .build())
        .build();

    await().atMost(Duration.ofSeconds(10)).until(() ->
        failures.stream().filter(e -> String.valueOf(e.getMessage()).contains("circuit breaker open")).count() >= 5);
    for (int i = 0; i < 1000; i++) {
      assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(NotCertifiedException.class);
    }
    int failuresSoFar = failures.size();
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() >= failuresSoFar + 5);

    // A count-based window that opens after 5 failed calls: the relay saw exactly those 5.
    assertThat(relay.tokenRequests()).isEqualTo(5);
    assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(RelayUnavailableException.class));
  }

  @Test
  void rateLimited429_waitsAtLeastRetryAfter_thenSucceeds() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("limit")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(RelayStub.problem(429, "rate_limited").withHeader("Retry-After", "1"))
        .willSetStateTo("open"));
    CertificationToken token = relay.token(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds()))));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    client = relay.client().listener(recorder).build();
    client.engine().tokenResilience().onRetryWait(waits::add);

    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(token.compact());
    assertThat(relay.tokenRequests()).isEqualTo(2);
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(failures).isEmpty();
  }

  @Test
  void refusal4xx_isNotRetried_andKeepsTheRelayCode() throws Exception {
    relay.stubTokenResponse(RelayStub.problem(401, "assertion_invalid"));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(tokenRequestsAtFailure.get(0)).isEqualTo(1);
    assertThat(failures.get(0)).isInstanceOfSatisfying(RelayRefusedException.class, e -> {
      assertThat(e.reason()).isEqualTo(ReasonCode.ASSERTION_INVALID);
      assertThat(e.relayCode()).isEqualTo("assertion_invalid");
      assertThat(e.httpStatus()).isEqualTo(401);
    });
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOfSatisfying(NotCertifiedException.class,
        e -> assertThat(e.getCause()).isInstanceOf(RelayRefusedException.class));
  }

  @Test
  void unknownRelayCode_mapsToRelayRefused_andKeepsTheRawCode() throws Exception {
    relay.stubTokenResponse(RelayStub.problem(400, "brand_new_code"));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0)).isInstanceOfSatisfying(RelayRefusedException.class, e -> {
      assertThat(e.reason()).isEqualTo(ReasonCode.RELAY_REFUSED);
      assertThat(e.relayCode()).isEqualTo("brand_new_code");
    });
  }

  @Test
  void tokenEndpointRefusingWithSuspension_suspendsTheClient() throws Exception {
    relay.stubTokenResponse(RelayStub.problem(403, "certification_suspended"));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(CertificationSuspendedException.class));
  }

  @Test
  void garbageJson_isAClearError_andTheClientRecoversWhenTheRelayIsFixed() throws Exception {
    relay.stubTokenResponse(RelayStub.json("{\"token\": \"abc\", "));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0)).isInstanceOf(RelayUnavailableException.class)
        .hasMessageContaining("token response is not valid JSON");
    assertThat(tokenRequestsAtFailure.get(0)).isEqualTo(1);

    CertificationToken token = relay.stubToken(LIFETIME);
    await().atMost(Duration.ofSeconds(10)).until(client::isReady);
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(token.compact());
  }

  @Test
  void wrongContentType_isAClearError() throws Exception {
    relay.stubTokenResponse(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html>login</html>"));
    client = relay.client().listener(recorder).build();

    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0)).isInstanceOf(RelayUnavailableException.class)
        .hasMessageContaining("expected application/json but the relay sent text/html");
  }

  @Test
  void tokenResponseOfAnotherType_isRefused() throws Exception {
    relay.stubTokenResponse(RelayStub.json("{\"token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":600}"));
    client = relay.client().listener(recorder).build();
    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0)).hasMessageContaining("token_type is not TQC");
  }

  @Test
  void tokenBoundToAnotherKey_isNotInstalled() throws Exception {
    CertificationToken foreign = relay.token(LIFETIME, SigningKey.generate().verificationKey().thumbprint());
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(foreign, LIFETIME.getSeconds())));
    client = relay.client().listener(recorder).build();
    await().atMost(Duration.ofSeconds(10)).until(() -> !failures.isEmpty());
    assertThat(failures.get(0).reason()).isEqualTo(ReasonCode.PROOF_KEY_MISMATCH);
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(NotCertifiedException.class);
  }

  @Test
  void eventStreamWithWrongContentType_fallsBackToPolling_withoutCrashing() throws Exception {
    relay.stubToken(LIFETIME);
    relay.stubEvents(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html/>"));
    client = relay.client().build();

    client.awaitReady(Duration.ofSeconds(10));
    int streams = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= streams + 3);
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
  }

  @Test
  void truncatedEventStream_isDiscarded_withoutCrashing() throws Exception {
    relay.stubToken(LIFETIME);
    String suspended = relay.status(CertificationStatus.SUSPENDED, 2, relay.relayKey).compact();
    relay.stubEvents(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
        .withBody("event: status\ndata: " + suspended.substring(0, suspended.length() / 2))
        .withChunkedDribbleDelay(4, 200));
    client = relay.client().build();

    client.awaitReady(Duration.ofSeconds(10));
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= deliveries + 3);
    assertThat(client.certify(BATCH, 1).batchId()).isNotEmpty();
  }
}
