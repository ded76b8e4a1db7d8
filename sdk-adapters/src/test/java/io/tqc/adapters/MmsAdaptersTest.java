package io.tqc.adapters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.tqc.adapters.Fixtures.CONTACT;
import static io.tqc.adapters.Fixtures.NAME;
import static io.tqc.adapters.Fixtures.TO_1;
import static io.tqc.adapters.Fixtures.TO_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tqc.adapters.msghub.MessageHubSmsAdapter;
import io.tqc.adapters.msghub.MessageHubSmsRequest;
import io.tqc.adapters.nhn.NhnCloudSmsAdapter;
import io.tqc.adapters.nhn.NhnSmsRequest;
import io.tqc.adapters.sens.SensSmsAdapter;
import io.tqc.adapters.sens.SensSmsRequest;
import io.tqc.adapters.solapi.SolapiAdapter;
import io.tqc.adapters.solapi.SolapiRequest;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.BatchImage;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.batch.MessageType;
import io.tqc.api.compliance.MessageClass;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcEventListener;
import io.tqc.client.testing.StubRelay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MMS through every HTTP adapter, against WireMock with each provider's documented request members
 * and answers (success and the provider's own refusal): one certification over the exact bytes
 * sent, the origin code stamped where the provider has a field, and the TQC batch declaring MMS
 * with each image's digest and size.
 */
class MmsAdaptersTest {
  static final byte[] PHOTO = "\u00ff\u00d8 spring photo".getBytes(StandardCharsets.ISO_8859_1);
  static final BatchImage IMAGE = BatchImage.ofContent(PHOTO);
  static final String SUBJECT = "(광고)봄빛마트 봄 세일";
  static final String TEXT = "봄맞이 사진 할인 안내 문의 02-1234-5678 무료거부 080-123-4567";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T05:30:00Z"), ZoneOffset.UTC);

  StubRelay relay;
  TqcClient tqc;
  WireMockServer provider;
  final List<CertifiedBatch> certified = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client(new TqcEventListener() {
      @Override
      public void batchCertified(CertifiedBatch batch) {
        certified.add(batch);
      }
    });
    provider = new WireMockServer(options().dynamicPort());
    provider.start();
  }

  @AfterEach
  void stop() {
    tqc.close();
    provider.stop();
    relay.close();
  }

  void answer(String path, int status, String json) {
    provider.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(json)));
  }

  byte[] received() {
    return provider.getAllServeEvents().get(0).getRequest().getBody();
  }

  /** One certification, over exactly the bytes the provider received, for an MMS of {@code messages}. */
  void assertCertifiedOnceAsMms(ProviderReceipt receipt, int messages) throws Exception {
    assertThat(certified).hasSize(1);
    CertifiedBatch c = receipt.certification();
    assertThat(c).isSameAs(certified.get(0));
    assertThat(c.body()).isEqualTo(received()).isEqualTo(receipt.requestBody());
    assertThat(Fixtures.verify(relay, c, received()).proof().messageCount()).isEqualTo(messages);
    assertThat(c.messageClasses()).containsOnly(MessageClass.MMS).hasSize(messages);
    BatchMessage first = c.batch().messages().get(0);
    assertThat(first.type()).isEqualTo(MessageType.MMS);
    assertThat(first.subject()).isEqualTo(SUBJECT);
    assertThat(first.images()).containsExactly(IMAGE);
  }

  // ---- NHN Cloud: /sender/ad-mms {title, body, sendNo, attachFileIdList, recipientList, originCode}

  NhnCloudSmsAdapter nhn() {
    return new NhnCloudSmsAdapter.Builder().tqc(tqc).baseUrl(provider.baseUrl()).appKey("APPKEY1")
        .secretKey("s3cr3t-key").build();
  }

  @Test
  void nhnMms_goesToAdMms_withTitleAttachmentIdsAndOriginCode_certifiedOnce() throws Exception {
    answer("/sms/v3.0/appKeys/APPKEY1/sender/ad-mms", 200, "{\"header\":{\"isSuccessful\":true,\"resultCode\":0,"
        + "\"resultMessage\":\"SUCCESS\"},\"body\":{\"data\":{\"requestId\":\"20261201053000mmsABC\",\"statusCode\":\"2\"}}}");

    ProviderReceipt receipt = nhn().send(new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).title(SUBJECT).body(TEXT)
        .addAttachment(307917, IMAGE).advertiser(NAME, CONTACT).addRecipient(TO_1).nightConsent(TO_1).build());

    provider.verify(postRequestedFor(urlEqualTo("/sms/v3.0/appKeys/APPKEY1/sender/ad-mms")).withRequestBody(
        equalToJson("{\"title\":\"" + SUBJECT + "\",\"body\":\"" + TEXT + "\",\"sendNo\":\"0212345678\","
            + "\"attachFileIdList\":[307917],\"recipientList\":[{\"recipientNo\":\"01012345678\"}],"
            + "\"originCode\":\"123456789\"}")));
    assertCertifiedOnceAsMms(receipt, 1);
    assertThat(receipt.requestId()).isEqualTo("20261201053000mmsABC");
  }

  @Test
  void nhnRefusalOfAnMms_isRejectedWithItsCode_andKeepsTheCertification() {
    answer("/sms/v3.0/appKeys/APPKEY1/sender/ad-mms", 200,
        "{\"header\":{\"isSuccessful\":false,\"resultCode\":-2016,\"resultMessage\":\"Attach file not found\"}}");

    assertThatThrownBy(() -> nhn().send(new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).title(SUBJECT)
        .body(TEXT).addAttachment(1, IMAGE).advertiser(NAME, CONTACT).addRecipient(TO_1).nightConsent(TO_1).build()))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
          assertThat(e.providerCode()).isEqualTo("-2016");
          assertThat(e.certification()).isNotNull();
        });
  }

  @Test
  void nhnMmsOverTheImageLimit_isRefusedBeforeAnythingIsSent() {
    BatchImage large = BatchImage.of(IMAGE.sha256(), 300 * 1024 + 1);

    assertThatThrownBy(() -> nhn().send(new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).title(SUBJECT).body(TEXT)
        .addAttachment(1, large).advertiser(NAME, CONTACT).addRecipient(TO_1).nightConsent(TO_1).build()))
        .isInstanceOfSatisfying(NonCompliantBatchException.class,
            e -> assertThat(e.report().errorCodes()).containsExactly(ReasonCode.MMS_IMAGE_TOO_LARGE));
    provider.verify(0, anyRequestedFor(anyUrl()));
    assertThat(certified).isEmpty();
  }

  @Test
  void nhnAttachmentsWithoutATitle_areRefusedAtBuild() {
    assertThatThrownBy(() -> new NhnSmsRequest.Builder().sendNo(StubRelay.SENDER).body(TEXT).addAttachment(1, IMAGE)
        .addRecipient(TO_1).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
  }

  // ---- Naver Cloud SENS: type MMS, subject, files [{fileId}]; no origin-code member

  SensSmsAdapter sens() {
    return new SensSmsAdapter.Builder().tqc(tqc).baseUrl(provider.baseUrl()).serviceId("ncp:sms:kr:1:tqc")
        .accessKey("ACCESSKEY1").secretKey("SECRETKEY1").clock(CLOCK).build();
  }

  @Test
  void sensMms_sendsTypeMmsWithSubjectAndFiles_certifiedOnce_withoutAnOriginCodeMember() throws Exception {
    answer("/sms/v2/services/ncp:sms:kr:1:tqc/messages", 202, "{\"requestId\":\"RSSA-1\",\"requestTime\":"
        + "\"2026-12-01T14:30:00.000\",\"statusCode\":\"202\",\"statusName\":\"success\"}");

    ProviderReceipt receipt = sens().send(new SensSmsRequest.Builder().type(SensSmsRequest.Type.MMS)
        .from(StubRelay.SENDER).subject(SUBJECT).content(TEXT).addFile("ab12cd34", IMAGE).advertiser(NAME, CONTACT)
        .addMessage(TO_1).addMessage(TO_2).nightConsent(TO_1).nightConsent(TO_2).build());

    provider.verify(postRequestedFor(urlEqualTo("/sms/v2/services/ncp:sms:kr:1:tqc/messages")).withRequestBody(
        equalToJson("{\"type\":\"MMS\",\"contentType\":\"AD\",\"from\":\"0212345678\",\"subject\":\"" + SUBJECT
            + "\",\"content\":\"" + TEXT + "\",\"messages\":[{\"to\":\"01012345678\"},{\"to\":\"01087654321\"}],"
            + "\"files\":[{\"fileId\":\"ab12cd34\"}]}")));
    assertThat(new String(received(), StandardCharsets.UTF_8)).doesNotContain("123456789");
    assertCertifiedOnceAsMms(receipt, 2);
  }

  @Test
  void sensRefusalOfAnMms_isRejected() {
    answer("/sms/v2/services/ncp:sms:kr:1:tqc/messages", 400,
        "{\"error\":{\"errorCode\":\"400\",\"message\":\"Bad Request\",\"details\":\"Invalid fileId\"}}");

    assertThatThrownBy(() -> sens().send(new SensSmsRequest.Builder().type(SensSmsRequest.Type.MMS)
        .from(StubRelay.SENDER).subject(SUBJECT).content(TEXT).addFile("nope", IMAGE).advertiser(NAME, CONTACT)
        .addMessage(TO_1).nightConsent(TO_1).build()))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
          assertThat(e.providerCode()).isEqualTo("400");
        });
  }

  @Test
  void sensMmsWithoutFiles_orFilesOnAnLms_areRefusedAtBuild() {
    assertThatThrownBy(() -> new SensSmsRequest.Builder().type(SensSmsRequest.Type.MMS).from(StubRelay.SENDER)
        .subject(SUBJECT).content(TEXT).addMessage(TO_1).build()).hasMessageContaining("at least one image");
    assertThatThrownBy(() -> new SensSmsRequest.Builder().type(SensSmsRequest.Type.LMS).from(StubRelay.SENDER)
        .subject(SUBJECT).content(TEXT).addFile("f", IMAGE).addMessage(TO_1).build())
        .hasMessageContaining("\"images\" need \"type\" MMS");
  }

  // ---- SOLAPI: messages[].type MMS, subject, imageId; no origin-code member

  SolapiAdapter solapi() {
    return new SolapiAdapter.Builder().tqc(tqc).baseUrl(provider.baseUrl()).apiKey("NCSAYU7YDBXYORXC")
        .apiSecret("API-SECRET-1").clock(CLOCK).build();
  }

  @Test
  void solapiMms_sendsTypeMmsWithImageId_certifiedOnce() throws Exception {
    answer("/messages/v4/send-many", 200, "{\"groupId\":\"G4V1\",\"messageId\":\"M4V1\",\"accountId\":\"1\","
        + "\"statusMessage\":\"정상 접수(이통사로 접수 예정) \",\"statusCode\":\"2000\",\"to\":\"01012345678\","
        + "\"from\":\"0212345678\",\"type\":\"MMS\",\"country\":\"82\"}");

    ProviderReceipt receipt = solapi().send(new SolapiRequest.Builder().from(StubRelay.SENDER).type("MMS")
        .subject(SUBJECT).image("ST01FZ0123456789ABCDEFGHIJKLMNOP", IMAGE).advertiser(NAME, CONTACT)
        .addMessage(TO_1, TEXT).nightConsent(TO_1).build());

    provider.verify(postRequestedFor(urlEqualTo("/messages/v4/send-many")).withRequestBody(equalToJson(
        "{\"messages\":[{\"to\":\"01012345678\",\"from\":\"0212345678\",\"text\":\"" + TEXT + "\",\"type\":\"MMS\","
            + "\"subject\":\"" + SUBJECT + "\",\"imageId\":\"ST01FZ0123456789ABCDEFGHIJKLMNOP\"}]}")));
    assertCertifiedOnceAsMms(receipt, 1);
  }

  @Test
  void solapiRefusalOfAnMms_isRejected_andAnUnknownTypeIsRefusedAtBuild() {
    answer("/messages/v4/send-many", 400, "{\"errorCode\":\"ValidationError\",\"errorMessage\":\"이미지를 찾을 수 없습니다.\"}");

    assertThatThrownBy(() -> solapi().send(new SolapiRequest.Builder().from(StubRelay.SENDER).type("MMS")
        .subject(SUBJECT).image("ST01FZ-missing", IMAGE).advertiser(NAME, CONTACT).addMessage(TO_1, TEXT)
        .nightConsent(TO_1).build()))
        .isInstanceOfSatisfying(ProviderException.class,
            e -> assertThat(e.providerCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> new SolapiRequest.Builder().from(StubRelay.SENDER).type("ATA").addMessage(TO_1, TEXT)
        .build()).hasMessageContaining("SMS, LMS or MMS");
  }

  // ---- U+ 메시지허브: /msg/v1/mms {callback, agency.kisaOrigCode, title, msg, fileIdLst, recvInfoLst}

  MessageHubSmsAdapter hub() {
    return new MessageHubSmsAdapter.Builder().tqc(tqc).baseUrl(provider.baseUrl()).bearerToken(() -> "eyJ.hub")
        .build();
  }

  @Test
  void messageHubMms_goesToMsgV1Mms_withTitleFilesAndKisaOrigCode_certifiedOnce() throws Exception {
    answer("/msg/v1/mms", 200, "{\"code\":\"10000\",\"message\":\"성공\",\"data\":[{\"cliKey\":\"order-1\","
        + "\"msgKey\":\"MK1\",\"phone\":\"01012345678\",\"code\":\"10000\",\"message\":\"성공\"}]}");

    ProviderReceipt receipt = hub().send(new MessageHubSmsRequest.Builder().callback(StubRelay.SENDER).title(SUBJECT)
        .msg(TEXT).addFile("TestImage", IMAGE).advertiser(NAME, CONTACT).addRecipient("order-1", TO_1)
        .nightConsent(TO_1).build());

    provider.verify(postRequestedFor(urlEqualTo("/msg/v1/mms")).withRequestBody(equalToJson(
        "{\"callback\":\"0212345678\",\"agency\":{\"kisaOrigCode\":\"123456789\"},\"title\":\"" + SUBJECT
            + "\",\"msg\":\"" + TEXT + "\",\"fileIdLst\":[\"TestImage\"],"
            + "\"recvInfoLst\":[{\"cliKey\":\"order-1\",\"phone\":\"01012345678\"}],\"clickUrlYn\":\"N\"}")));
    assertCertifiedOnceAsMms(receipt, 1);
  }

  @Test
  void messageHubResultCodeOtherThan10000_isARejectionEvenWithHttp200() {
    answer("/msg/v1/mms", 200, "{\"code\":\"29006\",\"message\":\"파일 정보가 존재하지 않습니다.\"}");

    assertThatThrownBy(() -> hub().send(new MessageHubSmsRequest.Builder().callback(StubRelay.SENDER).title(SUBJECT)
        .msg(TEXT).addFile("gone", IMAGE).advertiser(NAME, CONTACT).addRecipient("order-1", TO_1)
        .nightConsent(TO_1).build()))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.REJECTED);
          assertThat(e.providerCode()).isEqualTo("29006");
        });
  }

  @Test
  void messageHubTitleWithoutFiles_isAnLmsOnMsgV1Lms() throws Exception {
    answer("/msg/v1/lms", 200, "{\"code\":\"10000\",\"message\":\"성공\",\"data\":[]}");

    ProviderReceipt receipt = hub().send(new MessageHubSmsRequest.Builder().callback(StubRelay.SENDER).title(SUBJECT)
        .msg(TEXT).advertiser(NAME, CONTACT).addRecipient("order-1", TO_1).nightConsent(TO_1).build());

    provider.verify(1, postRequestedFor(urlEqualTo("/msg/v1/lms")));
    assertThat(receipt.certification().messageClasses()).containsExactly(MessageClass.LMS);
  }
}
