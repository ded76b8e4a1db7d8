package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.Violation;
import io.tqc.api.status.CertificationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TqcClient#checkSuppressions} against a WireMock relay, and the pre-flight that uses its answer. */
class SuppressionCheckTest {
  static final String CHECK_PATH = "/v1/suppression/check";
  static final String NAME = CompliancePreflightTest.NAME;
  static final String TEXT = CompliancePreflightTest.COMPLIANT;

  RelayStub relay;
  TqcClient client;

  void start(CertificationStatus status) throws Exception {
    relay = new RelayStub();
    relay.stubStatus(status, 1);
    relay.stubToken(Duration.ofMinutes(10));
    client = relay.client().build();
  }

  void startReady() throws Exception {
    start(CertificationStatus.ACTIVE);
    client.awaitReady(Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  ResponseDefinitionBuilder answer(int checked, Integer... suppressed) {
    return RelayStub.json("{\"reseller_id\":\"" + relay.reseller.value() + "\",\"checked\":" + checked
        + ",\"suppressed\":" + Arrays.toString(suppressed) + "}");
  }

  int checkRequests() {
    return relay.wm.countRequestsMatching(postRequestedFor(urlEqualTo(CHECK_PATH)).build()).getCount();
  }

  static Batch batch(String... recipients) {
    Batch.Builder b = CompliancePreflightTest.advertising(CompliancePreflightTest.SENDER);
    for (String to : recipients) {
      b.addMessage(new io.tqc.api.batch.BatchMessage(to, TEXT, true)); // night consent: runs at any hour
    }
    return b.build();
  }

  @Test
  void checkSuppressions_sendsHeldTokenAndAdvertiser_andReturnsTheSuppressedRecipients() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(3, 1)));

    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222", "010-2222-3333", "01033334444"));

