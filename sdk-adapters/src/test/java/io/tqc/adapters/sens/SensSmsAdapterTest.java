package io.tqc.adapters.sens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.tqc.adapters.Fixtures.AD;
import static io.tqc.adapters.Fixtures.CONTACT;
import static io.tqc.adapters.Fixtures.NAME;
import static io.tqc.adapters.Fixtures.TO_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tqc.adapters.Fixtures;
import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SensSmsAdapterTest {
  static final String PATH = "/sms/v2/services/ncp:sms:kr:123456789012:tqc/messages";
  static final String ACCEPTED = "{\"requestId\":\"RSSA-1606974392012-3413-97836405-VTxBmkuL\","
      + "\"requestTime\":\"2026-12-01T05:30:00.000\",\"statusCode\":\"202\",\"statusName\":\"success\"}";

  StubRelay relay;
  TqcClient tqc;
  WireMockServer sens;
  SensSmsAdapter adapter;
  final Clock clock = Clock.fixed(Instant.parse("2026-12-01T20:30:00Z"), ZoneOffset.UTC);

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client();
    sens = new WireMockServer(options().dynamicPort());
    sens.start();
    sens.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(ACCEPTED)));
    adapter = new SensSmsAdapter.Builder().tqc(tqc).baseUrl(sens.baseUrl()).serviceId("ncp:sms:kr:123456789012:tqc")
        .accessKey("ACCESSKEY1").secretKey("SECRETKEY1").clock(clock).build();
  }

  @AfterEach
  void stop() {
    tqc.close();
    sens.stop();
    relay.close();
  }

  static SensSmsRequest.Builder ad() {
    return new SensSmsRequest.Builder().from(StubRelay.SENDER).content(AD).advertiser(NAME, CONTACT)
        .addMessage(TO_1).nightConsent(TO_1);
  }

  @Test
  void advertisingSend_isContentTypeAd_signedAtSendTime_withAProofOverTheExactBytes() throws Exception {
    ProviderReceipt receipt = adapter.send(ad().build());

    sens.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("x-ncp-apigw-timestamp", equalTo("1796157000000"))
        .withHeader("x-ncp-iam-access-key", equalTo("ACCESSKEY1"))
        .withHeader("x-ncp-apigw-signature-v2", equalTo(expectedSignature("1796157000000")))
        .withRequestBody(equalToJson("{\"type\":\"SMS\",\"contentType\":\"AD\",\"from\":\"0212345678\",\"content\":\""
            + AD + "\",\"messages\":[{\"to\":\"01012345678\"}]}")));
    LoggedRequest sent = sens.getAllServeEvents().get(0).getRequest();
    assertThat(sent.getHeader("x-ncp-apigw-signature-v2")).doesNotContain("SECRETKEY1");
    assertThat(Fixtures.verify(relay, receipt.certification(), sent.getBody()).batchId())
        .isEqualTo(receipt.certification().batchId());
    assertThat(receipt.requestId()).isEqualTo("RSSA-1606974392012-3413-97836405-VTxBmkuL");
    assertThat(receipt.providerCode()).isEqualTo("202");
  }

  /** The signature as NAVER Cloud's guide defines it, computed here independently of the adapter. */
  static String expectedSignature(String timestamp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("SECRETKEY1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] raw = mac.doFinal(("POST " + PATH + "\n" + timestamp + "\nACCESSKEY1").getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  void revokedCertification_refusesTheSend_andNothingReachesSens() throws Exception {
    relay.status(CertificationStatus.REVOKED);
    Fixtures.awaitNotReady(tqc);

    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOf(CertificationRevokedException.class);
    sens.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void sensErrors_keepItsCode_andSayWhetherToRetry() {
    sens.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"errorCode\":\"400\",\"message\":\"Bad Request\",\"details\":\"Invalid from\"}}")));
    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
      assertThat(e.providerCode()).isEqualTo("400");
      assertThat(e.getMessage()).doesNotContain("SECRETKEY1");
    });

    sens.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(429)));
    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOfSatisfying(ProviderException.class,
        e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void moreThanAHundredMessages_isRefusedNamingTheLimit() {
    SensSmsRequest.Builder b = new SensSmsRequest.Builder().from(StubRelay.SENDER).content(AD);
    for (int i = 0; i < 101; i++) {
      b.addMessage(String.format("010%08d", i));
    }
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100");
  }
}
