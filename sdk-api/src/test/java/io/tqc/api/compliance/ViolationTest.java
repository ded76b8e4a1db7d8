package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationTest {
  @Test
  void of_buildsAnEnforcedViolationOfOneMessage() {
    Violation v = Violation.of(ReasonCode.URL_BLOCKED, 3, "the link to \"bad.example\" is blocked [차단 URL; 스미싱 차단]");

    assertThat(v.code()).isEqualTo(ReasonCode.URL_BLOCKED);
    assertThat(v.messageIndex()).isEqualTo(3);
    assertThat(v.isBatchLevel()).isFalse();
    assertThat(v.warningOnly()).isFalse();
    assertThat(v.location()).isEqualTo("messages[3]");
    assertThat(v).isEqualTo(Violation.of(ReasonCode.URL_BLOCKED, 3, v.detail()))
        .isNotEqualTo(Violation.of(ReasonCode.URL_BLOCKED, 2, v.detail()));
  }

  @Test
  void batch_isBatchLevel() {
    Violation v = Violation.batch(ReasonCode.SCREENING_UNAVAILABLE, "the URL screen did not answer");

    assertThat(v.messageIndex()).isEqualTo(Violation.BATCH);
    assertThat(v.isBatchLevel()).isTrue();
    assertThat(v).isEqualTo(Violation.of(ReasonCode.SCREENING_UNAVAILABLE, Violation.BATCH, v.detail()));
    assertThat(v.toString()).isEqualTo("batch screening_unavailable: the URL screen did not answer");
  }

  @Test
  void factories_refuseWhatNoViolationCanBe() {
    assertThatThrownBy(() -> Violation.of(null, 0, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason code");
    assertThatThrownBy(() -> Violation.of(ReasonCode.URL_BLOCKED, -2, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("messageIndex");
    assertThatThrownBy(() -> Violation.batch(ReasonCode.URL_BLOCKED, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url_blocked needs a detail");
    assertThatThrownBy(() -> Violation.batch(ReasonCode.URL_BLOCKED, "  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Violation.of(ReasonCode.URL_BLOCKED, 0, "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one line");
    assertThatThrownBy(() -> Violation.recipientOptedOut(Violation.BATCH)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recipientOptedOut_namesTheRuleAndNoNumber() {
    Violation v = Violation.recipientOptedOut(4);

    assertThat(v.code()).isEqualTo(ReasonCode.RECIPIENT_OPTED_OUT);
    assertThat(v.messageIndex()).isEqualTo(4);
    assertThat(v.detail()).contains("수신거부").doesNotContainPattern("01[016-9]");
    assertThat(v).isEqualTo(Violation.recipientOptedOut(4));
  }

  @Test
  void unregisteredSender_isTheRuleThatCheckApplies() {
    List<String> registered = List.of("0299998888", "0311234567");
    Violation standalone = CompliancePolicy.unregisteredSender(TestBatches.SENDER, registered);
    ComplianceReport report = CompliancePolicy.defaults().check(TestBatches.compliant(), registered, TestBatches.NOON_KST);

    assertThat(standalone.code()).isEqualTo(ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    assertThat(standalone.isBatchLevel()).isTrue();
    assertThat(standalone.detail()).endsWith("[발신번호 사전등록; 전기통신사업법 제84조의2]");
    assertThat(report.errors()).containsExactly(standalone);
  }

  @Test
  void unregisteredSender_ignoresDashesAndSpaces_andIgnoresThePolicysMode() {
    assertThat(CompliancePolicy.unregisteredSender("02 1234-5678", List.of("0212345678"))).isNull();
    assertThat(CompliancePolicy.unregisteredSender("0212345678", List.of("02-1234-5678"))).isNull();
    // The policy may switch the rule off for its own check; the standalone rule still applies.
    CompliancePolicy off = new CompliancePolicy.Builder().set(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, RuleMode.OFF).build();
    assertThat(off.check(TestBatches.compliant(), List.of("0299998888"), TestBatches.NOON_KST).isCompliant()).isTrue();
    assertThat(CompliancePolicy.unregisteredSender(TestBatches.SENDER, List.of("0299998888"))).isNotNull();
  }

  @Test
  void warnMode_reportsTheSameRuleAsAWarning() {
    CompliancePolicy warn = new CompliancePolicy.Builder().set(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, RuleMode.WARN).build();
    ComplianceReport report = warn.check(TestBatches.compliant(), List.of("0299998888"), TestBatches.NOON_KST);

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).singleElement().satisfies(w -> {
      assertThat(w.warningOnly()).isTrue();
      assertThat(w.detail()).isEqualTo(CompliancePolicy.unregisteredSender(TestBatches.SENDER, List.of("0299998888")).detail());
    });
  }
}
