package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tqc.api.ReasonCode;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's keys: the JWKS is cached for its {@code Cache-Control} lifetime, refreshed on that
 * schedule, and keys the relay dropped stop counting at once (an emergency rotation); a refusal
 * that names the token's key refetches keys and token, single-flight.
 */
class KeyRotationTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{}".getBytes(StandardCharsets.UTF_8);
  static final String BATCH_JSON = "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":["
      + "{\"to\":\"01012345678\",\"text\":\"(광고)테스트상점 봄 할인 02-1234-5678\\n무료거부 0801234567\","
      + "\"night_consent\":true}],\"advertiser\":{\"name\":\"테스트상점\",\"contact\":\"02-1234-5678\"}}";

  RelayStub relay;
  TqcClient client;
  final FaultRecorder recorder = new FaultRecorder();

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
  void jwksWithAShortMaxAge_isRefreshedOnThatSchedule() throws Exception {
    relay.stubJwks(KeySet.of(relay.relayKey.verificationKey()), "public, max-age=1");
    relay.stubToken(LIFETIME);
    client = relay.client().keysRefreshMinInterval(Duration.ZERO).build();
    client.awaitReady(Duration.ofSeconds(10));
    int fetched = relay.jwksRequests();

    // Before, the JWKS was fetched once and cached forever (refetched only for an unknown kid).
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.jwksRequests() >= fetched + 2);
    assertThat(client.isReady()).isTrue();
  }

  @Test
  void emergencyRotation_dropsTheOldKey_soItsTokenAndStatusesStopCounting() throws Exception {
    relay.stubJwks(KeySet.of(relay.relayKey.verificationKey()), "max-age=1");
    CertificationToken oldToken = relay.stubToken(LIFETIME);
    client = relay.client().listener(recorder).keysRefreshMinInterval(Duration.ZERO)
        .maxStatusAge(Duration.ofSeconds(2)).build();
    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(oldToken.compact());

    // The relay drops the (leaked) key; a fake relay keeps serving what that key signed.
    SigningKey newKey = SigningKey.generate();
    relay.stubJwks(KeySet.of(newKey.verificationKey()), "max-age=1");

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(TqcClientException.class));
    // Never again: the old token is gone, new tokens and statuses by the old key do not verify.
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= deliveries + 5);
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(TqcClientException.class);
    assertThat(client.engine().state().token()).isNull();
    assertThat(recorder.refreshFailures).isNotEmpty()
        .allSatisfy(e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOKEN_KEY_UNKNOWN));

    // The real relay signs with the new key again: the client recovers by itself.
    relay.stubJwks(KeySet.of(newKey.verificationKey()), "max-age=1");
    relay.stubStatusJws(relay.status(CertificationStatus.ACTIVE, 1, newKey).compact());
    CertificationToken fresh = relay.token(Instant.now(), LIFETIME, relay.resellerKey.verificationKey().thumbprint(),
        newKey);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(fresh, LIFETIME.getSeconds())));
    client.awaitReady(Duration.ofSeconds(15));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(fresh.compact());
  }

  @Test
  void droppedStatusKey_endsTheStatusConfirmationAtOnce_whileATokenByAKeptKeyStays() throws Exception {
    SigningKey tokenKey = SigningKey.generate();
    relay.stubJwks(KeySet.of(relay.relayKey.verificationKey(), tokenKey.verificationKey()), "max-age=1");
    CertificationToken token = relay.token(Instant.now(), LIFETIME, relay.resellerKey.verificationKey().thumbprint(),
        tokenKey);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds())));
    client = relay.client().keysRefreshMinInterval(Duration.ZERO).build(); // maxStatusAge 60 s
    client.awaitReady(Duration.ofSeconds(10));

    // The relay drops the key its statuses were signed with; a fake feed keeps sending them.
    relay.stubJwks(KeySet.of(tokenKey.verificationKey()), "max-age=1");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOf(StatusUnavailableException.class));
    assertThat(client.engine().state().token().compact()).isEqualTo(token.compact());

    relay.stubStatusJws(relay.status(CertificationStatus.ACTIVE, 1, tokenKey).compact());
    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(token.compact());
  }

  @Test
  void concurrentTokenKeyUnknownRefusals_shareOneTokenRefetch() throws Exception {
    CertificationToken first = relay.stubToken(LIFETIME);
    client = relay.client().build();
    client.awaitReady(Duration.ofSeconds(10));
    SigningKey newKey = SigningKey.generate();
    relay.stubJwks(KeySet.of(relay.relayKey.verificationKey(), newKey.verificationKey()));
    CertificationToken renewed = relay.token(Instant.now(), LIFETIME,
        relay.resellerKey.verificationKey().thumbprint(), newKey);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(renewed, LIFETIME.getSeconds())).withFixedDelay(300));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).atPriority(1)
        .withHeader("Authorization", equalTo("TQC " + first.compact()))
        .willReturn(RelayStub.problem(401, "token_key_unknown")));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).atPriority(2).willReturn(aResponse().withStatus(202)));
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
    int threads = 16;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        codes.add(pool.submit(() -> {
          Request request = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
              .post(RequestBody.create(BATCH_JSON, MediaType.get("application/json")))
              .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(1)).build();
          long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
          while (true) {
            try (Response response = http.newCall(request).execute()) {
              return response.code();
            } catch (NotCertifiedException refetching) {
              // A batch that starts while the shared refetch runs is refused (fail closed): send it again.
              if (System.nanoTime() > deadline) {
                throw refetching;
              }
              Thread.sleep(10);
            }
          }
        }));
      }
      for (java.util.concurrent.Future<Integer> code : codes) {
        assertThat(code.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    assertThat(relay.tokenRequests()).as("the first token and one shared refetch").isEqualTo(2);
  }

  @Test
  void relay401TokenKeyUnknown_refetchesKeysAndToken_andRetriesOnce() throws Exception {
    CertificationToken first = relay.stubToken(LIFETIME);
    client = relay.client().build();
    client.awaitReady(Duration.ofSeconds(10));
    // The relay starts signing statuses with a new key it publishes next to the old one.
    SigningKey newKey = SigningKey.generate();
    relay.stubJwks(KeySet.of(relay.relayKey.verificationKey(), newKey.verificationKey()));
    relay.stubStatusJws(relay.status(CertificationStatus.ACTIVE, 1, newKey).compact());
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= deliveries + 3);
    client.awaitReady(Duration.ofSeconds(10));

    // Then an emergency rotation: the old key is gone, so is the token it signed.
    relay.stubJwks(KeySet.of(newKey.verificationKey()));
    CertificationToken renewed = relay.token(Instant.now(), LIFETIME,
        relay.resellerKey.verificationKey().thumbprint(), newKey);
    relay.stubTokenResponse(RelayStub.json(RelayStub.tokenBody(renewed, LIFETIME.getSeconds())));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).atPriority(1)
        .withHeader("Authorization", equalTo("TQC " + first.compact()))
        .willReturn(RelayStub.problem(401, "token_key_unknown")));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).atPriority(2).willReturn(aResponse().withStatus(202)));
    int jwks = relay.jwksRequests();
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
    try {
      Request request = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
          .post(RequestBody.create(BATCH_JSON, MediaType.get("application/json")))
          .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(1)).build();
      try (Response response = http.newCall(request).execute()) {
        // Before, token_key_unknown was returned as is and every batch failed until the next prefetch.
        assertThat(response.code()).isEqualTo(202);
      }
      List<LoggedRequest> sent = relay.requestsTo(RelayStub.BATCH_PATH).stream().map(e -> e.getRequest())
          .collect(Collectors.toList());
      assertThat(sent).hasSize(2);
      assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("TQC " + first.compact());
      assertThat(sent.get(1).getHeader("Authorization")).isEqualTo("TQC " + renewed.compact());
      assertThat(relay.jwksRequests()).as("the keys were fetched again").isGreaterThan(jwks);
      assertThat(relay.tokenRequests()).isEqualTo(2);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void everyTokenRefusalCode_isClassified() {
    for (ReasonCode code : ReasonCode.values()) {
      boolean refetch = CertifyingInterceptor.tokenNoLongerGood(code);
      switch (code) {
        case TOKEN_EXPIRED:
        case TOKEN_NOT_YET_VALID:
        case TOKEN_KEY_UNKNOWN:
        case TOKEN_SIGNATURE_INVALID:
        case CERTIFICATION_UNKNOWN:
          assertThat(refetch).as(code.code()).isTrue();
          break;
        default:
          assertThat(refetch).as(code.code()).isFalse();
      }
    }
    assertThat(CertifyingInterceptor.keysChanged(ReasonCode.TOKEN_KEY_UNKNOWN)).isTrue();
    assertThat(CertifyingInterceptor.keysChanged(ReasonCode.TOKEN_SIGNATURE_INVALID)).isTrue();
    assertThat(CertifyingInterceptor.keysChanged(ReasonCode.TOKEN_EXPIRED)).isFalse();
  }

}
