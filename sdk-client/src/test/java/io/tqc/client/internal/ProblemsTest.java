package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  static final MediaType PROBLEM = MediaType.get("application/problem+json");
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void code_isTheCodeMember_orDerivedFromATqcType() {
    assertThat(Problems.code(PROBLEM, utf8("{\"code\":\"token_expired\",\"type\":\"urn:tqc:error:other\"}")))
        .isEqualTo("token_expired");
    assertThat(Problems.code(PROBLEM, utf8("{\"type\":\"urn:tqc:error:certification_revoked\"}")))
        .isEqualTo("certification_revoked");
    assertThat(Problems.code(PROBLEM, utf8("{\"type\":\"about:blank\"}"))).isNull();
  }

  @Test
  void code_isNullForBodiesThatAreNotJsonProblems() {
    assertThat(Problems.code(MediaType.get("text/html"), utf8("{\"code\":\"token_expired\"}"))).isNull();
    assertThat(Problems.code(PROBLEM, utf8("{\"code\":"))).isNull();
    assertThat(Problems.code(PROBLEM, utf8("{\"code\":42}"))).isNull();
    assertThat(Problems.code(null, utf8("{}"))).isNull();
  }

  @Test
  void code_stripsControlCharacters() {
    assertThat(Problems.code(PROBLEM, utf8("{\"code\":\"a\\nb\"}"))).isEqualTo("a?b");
  }

  @Test
  void retryAfter_readsDelaySecondsAndHttpDates() {
    assertThat(Problems.retryAfterMillis("2", NOW)).isEqualTo(2000);
    assertThat(Problems.retryAfterMillis(" 0 ", NOW)).isZero();
    assertThat(Problems.retryAfterMillis("Sat, 28 Nov 2026 12:00:05 GMT", NOW)).isEqualTo(5000);
    assertThat(Problems.retryAfterMillis("Sat, 28 Nov 2026 11:00:00 GMT", NOW)).isZero();
  }

  @Test
  void retryAfter_isMinusOneWhenAbsentOrUnreadable_andCappedAtADay() {
    assertThat(Problems.retryAfterMillis(null, NOW)).isEqualTo(-1);
    assertThat(Problems.retryAfterMillis("soon", NOW)).isEqualTo(-1);
    assertThat(Problems.retryAfterMillis("-3", NOW)).isEqualTo(-1);
    assertThat(Problems.retryAfterMillis("9999999999", NOW)).isEqualTo(86_400_000L);
  }
}
