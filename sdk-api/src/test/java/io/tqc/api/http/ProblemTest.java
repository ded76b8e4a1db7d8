package io.tqc.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemTest {
  @Test
  void problemWithViolations_roundTripsThroughBytes() throws Exception {
    Problem sent = Problem.builder(ReasonCode.AD_MARKER_MISSING).detail("2 messages break the rules")
        .violation(0, ReasonCode.AD_MARKER_MISSING, "no (광고)")
        .violation(Problem.Violation.BATCH, ReasonCode.SENDER_NUMBER_INVALID, "bad caller id").build();

    Problem read = Problem.parse(sent.toJsonBytes());

    assertThat(read.code()).isEqualTo("ad_marker_missing");
    assertThat(read.reason()).isEqualTo(ReasonCode.AD_MARKER_MISSING);
    assertThat(read.type()).isEqualTo("urn:tqc:error:ad_marker_missing");
    assertThat(read.status()).isEqualTo(422);
    assertThat(read.title()).isEqualTo(ReasonCode.AD_MARKER_MISSING.title());
    assertThat(read.detail()).isEqualTo("2 messages break the rules");
    assertThat(read.violations()).isEqualTo(sent.violations()).hasSize(2);
    assertThat(read.violations().get(1).reason()).isEqualTo(ReasonCode.SENDER_NUMBER_INVALID);
  }

  @Test
  void writtenDocument_hasTheMembersOfRfc9457AndNoEmptyViolations() {
    String json = new String(Problem.of(ReasonCode.TOKEN_EXPIRED, "expired").toJsonBytes(), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"type\":\"urn:tqc:error:token_expired\",\"title\":\"Token expired\","
        + "\"status\":401,\"detail\":\"expired\",\"code\":\"token_expired\"}");
  }

  @Test
  void codeMissing_isTakenFromTheTqcType_andUnknownMembersAreIgnored() throws Exception {
    Problem read = Problem.parse("{\"type\":\"urn:tqc:error:rate_limited\",\"instance\":\"/x\",\"ext\":[1]}"
        .getBytes(StandardCharsets.UTF_8));

    assertThat(read.reason()).isEqualTo(ReasonCode.RATE_LIMITED);
    assertThat(read.status()).isZero();
  }

  @Test
  void codeOfANewerRelay_isKeptAsText() throws Exception {
    Problem read = Problem.parse("{\"code\":\"brand_new_code\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(read.code()).isEqualTo("brand_new_code");
    assertThat(read.reason()).isNull();
  }

  @Test
  void notAProblem_isATypedErrorNamingWhatIsWrong() {
    assertThatThrownBy(() -> Problem.parse("<html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("not a problem document");
    assertThatThrownBy(() -> Problem.parse("{\"type\":\"about:blank\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("names no TQC code");
    assertThatThrownBy(() -> Problem.parse("{\"code\":\"x\",\"status\":\"422\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemFormatException.class);
    assertThatThrownBy(() -> Problem.parse("{\"code\":\"x\",\"violations\":[1]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("violations");
    assertThatThrownBy(() -> Problem.parse(new byte[0])).isInstanceOf(ProblemFormatException.class);
  }

  @Test
  void duplicateMembers_areRefusedLikeEveryTqcDocument() {
    assertThatThrownBy(() -> Problem.parse("{\"code\":\"a\",\"code\":\"b\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("duplicate");
  }

  @Test
  void read_returnsNullForAnswersThatAreNotJson() {
    byte[] body = Problem.of(ReasonCode.RATE_LIMITED, "slow down").toJsonBytes();

    assertThat(Problem.read("text/html", body)).isNull();
    assertThat(Problem.read(MediaTypes.PROBLEM_JSON_UTF8, "oops".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(Problem.read(MediaTypes.PROBLEM_JSON_UTF8, body).reason()).isEqualTo(ReasonCode.RATE_LIMITED);
  }
}
