package io.tqc.adapters.msghub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.tqc.adapters.Fixtures.CONTACT;
import static io.tqc.adapters.Fixtures.NAME;
import static io.tqc.adapters.Fixtures.TO_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tqc.adapters.Fixtures;
import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageHubSmsAdapterTest {
  static final String PATH = "/msg/v1/sms";
  /** An SMS-sized advertising text (at most 90 EUC-KR bytes). */
  static final String SHORT_AD = "(광고)봄빛마트 할인 02-1234-5678 무료거부 080-123-4567";

  StubRelay relay;
  TqcClient tqc;
  WireMockServer hub;
  MessageHubSmsAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client();
    hub = new WireMockServer(options().dynamicPort());
    hub.start();
    hub.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":\"10000\",\"message\":\"성공\","
            + "\"data\":[{\"cliKey\":\"order-1\",\"msgKey\":\"MK20261201053000001\",\"phone\":\"01012345678\","
            + "\"code\":\"10000\",\"message\":\"성공\"}]}")));
    adapter = new MessageHubSmsAdapter.Builder().tqc(tqc).baseUrl(hub.baseUrl()).bearerToken(() -> "eyJhbGciOiJIUzI1NiJ9.hub")
        .build();
  }

  @AfterEach
  void stop() {
    tqc.close();
    hub.stop();
    relay.close();
  }

  static MessageHubSmsRequest.Builder ad() {
    return new MessageHubSmsRequest.Builder().callback(StubRelay.SENDER).msg(SHORT_AD).advertiser(NAME, CONTACT)
        .addRecipient("order-1", TO_1).nightConsent(TO_1);
  }

  @Test
  void sms_carriesTheCertifiedOriginCodeInAgencyKisaOrigCode() throws Exception {
    ProviderReceipt receipt = adapter.send(ad().campaignId("spring-sale").build());

    hub.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer eyJhbGciOiJIUzI1NiJ9.hub"))
        .withRequestBody(equalToJson("{\"callback\":\"0212345678\",\"campaignId\":\"spring-sale\","
            + "\"agency\":{\"kisaOrigCode\":\"123456789\"},\"msg\":\"" + SHORT_AD + "\","
            + "\"recvInfoLst\":[{\"cliKey\":\"order-1\",\"phone\":\"01012345678\"}],\"clickUrlYn\":\"N\"}")));
    byte[] received = hub.getAllServeEvents().get(0).getRequest().getBody();
    assertThat(Fixtures.verify(relay, receipt.certification(), received).batchId())
        .isEqualTo(receipt.certification().batchId());
    assertThat(receipt.providerCode()).isEqualTo("10000");
  }

  @Test
  void suspendedCertification_sendsNothing() throws Exception {
    relay.status(CertificationStatus.SUSPENDED);
    Fixtures.awaitNotReady(tqc);

    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOf(CertificationSuspendedException.class);
    hub.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void resultCodeOtherThan10000_isARejection_evenWithHttp200() {
    hub.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":\"29002\",\"message\":\"발신번호 미등록\"}")));
    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
      assertThat(e.providerCode()).isEqualTo("29002");
      assertThat(e.getMessage()).doesNotContain("eyJhbGciOiJIUzI1NiJ9.hub");
    });
  }

  @Test
  void elevenRecipients_orABadCliKey_areRefusedNamingTheRule() {
    MessageHubSmsRequest.Builder b = new MessageHubSmsRequest.Builder().callback(StubRelay.SENDER).msg(SHORT_AD);
    for (int i = 0; i < 11; i++) {
      b.addRecipient("k" + i, String.format("010%08d", i));
    }
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
    assertThatThrownBy(() -> new MessageHubSmsRequest.Builder().addRecipient("no spaces", TO_1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cliKey");
  }
}
