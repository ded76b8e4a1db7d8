package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.VerifiedBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InterceptorTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  /** A compliant advertising batch (night consent, so the pre-flight passes at any hour). */
  static final String BATCH = "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":["
      + "{\"to\":\"01012345678\",\"text\":\"(광고)테스트상점 봄 할인 02-1234-5678\\n무료거부 0801234567\","
      + "\"night_consent\":true}],\"advertiser\":{\"name\":\"테스트상점\",\"contact\":\"02-1234-5678\"}}";
  static final MediaType JSON = MediaType.get("application/json");

  RelayStub relay;
  TqcClient client;
  OkHttpClient http;
  CertificationToken firstToken;
  final List<String> statusChanges = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    firstToken = relay.stubToken(LIFETIME);
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void statusChanged(CertificationStatus previous, CertificationStatus current, long seq, String reason) {
        statusChanges.add(previous + "->" + current);
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));
    http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
  }

  @AfterEach
  void tearDown() {
    client.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    relay.close();
  }

  Request batchRequest(AdvertisingBatch marker) {
    Request.Builder builder = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
        .post(RequestBody.create(BATCH, JSON));
    return marker == null ? builder.build() : builder.tag(AdvertisingBatch.class, marker).build();
  }

  List<LoggedRequest> batchRequests() {
    return relay.requestsTo(RelayStub.BATCH_PATH).stream().map(e -> e.getRequest()).collect(Collectors.toList());
  }

  void stubBatchAccepted() {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"accepted\":1}")));
  }

  @Test
  void taggedRequest_getsTokenAndProofHeaders_thatTheRelayVerifies() throws Exception {
    stubBatchAccepted();
    try (Response response = http.newCall(batchRequest(AdvertisingBatch.countingMessages())).execute()) {
      assertThat(response.code()).isEqualTo(202);
    }
    LoggedRequest sent = batchRequests().get(0);
    assertThat(sent.getHeader("Authorization")).isEqualTo("TQC " + firstToken.compact());
    VerifiedBatch verified = relay.verifier().verify(firstToken.compact(), sent.getHeader("TQC-Proof"),
        sent.getBody(), 1, Instant.now());
    assertThat(verified.proof().messageCount()).isEqualTo(1);
  }

  @Test
  void untaggedRequest_passesThroughUntouched() throws Exception {
    stubBatchAccepted();
    try (Response response = http.newCall(batchRequest(null)).execute()) {
      assertThat(response.code()).isEqualTo(202);
    }
    assertThat(batchRequests().get(0).containsHeader("TQC-Proof")).isFalse();
    assertThat(batchRequests().get(0).containsHeader("Authorization")).isFalse();
  }

  @Test
  void relay401TokenExpired_refetchesTheToken_andRetriesOnceWithANewProof() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).inScenario("expiry")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(RelayStub.problem(401, "token_expired"))
        .willSetStateTo("renewed"));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).inScenario("expiry")
        .whenScenarioStateIs("renewed").willReturn(aResponse().withStatus(202)));
    CertificationToken renewed = relay.stubToken(LIFETIME);

    try (Response response = http.newCall(batchRequest(AdvertisingBatch.withMessageCount(1))).execute()) {
      assertThat(response.code()).isEqualTo(202);
    }
    List<LoggedRequest> sent = batchRequests();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("TQC " + firstToken.compact());
    assertThat(sent.get(1).getHeader("Authorization")).isEqualTo("TQC " + renewed.compact());
    assertThat(sent.get(1).getHeader("TQC-Proof")).isNotEqualTo(sent.get(0).getHeader("TQC-Proof"));
    relay.verifier().verify(renewed.compact(), sent.get(1).getHeader("TQC-Proof"), sent.get(1).getBody(), 1,
        Instant.now());
  }

  @Test
  void relay401Twice_isReturnedAfterOneRetry() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).willReturn(RelayStub.problem(401, "token_expired")));
    relay.stubToken(LIFETIME);
    try (Response response = http.newCall(batchRequest(AdvertisingBatch.withMessageCount(1))).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }
    assertThat(batchRequests()).hasSize(2);
  }

  @Test
  void relay403Suspended_movesTheClientIntoSuspension_withoutWaitingForTheFeed() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH))
        .willReturn(RelayStub.problem(403, "certification_suspended")));
    try (Response response = http.newCall(batchRequest(AdvertisingBatch.withMessageCount(1))).execute()) {
      assertThat(response.code()).isEqualTo(403);
    }
    assertThat(statusChanges).contains("ACTIVE->SUSPENDED");
    byte[] next = BATCH.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> client.certify(next, 1)).isInstanceOf(CertificationSuspendedException.class);
    // The relay's feed still says ACTIVE with the same seq: that does not lift the suspension.
    int deliveries = relay.statusDeliveries();
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.statusDeliveries() >= deliveries + 3);
    assertThatThrownBy(() -> client.certify(next, 1)).isInstanceOf(CertificationSuspendedException.class);
  }

  @Test
  void failingClosed_throwsAnIOExceptionCarryingTheBody_onSyncAndAsyncCalls() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusChanges.contains("ACTIVE->SUSPENDED"));

    assertThatThrownBy(() -> http.newCall(batchRequest(AdvertisingBatch.withMessageCount(1))).execute())
        .isInstanceOfSatisfying(CertificationSuspendedException.class,
            e -> assertThat(new String(e.refusedBatch(), StandardCharsets.UTF_8)).isEqualTo(BATCH));

    CompletableFuture<IOException> failure = new CompletableFuture<>();
    http.newCall(batchRequest(AdvertisingBatch.withMessageCount(1))).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        failure.complete(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        response.close();
        failure.completeExceptionally(new AssertionError("the batch was sent"));
      }
    });
    assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(CertificationSuspendedException.class);
    assertThat(batchRequests()).isEmpty();
  }

  @Test
  void countingMessages_refusesABodyThatIsNotABatch() {
    Request request = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
        .post(RequestBody.create("not json", JSON))
        .tag(AdvertisingBatch.class, AdvertisingBatch.countingMessages()).build();
    assertThatThrownBy(() -> http.newCall(request).execute())
        .isInstanceOfSatisfying(TqcClientException.class,
            e -> assertThat(e.reason().code()).isEqualTo("batch_malformed"));
    assertThat(batchRequests()).isEmpty();
  }
}
