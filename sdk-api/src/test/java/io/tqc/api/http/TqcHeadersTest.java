package io.tqc.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TqcHeadersTest {
  @Test
  void credential_readsTheTqcSchemeOnly() {
    assertThat(TqcHeaders.credential(TqcHeaders.authorization("a.b.c"))).isEqualTo("a.b.c");
    assertThat(TqcHeaders.credential("tqc  a.b.c ")).isEqualTo("a.b.c");
    assertThat(TqcHeaders.credential("Bearer a.b.c")).isNull();
    assertThat(TqcHeaders.credential("TQCa.b.c")).isNull();
    assertThat(TqcHeaders.credential("TQC ")).isNull();
    assertThat(TqcHeaders.credential(null)).isNull();
    assertThat(TqcHeaders.bearer("Bearer s3cret")).isEqualTo("s3cret");
  }

  @Test
  void wwwAuthenticate_namesTheReason_andReadsBack() {
    String value = TqcHeaders.wwwAuthenticate(ReasonCode.TOKEN_EXPIRED);

    assertThat(value).isEqualTo("TQC error=\"token_expired\"");
    assertThat(TqcHeaders.wwwAuthenticateReason(value)).isEqualTo(ReasonCode.TOKEN_EXPIRED);
    assertThat(TqcHeaders.wwwAuthenticate(ReasonCode.UNAUTHORIZED)).isEqualTo("Bearer");
    assertThat(TqcHeaders.wwwAuthenticateReason("Bearer")).isNull();
  }

  @Test
  void retryAfter_isWholeSecondsRoundedUp_atLeastOne() {
    assertThat(TqcHeaders.retryAfter(Duration.ofMillis(1500))).isEqualTo("2");
    assertThat(TqcHeaders.retryAfter(Duration.ZERO)).isEqualTo("1");
    assertThat(TqcHeaders.retryAfter(Duration.ofSeconds(60))).isEqualTo("60");
  }

  @Test
  void retryAfterMillis_readsSecondsAndDates_andCapsAtOneDay() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");

    assertThat(TqcHeaders.retryAfterMillis("3", now)).isEqualTo(3000);
    assertThat(TqcHeaders.retryAfterMillis("Tue, 01 Dec 2026 00:00:10 GMT", now)).isEqualTo(10_000);
    assertThat(TqcHeaders.retryAfterMillis("Mon, 30 Nov 2026 00:00:10 GMT", now)).isZero();
    assertThat(TqcHeaders.retryAfterMillis("9999999999", now)).isEqualTo(86_400_000L);
    assertThat(TqcHeaders.retryAfterMillis("soon", now)).isEqualTo(-1);
    assertThat(TqcHeaders.retryAfterMillis(null, now)).isEqualTo(-1);
  }

  @Test
  void mediaTypes_recogniseParametersAndCase() {
    assertThat(MediaTypes.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(MediaTypes.isJson("application/problem+json")).isFalse();
    assertThat(MediaTypes.isJsonFamily("application/problem+json; charset=utf-8")).isTrue();
    assertThat(MediaTypes.isJsonFamily("text/json")).isFalse();
    assertThat(MediaTypes.isProblem(MediaTypes.PROBLEM_JSON_UTF8)).isTrue();
    assertThat(MediaTypes.acceptsEventStream("text/event-stream")).isTrue();
  }

  @Test
  void receipt_roundTrips() throws Exception {
    BatchReceipt receipt = BatchReceipt.parse(new BatchReceipt("b-1", 120, "123456789").toJsonBytes());

    assertThat(receipt.batchId()).isEqualTo("b-1");
    assertThat(receipt.accepted()).isEqualTo(120);
    assertThat(receipt.originCode()).isEqualTo("123456789");
  }
}
