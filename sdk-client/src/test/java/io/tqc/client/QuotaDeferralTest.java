package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import java.nio.charset.StandardCharsets;
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

/** A relay's {@code 429 quota_exceeded} is a deferral: reported to the listener, the certification untouched. */
class QuotaDeferralTest {
  RelayStub relay;
  TqcClient client;
  OkHttpClient http;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.stubToken(Duration.ofMinutes(10));
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void statusChanged(CertificationStatus previous, CertificationStatus current, long seq, String reason) {
        events.add("status " + current);
      }

      @Override
      public void batchDeferred(CertifiedBatch batch, ReasonCode reason, Duration retryAfter) {
        events.add("deferred " + reason.code() + " " + retryAfter + " " + (batch.batchId() != null));
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

  @Test
  void quotaExceeded_isReportedAsADeferral_andTheClientStillCertifies() throws Exception {
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH))
        .willReturn(RelayStub.problem(429, "quota_exceeded").withHeader("Retry-After", "42")));
    Request request = new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
        .post(RequestBody.create(InterceptorTest.BATCH, MediaType.get("application/json")))
        .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(1)).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(429);
    }
    assertThat(events).contains("deferred quota_exceeded PT42S true").doesNotContain("status SUSPENDED",
        "status REVOKED");
    assertThat(client.certify(InterceptorTest.BATCH.getBytes(StandardCharsets.UTF_8), 1)).isNotNull();
  }
}
