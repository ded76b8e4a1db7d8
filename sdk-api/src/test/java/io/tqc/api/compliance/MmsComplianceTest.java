package io.tqc.api.compliance;

import static io.tqc.api.compliance.TestBatches.NOON_KST;
import static io.tqc.api.compliance.TestBatches.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchImage;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.batch.MessageType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Art. 50 rules over subject and text, and the LMS/MMS limits: text 2,000 and subject 40 EUC-KR
 * bytes, a declared SMS 90, images 3 of at most 300 KiB by default. Each rule with its control.
 */
class MmsComplianceTest {
  static final BatchImage SMALL = image(1, 100_000);
  static final String MMS_TEXT = "봄맞이 사진 할인 02-1234-5678 무료수신거부 080-123-4567";

  static BatchImage image(int seed, long size) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) seed);
    return BatchImage.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest), size);
  }

  static BatchMessage.Builder mms(String subject, String text, BatchImage... images) {
    BatchMessage.Builder b = new BatchMessage.Builder().to("010-2345-6789").text(text).type(MessageType.MMS)
        .subject(subject);
    for (BatchImage i : images) {
      b.addImage(i);
    }
    return b;
  }

  static ComplianceReport check(CompliancePolicy policy, BatchMessage message) {
    return policy.check(TestBatches.advertising().addMessage(message).build(), null, NOON_KST);
  }

  static ComplianceReport check(BatchMessage message) {
    return check(CompliancePolicy.defaults(), message);
  }

  @Test
  void markerOpeningTheSubject_satisfiesTheDisplayRule() {
    ComplianceReport inSubject = check(mms("(광고)봄빛마트 봄 세일", MMS_TEXT, SMALL).build());
    ComplianceReport nowhere = check(mms("봄빛마트 봄 세일", MMS_TEXT, SMALL).build());

    assertThat(inSubject.violations()).isEmpty();
    assertThat(inSubject.messageClass(0)).isEqualTo(MessageClass.MMS);
    assertThat(nowhere.errorCodes()).containsExactly(ReasonCode.AD_MARKER_MISSING, ReasonCode.ADVERTISER_NAME_MISSING);
    assertThat(nowhere.violations().get(0).detail()).contains("neither the subject nor the text");
  }

  @Test
  void markerOpeningTheTextUnderAPlainSubject_isAlsoAccepted() {
    assertThat(check(mms("봄 세일", TEXT, SMALL).build()).violations()).isEmpty();
  }

  @Test
  void advertiserNameMustFollowTheMarkerInTheSubject() {
    ComplianceReport report = check(mms("(광고) 봄 세일", MMS_TEXT, SMALL).build());

    assertThat(report.errorCodes()).containsExactly(ReasonCode.ADVERTISER_NAME_MISSING);
  }

  @Test
  void optOutAndContact_mayBeInTheSubjectOrTheText_butMustBeSomewhere() {
    ComplianceReport none = check(mms("(광고)봄빛마트 봄 세일", "봄맞이 사진 할인", SMALL).build());
    ComplianceReport inText = check(mms("(광고)봄빛마트 봄 세일", MMS_TEXT, SMALL).build());

    assertThat(none.errorCodes()).containsExactly(ReasonCode.ADVERTISER_CONTACT_MISSING, ReasonCode.OPT_OUT_MISSING);
    assertThat(inText.isCompliant()).isTrue();
  }

  @Test
  void lookAlikeMarkerInTheSubject_isMalformed() {
    assertThat(check(mms("[광고]봄빛마트 봄 세일", MMS_TEXT, SMALL).build()).errorCodes())
        .containsExactly(ReasonCode.AD_MARKER_MALFORMED);
  }

  @Test
  void markerInTheSubjectOfANonAdvertisingBatch_isMislabelled() {
    BatchMessage message = new BatchMessage.Builder().to("010-2345-6789").text("배송 안내").type(MessageType.LMS)
        .subject("(광고)봄빛마트").build();
    Batch plain = new Batch.Builder().senderNumber(TestBatches.SENDER).advertising(false).addMessage(message).build();
    Batch control = new Batch.Builder().senderNumber(TestBatches.SENDER).advertising(false)
        .addMessage(message.newBuilder().subject("배송").build()).build();

    ComplianceReport report = CompliancePolicy.defaults().check(plain, null, NOON_KST);

    assertThat(report.errorCodes()).containsExactly(ReasonCode.ADVERTISING_MISLABELLED);
    assertThat(report.violations().get(0).detail()).contains("the subject begins");
    assertThat(CompliancePolicy.defaults().check(control, null, NOON_KST).isCompliant()).isTrue();
  }

  @Test
  void linksInTheSubject_areScreened() {
    ComplianceReport report = check(mms("(광고)봄빛마트 bit.ly/3AbCdE", MMS_TEXT, SMALL).build());

    assertThat(report.errorCodes()).containsExactly(ReasonCode.URL_SHORTENER);
  }

  @Test
  void subjectOver40Bytes_isSubjectTooLong_and40IsAccepted() {
    String forty = "(광고)봄빛마트" + "가".repeat(12) + "12"; // 6 + 8 + 24 + 2 bytes
    assertThat(CompliancePolicy.EUC_KR.encode(forty).remaining()).isEqualTo(40);

    ComplianceReport atLimit = check(mms(forty, MMS_TEXT, SMALL).build());
    ComplianceReport over = check(mms(forty + "3", MMS_TEXT, SMALL).build());
    ComplianceReport off = check(new CompliancePolicy.Builder().set(ReasonCode.SUBJECT_TOO_LONG, RuleMode.OFF).build(),
        mms(forty + "3", MMS_TEXT, SMALL).build());

    assertThat(atLimit.isCompliant()).isTrue();
    assertThat(over.errorCodes()).containsExactly(ReasonCode.SUBJECT_TOO_LONG);
    assertThat(over.violations().get(0).detail()).contains("41 bytes").contains("[제목 40바이트 초과;");
    assertThat(off.isCompliant()).isTrue();
  }

  @Test
  void emojiInTheSubject_isNotEncodable() {
    ComplianceReport report = check(mms("(광고)봄빛마트 🎁", MMS_TEXT, SMALL).build());

    assertThat(report.errorCodes()).containsExactly(ReasonCode.TEXT_NOT_ENCODABLE);
    assertThat(report.violations().get(0).detail()).contains("of the subject");
  }

  @Test
  void mmsTextOver2000Bytes_isTextTooLong() {
    String text = TEXT + " 안내".repeat(1000);

    ComplianceReport report = check(mms("(광고)봄빛마트", text, SMALL).build());

    assertThat(report.errorCodes()).containsExactly(ReasonCode.TEXT_TOO_LONG);
    assertThat(report.violations().get(0).detail()).contains("an MMS holds at most 2000");
    assertThat(report.messageClass(0)).isNull();
  }

  @Test
  void declaredSmsOver90Bytes_isTextTooLong_whereAnUndeclaredOneIsAnLms() {
    String text = TEXT + " 특가".repeat(10); // 115 EUC-KR bytes
    BatchMessage declared = new BatchMessage.Builder().to("010-2345-6789").text(text).type(MessageType.SMS).build();
    BatchMessage undeclared = new BatchMessage("010-2345-6789", text);

    ComplianceReport sms = check(declared);
    ComplianceReport sized = check(undeclared);

    assertThat(sms.errorCodes()).containsExactly(ReasonCode.TEXT_TOO_LONG);
    assertThat(sms.violations().get(0).detail()).contains("declares type SMS");
    assertThat(sms.messageClass(0)).isNull();
    assertThat(sized.isCompliant()).isTrue();
    assertThat(sized.messageClass(0)).isEqualTo(MessageClass.LMS);
  }

  @Test
  void fourImages_isTooMany_threeAreAccepted_andThePolicyCanAllowMore() {
    BatchMessage four = mms("(광고)봄빛마트", MMS_TEXT, image(1, 10), image(2, 10), image(3, 10), image(4, 10)).build();
    BatchMessage three = mms("(광고)봄빛마트", MMS_TEXT, image(1, 10), image(2, 10), image(3, 10)).build();

    assertThat(check(four).errorCodes()).containsExactly(ReasonCode.MMS_TOO_MANY_IMAGES);
    assertThat(check(three).isCompliant()).isTrue();
    assertThat(check(new CompliancePolicy.Builder().mmsImageLimits(5, 300 * 1024).build(), four).isCompliant()).isTrue();
  }

  @Test
  void imageOver300KiB_isTooLarge_andASolapiPolicyRefuses200KiBPlusOne() {
    BatchMessage big = mms("(광고)봄빛마트", MMS_TEXT, SMALL, image(2, 307_201), image(3, 400_000)).build();
    BatchMessage limit = mms("(광고)봄빛마트", MMS_TEXT, image(2, 307_200)).build();
    BatchMessage solapiOver = mms("(광고)봄빛마트", MMS_TEXT, image(2, 204_801)).build();
    CompliancePolicy solapi = new CompliancePolicy.Builder().mmsImageLimits(3, 200 * 1024).build();

    ComplianceReport report = check(big);

    assertThat(report.errorCodes()).containsExactly(ReasonCode.MMS_IMAGE_TOO_LARGE);
    assertThat(report.violations().get(0).detail()).contains("images[1] is 307201 bytes").contains("2 images");
    assertThat(check(limit).isCompliant()).isTrue();
    assertThat(check(solapi, solapiOver).errorCodes()).containsExactly(ReasonCode.MMS_IMAGE_TOO_LARGE);
    assertThat(check(solapi, limit).errorCodes()).containsExactly(ReasonCode.MMS_IMAGE_TOO_LARGE);
  }

  @Test
  void imageLimits_takePartInStrictnessAndEquality() {
    CompliancePolicy solapi = new CompliancePolicy.Builder().mmsImageLimits(3, 200 * 1024).build();

    assertThat(solapi.isAtLeastAsStrictAs(CompliancePolicy.defaults())).isTrue();
    assertThat(CompliancePolicy.defaults().isAtLeastAsStrictAs(solapi)).isFalse();
    assertThat(solapi).isNotEqualTo(CompliancePolicy.defaults());
    assertThat(solapi.newBuilder().build()).isEqualTo(solapi);
    assertThat(solapi.toString()).contains("204800");
    assertThatThrownBy(() -> new CompliancePolicy.Builder().mmsImageLimits(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
