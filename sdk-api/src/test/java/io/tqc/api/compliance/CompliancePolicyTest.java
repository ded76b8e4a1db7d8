package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompliancePolicyTest {
  /** Marker malformed, opt-out missing, recipient invalid. */
  private static Batch threeViolations() {
    return TestBatches.advertising()
        .addMessage(new BatchMessage("010-2345-6789", "[광고]봄빛마트 봄맞이 할인 02-1234-5678"))
        .addMessage(new BatchMessage("02-987-6543", TestBatches.TEXT))
        .build();
  }

  private static ComplianceReport check(CompliancePolicy policy, Batch batch) {
    return policy.check(batch, null, TestBatches.NOON_KST);
  }

  @Test
  void defaults_enforceEveryComplianceCode() {
    assertThat(CompliancePolicy.rules()).containsExactlyInAnyOrder(
        ReasonCode.AD_MARKER_MISSING, ReasonCode.AD_MARKER_MALFORMED, ReasonCode.ADVERTISER_NAME_MISSING,
        ReasonCode.ADVERTISER_CONTACT_MISSING, ReasonCode.OPT_OUT_MISSING, ReasonCode.OPT_OUT_NUMBER_INVALID,
        ReasonCode.NIGHT_CONSENT_MISSING, ReasonCode.ADVERTISING_MISLABELLED, ReasonCode.SENDER_NUMBER_INVALID,
        ReasonCode.SENDER_NUMBER_NOT_REGISTERED, ReasonCode.RECIPIENT_NUMBER_INVALID,
        ReasonCode.RECIPIENT_DUPLICATE, ReasonCode.TEXT_NOT_ENCODABLE, ReasonCode.TEXT_TOO_LONG,
        ReasonCode.SUBJECT_TOO_LONG, ReasonCode.MMS_TOO_MANY_IMAGES, ReasonCode.MMS_IMAGE_TOO_LARGE,
        ReasonCode.URL_BLOCKED, ReasonCode.URL_SHORTENER, ReasonCode.LOOKALIKE_DOMAIN, ReasonCode.URL_OBFUSCATED,
        ReasonCode.URL_NOT_ALLOWED);
    for (ReasonCode code : CompliancePolicy.rules()) {
      assertThat(CompliancePolicy.defaults().enforcement(code)).isEqualTo(RuleMode.ENFORCE);
      assertThat(code.httpStatus()).isEqualTo(422);
    }
    assertThat(CompliancePolicy.defaults().charset().name()).isEqualTo("EUC-KR");
    assertThat(CompliancePolicy.defaults()).isEqualTo(new CompliancePolicy.Builder().build());
    assertThat(CompliancePolicy.defaults()).hasToString("CompliancePolicy{EUC-KR}");
  }

  @Test
  void compliantBatch_hasNoViolations() throws Exception {
    ComplianceReport report = check(CompliancePolicy.defaults(), TestBatches.compliant());
    assertThat(report.isCompliant()).isTrue();
    assertThat(report.violations()).isEmpty();
    assertThat(report.requireCompliant()).isSameAs(report);
    assertThat(report).hasToString("ComplianceReport{compliant, 1 message, 0 errors, 0 warnings}");
  }

  @Test
  void everyViolation_isListed_andTheExceptionCarriesTheFirst() {
    ComplianceReport report = check(CompliancePolicy.defaults(), threeViolations());
    assertThat(report.violations()).extracting(Violation::location, v -> v.code().code()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("messages[0]", "ad_marker_malformed"),
        org.assertj.core.groups.Tuple.tuple("messages[0]", "opt_out_missing"),
        org.assertj.core.groups.Tuple.tuple("messages[1]", "recipient_number_invalid"));
    assertThat(report.errorCodes()).containsExactly(ReasonCode.AD_MARKER_MALFORMED,
        ReasonCode.OPT_OUT_MISSING, ReasonCode.RECIPIENT_NUMBER_INVALID);

    assertThatThrownBy(report::requireCompliant)
        .isInstanceOf(ComplianceException.class)
        .isInstanceOf(TqcException.class)
        .satisfies(e -> {
          ComplianceException ce = (ComplianceException) e;
          assertThat(ce.reason()).isEqualTo(ReasonCode.AD_MARKER_MALFORMED);
          assertThat(ce.report()).isSameAs(report);
          assertThat(ce.detail()).startsWith("messages[0]: the text begins with the look-alike \"[광고]\"")
              .endsWith("(and 2 more violations; see report())");
          assertThat(ce.getMessage()).startsWith("ad_marker_malformed: ");
        });
  }

  @Test
  void recipientViolations_neverEchoTheNumber() {
    ComplianceReport report = check(CompliancePolicy.defaults(), threeViolations());
    assertThat(report.violations().get(2).detail()).doesNotContain("987").doesNotContain("6543");
  }

  @Test
  void ruleOff_isNotEvaluated() {
    CompliancePolicy policy = new CompliancePolicy.Builder()
        .set(ReasonCode.OPT_OUT_MISSING, RuleMode.OFF)
        .set(ReasonCode.RECIPIENT_NUMBER_INVALID, RuleMode.OFF)
        .build();
    ComplianceReport report = check(policy, threeViolations());
    assertThat(report.errorCodes()).containsExactly(ReasonCode.AD_MARKER_MALFORMED);
    assertThat(policy).hasToString("CompliancePolicy{EUC-KR, opt_out_missing=OFF, recipient_number_invalid=OFF}");
  }

  @Test
  void ruleWarn_isReportedButDoesNotRefuse() throws Exception {
    CompliancePolicy policy = new CompliancePolicy.Builder()
        .set(ReasonCode.AD_MARKER_MALFORMED, RuleMode.WARN)
        .set(ReasonCode.OPT_OUT_MISSING, RuleMode.WARN)
        .set(ReasonCode.RECIPIENT_NUMBER_INVALID, RuleMode.WARN)
        .build();
    ComplianceReport report = check(policy, threeViolations());
    assertThat(report.isCompliant()).isTrue();
    assertThat(report.requireCompliant()).isSameAs(report);
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).hasSize(3).allMatch(Violation::warningOnly);
    assertThat(report.violations().get(0).toString()).startsWith("warning messages[0] ad_marker_malformed: ");
  }

  @Test
  void partialWarn_exceptionReasonIsFirstEnforcedViolation() {
    CompliancePolicy policy = new CompliancePolicy.Builder()
        .set(ReasonCode.AD_MARKER_MALFORMED, RuleMode.WARN)
        .build();
    ComplianceReport report = check(policy, threeViolations());
    assertThat(report.isCompliant()).isFalse();
    assertThat(report.warnings()).extracting(Violation::code).containsExactly(ReasonCode.AD_MARKER_MALFORMED);
    assertThatThrownBy(report::requireCompliant)
        .isInstanceOfSatisfying(ComplianceException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.OPT_OUT_MISSING));
  }

  @Test
  void setAllWarn_isADryRun() {
    CompliancePolicy dryRun = new CompliancePolicy.Builder().setAll(RuleMode.WARN).build();
    ComplianceReport report = check(dryRun, threeViolations());
    assertThat(report.isCompliant()).isTrue();
    assertThat(report.violations()).hasSize(3);
  }

  @Test
  void setAllOff_checksNothingButStillMeasuresSize() {
    CompliancePolicy off = new CompliancePolicy.Builder().setAll(RuleMode.OFF).build();
    ComplianceReport report = check(off, threeViolations());
    assertThat(report.violations()).isEmpty();
    assertThat(report.messageClass(0)).isEqualTo(MessageClass.SMS);
  }

  @Test
  void builder_refusesCodesThatAreNotComplianceRules() {
    assertThatThrownBy(() -> new CompliancePolicy.Builder().set(ReasonCode.TOKEN_EXPIRED, RuleMode.OFF))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompliancePolicy.defaults().enforcement(ReasonCode.BATCH_MALFORMED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompliancePolicy.Builder().set(ReasonCode.TEXT_TOO_LONG, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void relayPolicy_canBeStricterThanResellerPolicy() {
    CompliancePolicy reseller = new CompliancePolicy.Builder()
        .set(ReasonCode.RECIPIENT_DUPLICATE, RuleMode.WARN)
        .set(ReasonCode.ADVERTISER_CONTACT_MISSING, RuleMode.OFF)
        .build();
    CompliancePolicy relay = reseller.newBuilder().set(ReasonCode.RECIPIENT_DUPLICATE, RuleMode.ENFORCE).build();
    assertThat(relay.isAtLeastAsStrictAs(reseller)).isTrue();
    assertThat(reseller.isAtLeastAsStrictAs(relay)).isFalse();
    assertThat(CompliancePolicy.defaults().isAtLeastAsStrictAs(relay)).isTrue();
    assertThat(reseller.newBuilder().build()).isEqualTo(reseller).hasSameHashCodeAs(reseller);
  }

  @Test
  void registeredSenderNumbers_nullSkipsTheCheck_emptyRefusesEverySender() {
    Batch batch = TestBatches.compliant();
    assertThat(CompliancePolicy.defaults().check(batch, null, TestBatches.NOON_KST).isCompliant()).isTrue();
    assertThat(CompliancePolicy.defaults().check(batch, Collections.emptyList(), TestBatches.NOON_KST).errorCodes())
        .containsExactly(ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    assertThat(CompliancePolicy.defaults()
        .check(batch, Arrays.asList("070-1111-2222", "02 1234 5678"), TestBatches.NOON_KST).isCompliant()).isTrue();
  }

  @Test
  void check_requiresBatchAndDefaultSendTime() {
    assertThatThrownBy(() -> CompliancePolicy.defaults().check(TestBatches.compliant(), null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CompliancePolicy.defaults().check(null, null, Instant.EPOCH))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void complianceException_survivesJavaSerialization() throws Exception {
    ComplianceReport report = check(CompliancePolicy.defaults(), threeViolations());
    ComplianceException original = new ComplianceException(report);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ComplianceException copy = (ComplianceException) in.readObject();
      assertThat(copy.reason()).isEqualTo(original.reason());
      assertThat(copy.report().violations()).isEqualTo(report.violations());
    }
  }

  @Test
  void onePolicy_checkedFromManyThreads_givesTheSameReport() throws Exception {
    CompliancePolicy policy = new CompliancePolicy.Builder().set(ReasonCode.OPT_OUT_MISSING, RuleMode.WARN).build();
    Batch batch = threeViolations();
    List<Violation> expected = check(policy, batch).violations();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Violation>>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> check(policy, batch).violations()));
      }
      for (Future<List<Violation>> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void complianceException_refusesACompliantReport() {
    ComplianceReport report = check(CompliancePolicy.defaults(), TestBatches.compliant());
    assertThatThrownBy(() -> new ComplianceException(report)).isInstanceOf(IllegalArgumentException.class);
  }
}