    assertThat(list.suppressed()).containsExactly("01022223333");
    assertThat(list.checkedCount()).isEqualTo(3);
    assertThat(list.advertiser()).isEqualTo(NAME);
    assertThat(list.checkedAt()).isNotNull();
    assertThat(list.isSuppressed("010 2222 3333")).isTrue();
    assertThat(list.isSuppressed("01011112222")).isFalse();
    relay.wm.verify(1, postRequestedFor(urlEqualTo(CHECK_PATH))
        .withHeader("Authorization", containing("TQC "))
        .withRequestBody(equalToJson("{\"advertiser\":\"" + NAME
            + "\",\"numbers\":[\"01011112222\",\"010-2222-3333\",\"01033334444\"]}")));
  }

  @Test
  void checkSuppressions_splitsRecipientsIntoRequestsOfAtMostTenThousand() throws Exception {
    startReady();
    // Full requests (a 10,000th number present) answer index 0; the last one (5,001 numbers) its last index.
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.numbers[9999]")).willReturn(answer(10_000, 0)));
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).atPriority(2).willReturn(answer(5_001, 5_000)));
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 25_001; i++) {
      recipients.add(String.format("010%08d", i));
    }

    SuppressionList list = client.checkSuppressions(NAME, recipients);

    assertThat(checkRequests()).isEqualTo(3);
    assertThat(list.checkedCount()).isEqualTo(25_001);
    assertThat(list.suppressed()).containsExactly(recipients.get(0), recipients.get(10_000), recipients.get(25_000));
    relay.wm.verify(0, postRequestedFor(urlEqualTo(CHECK_PATH)).withRequestBody(matchingJsonPath("$.numbers[10000]")));
  }

  @Test
  void checkSuppressions_noRecipients_asksNothing() throws Exception {
    startReady();

    SuppressionList list = client.checkSuppressions(NAME, Collections.<String>emptyList());

    assertThat(list.suppressed()).isEmpty();
    assertThat(checkRequests()).isZero();
  }

  @Test
  void checkSuppressions_suspendedCertification_failsClosedBeforeAnyRequest() throws Exception {
    start(CertificationStatus.SUSPENDED);
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(1)));
    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222")))
        .isInstanceOf(TqcClientException.class)
        .satisfies(e -> assertThat(((TqcClientException) e).reason())
            .isIn(ReasonCode.CERTIFICATION_SUSPENDED, ReasonCode.NOT_CERTIFIED, ReasonCode.STATUS_UNAVAILABLE));
    assertThat(checkRequests()).isZero();
  }

  @Test
  void checkSuppressions_relayDown_failsClosedWithRelayUnavailable() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(RelayStub.problem(503, "relay_unavailable")));

    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222")))
        .isInstanceOf(RelayUnavailableException.class)
        .hasMessageContaining("suppression check");
    assertThat(checkRequests()).isEqualTo(3); // the client's retry policy: 3 attempts
  }

  @Test
  void checkSuppressions_relayRefusal_isRelayRefusedWithItsCode() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(RelayStub.problem(403, "certification_unknown")));

    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222")))
        .isInstanceOfSatisfying(RelayRefusedException.class, e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATION_UNKNOWN);
          assertThat(e.httpStatus()).isEqualTo(403);
        });
    assertThat(checkRequests()).isEqualTo(1);
  }

  @Test
  void checkSuppressions_answerOutOfContract_failsClosed() throws Exception {
    startReady();
    // The relay says it checked 1 number of the 2 sent: no partial list is returned.
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(1, 0)));
    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333")))
        .isInstanceOf(RelayUnavailableException.class).hasMessageContaining("counted 1");

    // An index beyond the request.
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(2, 2)));
    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333")))
        .isInstanceOf(RelayUnavailableException.class).hasMessageContaining("out of range");

    // An answer for another reseller.
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(RelayStub.json(
        "{\"reseller_id\":\"2208162517\",\"checked\":1,\"suppressed\":[]}")));
    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222")))
        .isInstanceOf(RelayUnavailableException.class).hasMessageContaining("another reseller");
  }

  @Test
  void checkSuppressions_badArguments_areTypedErrors() throws Exception {
    startReady();
    assertThatThrownBy(() -> client.checkSuppressions(" ", Arrays.asList("01011112222")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advertiser");
    assertThatThrownBy(() -> client.checkSuppressions(NAME, Arrays.asList("01011112222", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipient 1");
    assertThat(checkRequests()).isZero();
  }

  @Test
  void certifyWithSuppressionList_messagesToSuppressedRecipients_refusedWithTheirIndices() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(3, 0, 2)));
    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333", "01033334444"));
    Batch batch = batch("01022223333", "010-1111-2222", "01044445555", "01033334444");

    assertThatThrownBy(() -> client.certify(batch, list))
        .isInstanceOfSatisfying(RecipientOptedOutException.class, e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.RECIPIENT_OPTED_OUT);
          assertThat(e.messageIndices()).containsExactly(1, 3);
          assertThat(e.violations()).containsExactly(Violation.recipientOptedOut(1), Violation.recipientOptedOut(3));
          assertThat(e.refusedMessageCount()).isEqualTo(4);
          assertThat(e.getMessage()).doesNotContain("1111").doesNotContain("3333");
        });
    // Control: without the list the same batch certifies (the list is what refuses it).
    assertThat(client.certify(batch).proof()).isNotNull();
  }

  @Test
  void certifyWithSuppressionList_noSuppressedRecipient_certifies() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(2, 0)));
    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333"));

    CertifiedBatch certified = client.certify(batch("01022223333"), list);

    assertThat(certified.proof()).isNotNull();
    assertThat(checkRequests()).isEqualTo(1); // certify itself asks nothing
  }

  @Test
  void certifyWithSuppressionList_ofAnotherAdvertiser_isRejected() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(1, 0)));
    SuppressionList list = client.checkSuppressions("다른가게", Arrays.asList("01011112222"));
    // The same advertiser spelled with a space is the same advertiser (the relay's key).
    SuppressionList spaced = client.checkSuppressions("봄빛 마트", Arrays.asList("01011112222"));

    assertThatThrownBy(() -> client.certify(batch("01011112222"), list))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not for this batch's advertiser")
        .hasMessageNotContaining("01011112222");
    assertThatThrownBy(() -> client.certify(batch("01011112222"), spaced))
        .isInstanceOf(RecipientOptedOutException.class);
  }

  @Test
  void suppressionList_toString_showsNoRecipientNumber() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(1, 0)));
    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222"));

    assertThat(list.toString()).contains("suppressed=1").doesNotContain("1111");
  }

  @Test
  void certifyBytesWithSuppressionList_refusesLikeTheBatchPath_andChecksTheBytes() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(2, 1)));
    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333"));
    byte[] bytes = batch("01011112222", "01022223333").toJsonBytes();

    assertThatThrownBy(() -> client.certify(bytes, 2, list))
        .isInstanceOfSatisfying(RecipientOptedOutException.class, e -> {
          assertThat(e.violations()).containsExactly(Violation.recipientOptedOut(1));
          assertThat(e.refusedBatch()).isSameAs(bytes);
        });
    assertThatThrownBy(() -> client.certify(bytes, 3, list)).isInstanceOfSatisfying(TqcClientException.class,
        e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_COUNT_MISMATCH));
    assertThatThrownBy(() -> client.certify("not a batch".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, list))
        .isInstanceOfSatisfying(TqcClientException.class, e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_MALFORMED));
    // Control: the bytes path without the list certifies the very same bytes.
    assertThat(client.certify(bytes, 2).body()).isSameAs(bytes);
    byte[] clean = batch("01011112222").toJsonBytes();
    assertThat(client.certify(clean, 1, list).body()).isSameAs(clean);
  }

  @Test
  void interceptorWithSuppressions_refusesBeforeSending_andPassesACleanBatch() throws Exception {
    startReady();
    relay.wm.stubFor(post(urlEqualTo(CHECK_PATH)).willReturn(answer(2, 0)));
    relay.wm.stubFor(post(urlEqualTo(RelayStub.BATCH_PATH)).willReturn(RelayStub.json("{}").withStatus(202)));
    SuppressionList list = client.checkSuppressions(NAME, Arrays.asList("01011112222", "01022223333"));
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
    AdvertisingBatch marker = AdvertisingBatch.countingMessages().withSuppressions(list);

    assertThatThrownBy(() -> http.newCall(request(batch("01022223333", "01011112222"), marker)).execute())
        .isInstanceOfSatisfying(RecipientOptedOutException.class,
            e -> assertThat(e.violations()).containsExactly(Violation.recipientOptedOut(1)));
    assertThat(batchRequests()).isZero();
    // A list of another advertiser is a typed refusal, not a crash of the OkHttp call.
    SuppressionList other = client.checkSuppressions("다른가게", Arrays.asList("01011112222", "01033334444"));
    assertThatThrownBy(() -> http.newCall(request(batch("01022223333"),
        AdvertisingBatch.withMessageCount(1).withSuppressions(other))).execute())
        .isInstanceOfSatisfying(TqcClientException.class, e -> {
          assertThat(e.reason()).isEqualTo(ReasonCode.REQUEST_INVALID);
          assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        });
    // Control: the same marker lets a batch without suppressed recipients through.
    try (Response response = http.newCall(request(batch("01022223333"), marker)).execute()) {
      assertThat(response.code()).isEqualTo(202);
    }
    assertThat(batchRequests()).isEqualTo(1);
  }

  Request request(Batch batch, AdvertisingBatch marker) {
    return new Request.Builder().url(relay.wm.baseUrl() + RelayStub.BATCH_PATH)
        .post(RequestBody.create(batch.toJsonBytes(), MediaType.get("application/json")))
        .tag(AdvertisingBatch.class, marker).build();
  }

  int batchRequests() {
    return relay.wm.countRequestsMatching(postRequestedFor(urlEqualTo(RelayStub.BATCH_PATH)).build()).getCount();
  }

  @Test
  void recipientOptedOutException_refusesViolationsOfAnotherShape() {
    byte[] bytes = new byte[] {'{', '}'};
    assertThatThrownBy(() -> new RecipientOptedOutException(List.of(), bytes, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecipientOptedOutException(
        List.of(Violation.of(ReasonCode.URL_BLOCKED, 0, "blocked")), bytes, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecipientOptedOutException(
        List.of(Violation.recipientOptedOut(2), Violation.recipientOptedOut(1)), bytes, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new RecipientOptedOutException(List.of(Violation.recipientOptedOut(0)), bytes, 1).getMessage())
        .isEqualTo("recipient_opted_out: 1 message goes to a recipient that opted out from this advertiser: messages [0]");
  }
}
