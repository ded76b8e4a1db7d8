package io.tqc.adapters.solapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.tqc.adapters.Fixtures.AD;
import static io.tqc.adapters.Fixtures.CONTACT;
import static io.tqc.adapters.Fixtures.NAME;
import static io.tqc.adapters.Fixtures.TO_1;
import static io.tqc.adapters.Fixtures.TO_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tqc.adapters.Fixtures;
import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.api.ReasonCode;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SolapiAdapterTest {
  static final String PATH = "/messages/v4/send-many";
  static final Pattern AUTH = Pattern.compile(
      "HMAC-SHA256 apiKey=NCSAYU7YDBXYORXC, date=(\\S+), salt=([0-9a-f]{32}), signature=([0-9a-f]{64})");

  StubRelay relay;
  TqcClient tqc;
  WireMockServer solapi;
  SolapiAdapter adapter;

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client();
    solapi = new WireMockServer(options().dynamicPort());
    solapi.start();
    solapi.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"groupId\":\"G4V20261201053000ABCDEFGHIJ\","
            + "\"messageId\":\"M4V20261201053000ABCDEFGHIJ\",\"accountId\":\"12345678901234\","
            + "\"statusMessage\":\"정상 접수(이통사로 접수 예정) \",\"statusCode\":\"2000\",\"to\":\"01012345678\","
            + "\"from\":\"0212345678\",\"type\":\"SMS\",\"country\":\"82\"}")));
    adapter = new SolapiAdapter.Builder().tqc(tqc).baseUrl(solapi.baseUrl()).apiKey("NCSAYU7YDBXYORXC")
        .apiSecret("API-SECRET-1").clock(Clock.fixed(Instant.parse("2026-12-01T20:30:00Z"), ZoneOffset.UTC))
        .build();
  }

  @AfterEach
  void stop() {
    tqc.close();
    solapi.stop();
    relay.close();
  }

  static SolapiRequest.Builder ad() {
    return new SolapiRequest.Builder().from(StubRelay.SENDER).advertiser(NAME, CONTACT)
        .addMessage(TO_1, AD).addMessage(TO_2, AD).nightConsent(TO_1).nightConsent(TO_2);
  }

  @Test
  void sendMany_carriesAFreshHmacAuthorization_andAProofOverTheExactBytes() throws Exception {
    ProviderReceipt receipt = adapter.send(ad().build());

    solapi.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"messages\":["
        + "{\"to\":\"01012345678\",\"from\":\"0212345678\",\"text\":\"" + AD + "\"},"
        + "{\"to\":\"01087654321\",\"from\":\"0212345678\",\"text\":\"" + AD + "\"}]}")));
    var request = solapi.getAllServeEvents().get(0).getRequest();
    Matcher auth = AUTH.matcher(request.getHeader("Authorization"));
    assertThat(auth.matches()).as(request.getHeader("Authorization")).isTrue();
    assertThat(auth.group(1)).isEqualTo("2026-12-01T20:30:00Z");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("API-SECRET-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(auth.group(3)).isEqualTo(HexFormat.of().formatHex(
        mac.doFinal((auth.group(1) + auth.group(2)).getBytes(StandardCharsets.UTF_8))));
    assertThat(Fixtures.verify(relay, receipt.certification(), request.getBody()).batchId())
        .isEqualTo(receipt.certification().batchId());
    assertThat(receipt.requestId()).isEqualTo("G4V20261201053000ABCDEFGHIJ");

    // A second send signs again with a new salt (SOLAPI refuses a reused signature).
    adapter.send(ad().build());
    Matcher second = AUTH.matcher(solapi.getAllServeEvents().get(0).getRequest().getHeader("Authorization"));
    assertThat(second.matches()).isTrue();
    assertThat(second.group(2)).isNotEqualTo(auth.group(2));
  }

  @Test
  void recipientWithoutNightConsent_atNight_isRefusedBeforeAnythingIsSent() {
    SolapiRequest request = new SolapiRequest.Builder().from(StubRelay.SENDER).advertiser(NAME, CONTACT)
        .addMessage(TO_1, AD).sendAt(Instant.parse("2026-12-01T13:30:00Z")) // 22:30 KST
        .build();
    assertThatThrownBy(() -> adapter.send(request)).isInstanceOfSatisfying(NonCompliantBatchException.class,
        e -> assertThat(e.report().errorCodes()).containsExactly(ReasonCode.NIGHT_CONSENT_MISSING));
    solapi.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void solapiErrors_keepItsErrorCode() {
    solapi.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorCode\":\"ValidationError\",\"errorMessage\":\"발신번호가 등록되지 않았습니다.\"}")));
    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
      assertThat(e.providerCode()).isEqualTo("ValidationError");
      assertThat(e.getMessage()).doesNotContain("API-SECRET-1");
      assertThat(e.certification()).isNotNull();
    });
  }

  @Test
  void connectionLostAfterSending_isUnknownOutcome_notRetryable() {
    solapi.stubFor(post(urlEqualTo(PATH)).atPriority(1).willReturn(aResponse()
        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    assertThatThrownBy(() -> adapter.send(ad().build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.UNKNOWN);
      assertThat(e.isRetryable()).isFalse();
    });
  }
}
