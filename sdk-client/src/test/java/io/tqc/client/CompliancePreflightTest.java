package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.MessageClass;
import io.tqc.api.compliance.Violation;
import io.tqc.api.status.CertificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The compliance pre-flight: non-compliant batches never reach the relay; compliant ones report sizes. */
class CompliancePreflightTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final String SENDER = "0212345678"; // the stub token's only sender number
  static final String NAME = "봄빛마트";
  static final String CONTACT = "02-1234-5678";
  static final String COMPLIANT = "(광고)봄빛마트 봄맞이 할인 문의 02-1234-5678 무료거부 080-123-4567";
  static final MediaType JSON = MediaType.get("application/json");

  RelayStub relay;
  TqcClient client;
  OkHttpClient http;
  final List<NonCompliantBatchException> refusals = new CopyOnWriteArrayList<>();

  void start(Clock clock, UnaryOperator<TqcClient.Builder> options) throws Exception {
    relay = clock == null ? new RelayStub() : new RelayStub(clock);
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.stubToken(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"accepted\":1}")));
    client = options.apply(relay.client()).listener(new TqcEventListener() {
      @Override
      public void batchNonCompliant(NonCompliantBatchException refusal) {
        refusals.add(refusal);
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));
    http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
  }

  void start() throws Exception {
    start(null, b -> b);
  }

  @AfterEach
  void tearDown() {
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    if (client != null) {
      client.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  static Batch.Builder advertising(String sender) {
    return new Batch.Builder().senderNumber(sender).advertising(true).advertiser(NAME, CONTACT);
  }

  int batchRequestsSeen() {
    return relay.wm.countRequestsMatching(postRequestedFor(urlEqualTo(RelayStub.BATCH_PATH)).build()).getCount();
  }

  Request batchRequest(byte[] body, AdvertisingBatch marker) {
    return new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
        .post(RequestBody.create(body, JSON)).tag(AdvertisingBatch.class, marker).build();
  }

  @Test
  void nonCompliantBatch_isRefusedBeforeAnyNetworkCall_listingEveryViolation() throws Exception {
    start();
    Batch batch = advertising("0299998888") // valid caller id, not one of the token's sender numbers
        .addMessage(new BatchMessage("01011112222", "봄빛마트 봄맞이 할인 02-1234-5678 무료거부 080-123-4567", true))
        .addMessage(new BatchMessage("01011113333", "[광고]봄빛마트 할인 02-1234-5678 무료거부 080-123-4567", true))
        .addMessage(new BatchMessage("01011113333", COMPLIANT, true))
        .addMessage(new BatchMessage("02-555-1234", "(광고)봄빛마트 할인 02-1234-5678 수신거부 080-123-4567", true))
        .build();
    byte[] body = batch.toJsonBytes();

    assertThatThrownBy(() -> http.newCall(batchRequest(body, AdvertisingBatch.countingMessages())).execute())
        .isInstanceOfSatisfying(NonCompliantBatchException.class, e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
          assertThat(e.violations()).extracting(Violation::messageIndex, v -> v.code().code()).containsExactly(
              tuple(-1, "sender_number_not_registered"),
              tuple(0, "ad_marker_missing"),
              tuple(1, "ad_marker_malformed"),
              tuple(2, "recipient_duplicate"),
              tuple(3, "recipient_number_invalid"),
              tuple(3, "opt_out_missing"));
          assertThat(e.report().errorCodes()).hasSize(6);
          assertThat(e.refusedBatch()).isEqualTo(body);
          assertThat(e.refusedMessageCount()).isEqualTo(4);
          assertThat(e.getCause()).isInstanceOf(io.tqc.api.compliance.ComplianceException.class);
          assertThat(e.getMessage()).startsWith("sender_number_not_registered: ").contains("5 more violations")
              .doesNotContain("01011112222");
        });
    // The same batch through certify(Batch) and certify(byte[], int): refused the same way.
    assertThatThrownBy(() -> client.certify(batch)).isInstanceOfSatisfying(NonCompliantBatchException.class,
        e -> assertThat(e.violations()).hasSize(6));
    assertThatThrownBy(() -> client.certify(body, 4)).isInstanceOfSatisfying(NonCompliantBatchException.class,
        e -> assertThat(e.refusedBatch()).isSameAs(body));

    assertThat(batchRequestsSeen()).isZero();
    assertThat(refusals).hasSize(3);
  }

  @Test
  void compliantBatch_throughTheInterceptor_isSentAndAccepted() throws Exception {
    start();
    byte[] body = advertising(SENDER).addMessage(new BatchMessage("01011112222", COMPLIANT, true)).build()
        .toJsonBytes();
    try (Response response = http.newCall(batchRequest(body, AdvertisingBatch.withMessageCount(1))).execute()) {
      assertThat(response.code()).isEqualTo(202);
    }
    assertThat(batchRequestsSeen()).isEqualTo(1);
    assertThat(refusals).isEmpty();
  }

  @Test
  void nightWindow_at2200Kst_refusesMessagesWithoutNightConsent() throws Exception {
    ZonedDateTime tenPm = ZonedDateTime.now(CompliancePolicy.KOREA).withHour(22).withMinute(0).withSecond(0)
        .withNano(0);
    Clock at2200 = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), tenPm.toInstant()));
    start(at2200, b -> b);
    Batch withoutConsent = advertising(SENDER)
        .addMessage(new BatchMessage("01011112222", COMPLIANT, true))
        .addMessage(new BatchMessage("01011113333", COMPLIANT, false))
        .addMessage(new BatchMessage("01011114444", COMPLIANT, false))
        .build();

    assertThatThrownBy(() -> client.certify(withoutConsent)).isInstanceOfSatisfying(NonCompliantBatchException.class,
        e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.NIGHT_CONSENT_MISSING);
          assertThat(e.violations()).extracting(Violation::messageIndex).containsExactly(1, 2);
          assertThat(e.report().nightTime()).isTrue();
          assertThat(e.violations().get(0).detail()).contains("22:00");
        });
    assertThat(batchRequestsSeen()).isZero();

    Batch withConsent = advertising(SENDER)
        .addMessage(new BatchMessage("01011112222", COMPLIANT, true))
        .addMessage(new BatchMessage("01011113333", COMPLIANT, true))
        .build();
    CertifiedBatch certified = client.certify(withConsent);
    assertThat(certified.compliance().nightTime()).isTrue();
    assertThat(certified.compliance().isCompliant()).isTrue();
  }

  @Test
  void certifiedBatch_reportsTheSizeClassOfEachMessage_andSignsTheSerializedBytes() throws Exception {
    start();
    StringBuilder longText = new StringBuilder(COMPLIANT);
    while (longText.toString().getBytes(CompliancePolicy.EUC_KR).length <= MessageClass.SMS.maxBytes()) {
      longText.append(" 신상품 입고");
    }
    Batch batch = advertising(SENDER)
        .addMessage(new BatchMessage("01011112222", COMPLIANT, true))
        .addMessage(new BatchMessage("01011113333", longText.toString(), true))
        .build();

    CertifiedBatch certified = client.certify(batch);

    assertThat(certified.messageClasses()).containsExactly(MessageClass.SMS, MessageClass.LMS);
    assertThat(certified.compliance().byteLength(1)).isGreaterThan(MessageClass.SMS.maxBytes());
    assertThat(certified.body()).isEqualTo(batch.toJsonBytes());
    assertThat(certified.messageCount()).isEqualTo(2);
    relay.verifier().verify(certified.token(), certified.proofHeader(), certified.body(), 2, Instant.now());
  }

  @Test
  void rawBytes_areCheckedWhenTheyAreABatch_andCertifiedUncheckedOtherwise() throws Exception {
    start();
    byte[] compliant = advertising(SENDER).addMessage(new BatchMessage("01011112222", COMPLIANT, true)).build()
        .toJsonBytes();
    CertifiedBatch checked = client.certify(compliant, 1);
    assertThat(checked.messageClasses()).containsExactly(MessageClass.SMS);
    assertThat(checked.body()).isSameAs(compliant);

    byte[] opaque = "frame:01011112222:hello".getBytes(StandardCharsets.UTF_8);
    CertifiedBatch unchecked = client.certify(opaque, 1);
    assertThat(unchecked.compliance()).isNull();
    assertThat(unchecked.messageClasses()).isEmpty();

    assertThatThrownBy(() -> client.certify(compliant, 2)).isInstanceOfSatisfying(TqcClientException.class,
        e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_COUNT_MISMATCH));
  }

  @Test
  void interceptor_refusesABodyThatIsNotABatch_whileThePreflightIsOn() throws Exception {
    start();
    byte[] opaque = "not a batch".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> http.newCall(batchRequest(opaque, AdvertisingBatch.withMessageCount(1))).execute())
        .isInstanceOfSatisfying(TqcClientException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_MALFORMED));
    assertThat(batchRequestsSeen()).isZero();
  }

  @Test
  void preflightSwitchedOff_certifiesANonCompliantBatch() throws Exception {
    start(null, b -> b.compliancePreflight(false));
    Batch unmarked = new Batch.Builder().senderNumber(SENDER).addMessage("01011112222", "할인 안내").build();

    CertifiedBatch certified = client.certify(unmarked);

    assertThat(client.compliancePolicy()).isNull();
    assertThat(certified.compliance()).isNull();
    assertThat(certified.messageClasses()).isEmpty();
  }

  @Test
  void relaxedPolicy_certifiesWithWarnings() throws Exception {
    CompliancePolicy dryRun = new CompliancePolicy.Builder().setAll(RuleMode.WARN).build();
    start(null, b -> b.compliancePolicy(dryRun));
    Batch unmarked = new Batch.Builder().senderNumber(SENDER).addMessage("01011112222", "할인 안내").build();

    CertifiedBatch certified = client.certify(unmarked);

    assertThat(client.compliancePolicy()).isEqualTo(dryRun);
    assertThat(certified.compliance().warnings()).extracting(v -> v.code().code()).contains("ad_marker_missing",
        "opt_out_missing");
    assertThat(certified.compliance().errors()).isEmpty();
  }
}
