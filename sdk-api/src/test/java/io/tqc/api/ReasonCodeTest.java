package io.tqc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReasonCodeTest {

  @Test
  void codes_areUniqueLowerSnakeCaseWithAnHttpErrorStatus() {
    Set<String> codes = new HashSet<>();
    for (ReasonCode reason : ReasonCode.values()) {
      assertThat(reason.code()).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
      assertThat(reason.code()).isEqualTo(reason.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(codes.add(reason.code())).as("duplicate %s", reason.code()).isTrue();
      assertThat(reason.httpStatus()).isBetween(400, 599);
      assertThat(reason.title()).isNotBlank();
      assertThat(reason.problemType()).isEqualTo("urn:tqc:error:" + reason.code());
      assertThat(reason.toString()).isEqualTo(reason.code());
    }
  }

  @Test
  void fromCode_findsEveryCodeAndNullForUnknownOnes() {
    for (ReasonCode reason : ReasonCode.values()) {
      assertThat(ReasonCode.fromCode(reason.code())).isEqualTo(reason);
      assertThat(ReasonCode.fromCode(reason.code().toUpperCase(java.util.Locale.ROOT))).isEqualTo(reason);
    }
    assertThat(ReasonCode.fromCode("code_from_a_newer_peer")).isNull();
    assertThat(ReasonCode.fromCode(null)).isNull();
  }

  @Test
  void exceptions_carryTheReasonAndADetailWithoutThePrefix() {
    TqcException e = new VerificationException(ReasonCode.TOKEN_EXPIRED, "token expired at 2026-01-01T00:00:00Z");

    assertThat(e.reason()).isEqualTo(ReasonCode.TOKEN_EXPIRED);
    assertThat(e.getMessage()).isEqualTo("token_expired: token expired at 2026-01-01T00:00:00Z");
    assertThat(e.detail()).isEqualTo("token expired at 2026-01-01T00:00:00Z");
    assertThat(new TqcException(ReasonCode.KEY_INVALID, "x", new IllegalStateException()).getCause())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void statusesFollowTheRelayContract() {
    assertThat(Arrays.stream(ReasonCode.values()).filter(r -> r.code().startsWith("token_")))
        .allSatisfy(r -> assertThat(r.httpStatus()).isEqualTo(401));
    assertThat(ReasonCode.BATCH_REPLAYED.httpStatus()).isEqualTo(409);
    assertThat(ReasonCode.BATCH_TOO_LARGE.httpStatus()).isEqualTo(413);
    assertThat(ReasonCode.BATCH_MALFORMED.httpStatus()).isEqualTo(400);
    assertThat(ReasonCode.CERTIFICATION_REVOKED.httpStatus()).isEqualTo(403);
  }
}
