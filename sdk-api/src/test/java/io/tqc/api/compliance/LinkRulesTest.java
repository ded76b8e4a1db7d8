package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkRulesTest {
  static Batch batch(String text) {
    return TestBatches.advertising().addMessage(new BatchMessage("010-2345-6789", TestBatches.TEXT + " " + text)).build();
  }

  static List<ReasonCode> codes(CompliancePolicy policy, String text) {
    return policy.check(batch(text), null, TestBatches.NOON_KST).violations().stream()
        .map(Violation::code).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://kb-star-security.com", "nonghyup-bank.top/x", "gov-kr.site/fine",
      "hometax-go.kr.com", "https://shlnhan.info", "http://kakaobanks.sbs", "cjlogistics.co.kr.club",
      "http://kbstаr.com"})
  void brandImitations_areLookalikeDomains(String link) {
    assertThat(codes(CompliancePolicy.defaults(), link)).contains(ReasonCode.LOOKALIKE_DOMAIN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://obank.kbstar.com/quics", "https://www.shinhancard.com/event", "www.epost.go.kr",
      "https://www.hometax.go.kr", "https://smartstore.naver.com/bomvit", "https://lottemart.com",
      "https://www.musinsa.com", "https://pf.kakao.com/_abc"})
  void officialAndUnrelatedDomains_pass(String link) {
    assertThat(codes(CompliancePolicy.defaults(), link)).isEmpty();
  }

  @Test
  void userInfoNamingABank_isLookalikeAndObfuscated() {
    assertThat(codes(CompliancePolicy.defaults(), "https://kbstar.com@evil.example/login"))
        .containsExactly(ReasonCode.LOOKALIKE_DOMAIN, ReasonCode.URL_OBFUSCATED);
  }

  @Test
  void shortener_isReportedWithItsDomain() {
    List<Violation> found = CompliancePolicy.defaults().check(batch("han.gl/AbCd"), null, TestBatches.NOON_KST)
        .violations();
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ReasonCode.URL_SHORTENER);
      assertThat(v.messageIndex()).isZero();
      assertThat(v.detail()).contains("han.gl").endsWith("]");
    });
  }

  @Test
  void blocklist_matchesDomainsSubdomainsAndUrlPrefixes() {
    UrlRules rules = UrlRules.defaults().newBuilder().blockDomain("evil-parcel.xyz")
        .blockUrl("https://bit.ly/3AbC").build();
    CompliancePolicy policy = new CompliancePolicy.Builder().urlRules(rules)
        .set(ReasonCode.URL_SHORTENER, RuleMode.OFF).build();
    assertThat(codes(policy, "http://m.evil-parcel.xyz/a")).containsExactly(ReasonCode.URL_BLOCKED);
    assertThat(codes(policy, "bit.ly/3AbC?x=1")).containsExactly(ReasonCode.URL_BLOCKED);
    assertThat(codes(policy, "bit.ly/3AbCd")).isEmpty();
    // control: the same links with the default (empty) blocklist
    CompliancePolicy control = new CompliancePolicy.Builder().set(ReasonCode.URL_SHORTENER, RuleMode.OFF).build();
    assertThat(codes(control, "http://m.evil-parcel.xyz/a")).isEmpty();
  }

  @Test
  void allowlistMode_refusesLinksOutsideTheAdvertisersDomains() {
    UrlRules rules = UrlRules.defaults().newBuilder()
        .allowlist(TestBatches.NAME, Arrays.asList("bomvit.co.kr")).build();
    CompliancePolicy policy = new CompliancePolicy.Builder().urlRules(rules).build();
    assertThat(codes(policy, "https://www.bomvit.co.kr/event")).isEmpty();
    assertThat(codes(policy, "https://other-shop.com")).containsExactly(ReasonCode.URL_NOT_ALLOWED);
    assertThat(codes(CompliancePolicy.defaults(), "https://other-shop.com")).isEmpty();
  }

  @Test
  void eachLinkRule_canBeWarnedOrTurnedOff() {
    CompliancePolicy warn = new CompliancePolicy.Builder().set(ReasonCode.URL_SHORTENER, RuleMode.WARN).build();
    ComplianceReport report = warn.check(batch("bit.ly/x1"), null, TestBatches.NOON_KST);
    assertThat(report.isCompliant()).isTrue();
    assertThat(report.warnings()).extracting(Violation::code).containsExactly(ReasonCode.URL_SHORTENER);
    CompliancePolicy off = new CompliancePolicy.Builder().set(ReasonCode.URL_SHORTENER, RuleMode.OFF).build();
    assertThat(off.check(batch("bit.ly/x1"), null, TestBatches.NOON_KST).violations()).isEmpty();
  }

  @Test
  void badRuleData_isRefusedNamingTheEntry() {
    assertThatThrownBy(() -> new UrlRules.Builder().blockDomain("evil..xyz"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evil..xyz");
    assertThatThrownBy(() -> new UrlRules.Builder().protectedBrands("은행 | bank.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> new UrlRules.Builder().protectedBrands("은행 | bank.example | kb"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 3");
  }

  @Test
  void policiesWithDifferentUrlRules_areNotEqual() {
    CompliancePolicy blocked = new CompliancePolicy.Builder()
        .urlRules(new UrlRules.Builder().blockDomain("evil.xyz").build()).build();
    assertThat(blocked).isNotEqualTo(CompliancePolicy.defaults());
    assertThat(blocked.newBuilder().build()).isEqualTo(blocked);
    assertThat(blocked.toString()).contains("blocked 1 domains");
  }

  @Test
  void advertiserKey_foldsWidthCaseAndSpaces() {
    assertThat(UrlRules.advertiserKey("(주) 봄빛 마트")).isEqualTo(UrlRules.advertiserKey("(주)봄빛마트"));
    assertThat(UrlRules.advertiserKey("ＡＢＣ Mart")).isEqualTo("abcmart");
    assertThat(UrlRules.advertiserKey("  ")).isNull();
  }
}
