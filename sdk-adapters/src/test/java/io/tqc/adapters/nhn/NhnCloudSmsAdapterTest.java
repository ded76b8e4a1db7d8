package io.tqc.adapters.nhn;

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
import static io.tqc.adapters.Fixtures.NOTICE;
import static io.tqc.adapters.Fixtures.TO_1;
import static io.tqc.adapters.Fixtures.TO_2;
import static io.tqc.adapters.Fixtures.UNMARKED_AD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tqc.adapters.Fixtures;
import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NhnCloudSmsAdapterTest {
  static final String AD_PATH = "/sms/v3.0/appKeys/APPKEY1/sender/ad-sms";
  static final String SMS_PATH = "/sms/v3.0/appKeys/APPKEY1/sender/sms";
  static final String OK = "{\"header\":{\"isSuccessful\":true,\"resultCode\":0,\"resultMessage\":\"SUCCESS\"},"
      + "\"body\":{\"data\":{\"requestId\":\"20261201053000abcDEF0\",\"statusCode\":\"2\",\"senderGroupingKey\":null,"
      + "\"sendResultList\":[{\"recipientNo\":\"01012345678\",\"resultCode\":0,\"resultMessage\":\"SUCCESS\","
      + "\"recipientSeq\":1,\"recipientGroupingKey\":null}]}}}";

  StubRelay relay;
  TqcClient tqc;
  WireMockServer nhn;
  NhnCloudSmsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client();
    nhn = new WireMockServer(options().dynamicPort());
    nhn.start();
    nhn.stubFor(post(urlEqualTo(AD_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(OK)));
    nhn.stubFor(post(urlEqualTo(SMS_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(OK)));
    adapter = new NhnCloudSmsAdapter.Builder().tqc(tqc).baseUrl(nhn.baseUrl()).appKey("APPKEY1")
        .secretKey("s3cr3t-key").build();
  }

  @AfterEach
  void stop() {
    tqc.close();
    nhn.stop();
    relay.close();
  }

  static NhnSmsRequest.Builder ad(String text) {
    return new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).body(text).advertiser(NAME, CONTACT)
        .addRecipient(TO_1).addRecipient(TO_2).nightConsent(TO_1).nightConsent(TO_2);
  }

  @Test
  void advertisingSend_goesToAdSms_withTheCertifiedOriginCode_andAProofOverTheExactBytes() throws Exception {
    ProviderReceipt receipt = adapter.send(ad(AD).build());

    nhn.verify(postRequestedFor(urlEqualTo(AD_PATH)).withHeader("X-Secret-Key", equalTo("s3cr3t-key"))
        .withRequestBody(equalToJson("{\"body\":\"" + AD + "\",\"sendNo\":\"0212345678\",\"recipientList\":"
            + "[{\"recipientNo\":\"01012345678\"},{\"recipientNo\":\"01087654321\"}],\"originCode\":\"123456789\"}")));
    byte[] received = nhn.getAllServeEvents().get(0).getRequest().getBody();
    assertThat(received).isEqualTo(receipt.requestBody());
    assertThat(Fixtures.verify(relay, receipt.certification(), received).proof().messageCount()).isEqualTo(2);
    assertThat(Fixtures.verify(relay, receipt.certification(), receipt.certification().body()).batchId())
        .isEqualTo(receipt.certification().batchId());
    assertThat(receipt.requestId()).isEqualTo("20261201053000abcDEF0");
    assertThat(receipt.providerCode()).isEqualTo("0");
    assertThat(receipt.toString()).doesNotContain(receipt.certification().token());
  }

  @Test
  void suspendedCertification_refusesTheAdvertisingSend_andNothingReachesNhn() throws Exception {
    relay.status(CertificationStatus.SUSPENDED);
    Fixtures.awaitNotReady(tqc);

    assertThatThrownBy(() -> adapter.send(ad(AD).build())).isInstanceOf(CertificationSuspendedException.class);
    nhn.verify(0, anyRequestedFor(anyUrl()));

    // Control: the same adapter still delivers a non-advertising notice, so the certification gate
    // (not a broken adapter) is what stopped the advertisement.
    ProviderReceipt notice = adapter.send(new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).body(NOTICE)
        .addRecipient(TO_1).advertising(false).build());
    assertThat(notice.isCertified()).isFalse();
    nhn.verify(1, postRequestedFor(urlEqualTo(SMS_PATH)));
  }

  @Test
  void unlawfulAdvertisingText_isRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> adapter.send(ad(UNMARKED_AD).build()))
        .isInstanceOfSatisfying(NonCompliantBatchException.class,
            e -> assertThat(e.report().errorCodes()).contains(ReasonCode.AD_MARKER_MISSING));
    assertThatThrownBy(() -> adapter.send(new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).body(AD)
        .addRecipient(TO_1).advertising(false).build()))
        .isInstanceOfSatisfying(NonCompliantBatchException.class,
            e -> assertThat(e.report().errorCodes()).contains(ReasonCode.ADVERTISING_MISLABELLED));
    nhn.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void nhnRefusal_isRejected_withNhnsCode_andKeepsTheCertification() {
    nhn.stubFor(post(urlEqualTo(AD_PATH)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"header\":{\"isSuccessful\":false,"
            + "\"resultCode\":-1000,\"resultMessage\":\"Invalid appKey\"}}")));

    assertThatThrownBy(() -> adapter.send(ad(AD).build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.providerCode()).isEqualTo("-1000");
      assertThat(e.getMessage()).contains("Invalid appKey").doesNotContain("s3cr3t-key");
      assertThat(e.certification()).isNotNull();
      assertThat(e.requestBody()).isNotEmpty();
    });
  }

  @Test
  void nhnOutage_isRetryLater() {
    nhn.stubFor(post(urlEqualTo(AD_PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> adapter.send(ad(AD).build())).isInstanceOfSatisfying(ProviderException.class,
        e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void moreThanAThousandRecipients_isRefusedNamingTheLimit() {
    NhnSmsRequest.Builder b = new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).body(AD);
    for (int i = 0; i < 1001; i++) {
      b.addRecipient(String.format("010%08d", i));
    }
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
  }
}
