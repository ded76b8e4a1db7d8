package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code awaitReady} fails fast on refusals waiting cannot heal and waits out transient ones, such
 * as the relay's {@code 503 relay_unavailable} with {@code Retry-After}, which is never taken for a
 * certification failure. The first status reaches the listener as a typed initial status.
 */
@Timeout(60) // a safety net only: the tests below wait for an hour if awaitReady retries permanent refusals
class AwaitReadyAndRelayUnavailableTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final Duration FOREVER = Duration.ofHours(1);

  RelayStub relay;
  TqcClient client;
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<TqcClientException> refreshFailures = new CopyOnWriteArrayList<>();
  final TqcEventListener recorder = new TqcEventListener() {
    @Override
    public void initialStatus(CertificationStatus current, long sequence, String reason) {
      events.add("initial " + current + " seq " + sequence);
    }

    @Override
    public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence,
        String reason) {
      events.add(previous + " -> " + current + " seq " + sequence);
    }

    @Override
    public void tokenRefreshFailed(TqcClientException error) {
      refreshFailures.add(error);
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
  void resellerUnknown_failsAwaitReadyAtOnce_withTheRelaysReason() {
    relay.stubTokenResponse(RelayStub.problem(401, "reseller_unknown"));
    client = relay.client().listener(recorder).build();

    NotCertifiedException e = catchThrowableOfType(NotCertifiedException.class, () -> client.awaitReady(FOREVER));
    assertThat(e.getCause()).isInstanceOfSatisfying(RelayRefusedException.class,
        cause -> assertThat(cause.reason()).isEqualTo(ReasonCode.RESELLER_UNKNOWN));
  }

  @Test
  void assertionInvalid_failsAwaitReadyAtOnce() {
    relay.stubTokenResponse(RelayStub.problem(401, "assertion_invalid"));
    client = relay.client().listener(recorder).build();

    NotCertifiedException e = catchThrowableOfType(NotCertifiedException.class, () -> client.awaitReady(FOREVER));
    assertThat(((TqcClientException) e.getCause()).reason()).isEqualTo(ReasonCode.ASSERTION_INVALID);
  }

  @Test
  void suspendedAtStart_awaitReadyWaitsForTheReinstatement_notForever() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 3);
    relay.stubTokenResponse(RelayStub.problem(403, "certification_suspended"));
    client = relay.client().listener(recorder).build();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> client.engine().state().status() == CertificationStatus.SUSPENDED);

    java.util.concurrent.CompletableFuture<Void> ready = java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        client.awaitReady(FOREVER);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    relay.stubToken(LIFETIME);
    relay.stubStatus(CertificationStatus.ACTIVE, 4); // the operator lifts the suspension
    ready.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(client.isReady()).isTrue();
  }

  @Test
  void relayUnavailable503WithRetryAfter_isWaitedOut_andIsNoCertificationFailure() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("outage")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(RelayStub.problem(503, "relay_unavailable").withHeader("Retry-After", "1"))
        .willSetStateTo("up"));
    CertificationToken token = relay.token(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("outage").whenScenarioStateIs("up")
        .willReturn(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds()))));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    client = relay.client().listener(recorder).build();
    client.engine().tokenResilience().onRetryWait(waits::add);

    client.awaitReady(Duration.ofSeconds(20));
    assertThat(client.certify("{}".getBytes(), 1).token()).isEqualTo(token.compact());
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(refreshFailures).isEmpty();
    assertThat(events).containsExactly("initial ACTIVE seq 1");
  }

  @Test
  void relayUnavailable503TooLongForOneCall_isReportedAsRelayUnavailable_andAwaitReadyKeepsWaiting() {
    relay.stubTokenResponse(RelayStub.problem(503, "relay_unavailable").withHeader("Retry-After", "3600"));
    client = relay.client().listener(recorder).build();

    NotCertifiedException e = catchThrowableOfType(NotCertifiedException.class, () -> client.awaitReady(Duration.ofSeconds(2)));
    assertThat(e.getCause()).isInstanceOf(RelayUnavailableException.class);
    assertThat(refreshFailures).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOf(RelayUnavailableException.class));
    assertThat(relay.tokenRequests()).as("Retry-After 3600 s is honoured: no second request").isEqualTo(1);
    assertThat(client.engine().state().status()).isEqualTo(CertificationStatus.ACTIVE);
  }

  @Test
  void batchAnswered503RelayUnavailable_isReturned_andTheTokenAndStatusAreKept() throws Exception {
    CertificationToken token = relay.stubToken(LIFETIME);
    client = relay.client().listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH))
        .willReturn(RelayStub.problem(503, "relay_unavailable").withHeader("Retry-After", "5")));
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
    try {
      Request request = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
          .post(RequestBody.create(KeyRotationTest.BATCH_JSON, MediaType.get("application/json")))
          .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(1)).build();
      try (Response response = http.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    assertThat(relay.tokenRequests()).isEqualTo(1);
    assertThat(client.isReady()).isTrue();
    assertThat(client.certify("{}".getBytes(), 1).token()).isEqualTo(token.compact());
    assertThat(events).containsExactly("initial ACTIVE seq 1");
  }

  @Test
  void firstStatus_isATypedInitialStatus_andChangesFollowWithTheirPrevious() throws Exception {
    relay.stubToken(LIFETIME);
    client = relay.client().listener(recorder).build();
    client.awaitReady(Duration.ofSeconds(10));
    relay.stubStatus(CertificationStatus.SUSPENDED, 2);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
    assertThat(events).containsExactly("initial ACTIVE seq 1", "ACTIVE -> SUSPENDED seq 2");
  }

  @Test
  void aListenerWithoutInitialStatus_seesTheFirstStatusAsAChangeFromNull() throws Exception {
    List<String> legacy = new CopyOnWriteArrayList<>();
    relay.stubToken(LIFETIME);
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence,
          String reason) {
        legacy.add(previous + " -> " + current);
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));
    // Listeners are called after the state they report is in force: the event may follow awaitReady.
    await().atMost(Duration.ofSeconds(10)).until(() -> !legacy.isEmpty());
    assertThat(legacy).containsExactly("null -> ACTIVE");
  }

}
