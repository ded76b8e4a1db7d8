package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EUC-KR byte length, SMS/LMS class, text_too_long and text_not_encodable at their boundaries. */
class MessageSizeTest {
  private static String repeat(String s, int times) {
    return String.join("", Collections.nCopies(times, s));
  }

  private static ComplianceReport check(String text) {
    return CompliancePolicy.defaults().check(TestBatches.plain(text), null, TestBatches.NOON_KST);
  }

  @Test
  void exactly90Bytes_isSms() {
    ComplianceReport report = check(repeat("가", 45));
    assertThat(report.byteLength(0)).isEqualTo(90);
    assertThat(report.messageClass(0)).isEqualTo(MessageClass.SMS);
    assertThat(report.violations()).isEmpty();
  }

  @Test
  void mixedAsciiAndHangulAt90Bytes_isSms() {
    ComplianceReport report = check(repeat("가", 40) + repeat("a", 10));
    assertThat(report.byteLength(0)).isEqualTo(90);
    assertThat(report.messageClass(0)).isEqualTo(MessageClass.SMS);
  }

  @Test
  void bytes91_isLms() {
    ComplianceReport report = check(repeat("가", 45) + "!");
    assertThat(report.byteLength(0)).isEqualTo(91);
    assertThat(report.messageClass(0)).isEqualTo(MessageClass.LMS);
    assertThat(report.isCompliant()).isTrue();
  }

  @Test
  void exactly2000Bytes_isLms() {
    ComplianceReport report = check(repeat("한", 1000));
    assertThat(report.byteLength(0)).isEqualTo(2000);
    assertThat(report.messageClass(0)).isEqualTo(MessageClass.LMS);
    assertThat(report.violations()).isEmpty();
  }

  @Test
  void bytes2001_isTextTooLong() {
    ComplianceReport report = check(repeat("한", 1000) + ".");
    assertThat(report.byteLength(0)).isEqualTo(2001);
    assertThat(report.messageClass(0)).isNull();
    assertThat(report.violations()).extracting(Violation::code).containsExactly(ReasonCode.TEXT_TOO_LONG);
    assertThat(report.violations().get(0).detail()).contains("2001 bytes in EUC-KR");
  }

  @Test
  void emoji_isTextNotEncodable() {
    ComplianceReport report = check("[봄빛마트] 주문이 접수되었습니다 😀");
    assertThat(report.byteLength(0)).isEqualTo(-1);
    assertThat(report.messageClass(0)).isNull();
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ReasonCode.TEXT_NOT_ENCODABLE);
      assertThat(v.detail()).contains("U+1F600");
    });
  }

  @Test
  void loneSurrogate_isTextNotEncodable() {
    assertThat(check("안녕\uD83D하세요").errorCodes()).containsExactly(ReasonCode.TEXT_NOT_ENCODABLE);
  }

  @Test
  void emojiInOverlongText_reportsBothEncodingAndLength() {
    ComplianceReport report = check("😀" + repeat("한", 1001));
    assertThat(report.violations()).extracting(Violation::code)
        .containsExactly(ReasonCode.TEXT_NOT_ENCODABLE, ReasonCode.TEXT_TOO_LONG);
    assertThat(report.violations().get(0).detail()).startsWith("1 character cannot");
    assertThat(report.violations().get(1).detail()).contains("at least 2002 bytes");
  }

  @Test
  void manyEmoji_areCountedOnce() {
    ComplianceReport report = check("🌸🌸🌸 봄");
    assertThat(report.violations().get(0).detail()).startsWith("3 characters cannot").contains("at character 0");
  }

  @Test
  void hangulOutsideKsX1001_isEncodableWithCp949Policy() {
    String text = "똠양꿍 밀키트";
    assertThat(check(text).errorCodes()).containsExactly(ReasonCode.TEXT_NOT_ENCODABLE);
    CompliancePolicy cp949 = new CompliancePolicy.Builder().charset(Charset.forName("x-windows-949")).build();
    ComplianceReport report = cp949.check(TestBatches.plain(text), null, TestBatches.NOON_KST);
    assertThat(report.violations()).isEmpty();
    assertThat(report.byteLength(0)).isEqualTo(13);
  }

  @Test
  void longTextsAcrossManyMessages_reuseTheEncoderCorrectly() {
    Batch.Builder builder = new Batch.Builder().senderNumber(TestBatches.SENDER).advertising(false);
    String[] texts = {repeat("한", 1500), "짧은 문자", "😀", repeat("a", 90), repeat("가", 1001), ""};
    for (int i = 0; i < texts.length; i++) {
      builder.addMessage(new BatchMessage(String.format("010-2345-%04d", i), texts[i]));
    }
    ComplianceReport report = CompliancePolicy.defaults().check(builder.build(), null, TestBatches.NOON_KST);
    assertThat(report.byteLength(0)).isEqualTo(3000);
    assertThat(report.byteLength(1)).isEqualTo(9);
    assertThat(report.byteLength(2)).isEqualTo(-1);
    assertThat(report.byteLength(3)).isEqualTo(90);
    assertThat(report.byteLength(4)).isEqualTo(2002);
    assertThat(report.byteLength(5)).isZero();
    assertThat(report.messageClass(5)).isEqualTo(MessageClass.SMS);
    assertThat(report.violations()).extracting(v -> v.messageIndex() + ":" + v.code().code())
        .containsExactly("0:text_too_long", "2:text_not_encodable", "4:text_too_long");
  }

  @Test
  void everyEncodableBmpCharacter_isCountedAsTheJdkEncoderCountsIt() throws Exception {
    CharsetEncoder encoder = CompliancePolicy.EUC_KR.newEncoder();
    Batch.Builder builder = new Batch.Builder().senderNumber(TestBatches.SENDER).advertising(false);
    List<String> texts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (char c = 1; c < 0xFFFF; c++) {
      if (!Character.isSurrogate(c) && encoder.canEncode(c)) {
        text.append(c);
        if (text.length() == 900) {
          texts.add(text.toString());
          text.setLength(0);
        }
      }
    }
    texts.add(text.toString());
    for (int i = 0; i < texts.size(); i++) {
      builder.addMessage(new BatchMessage(String.format("010-2345-%04d", i), texts.get(i)));
    }
    ComplianceReport report = CompliancePolicy.defaults().check(builder.build(), null, TestBatches.NOON_KST);
    assertThat(texts).hasSizeGreaterThan(8);
    for (int i = 0; i < texts.size(); i++) {
      assertThat(report.byteLength(i)).as("chunk %d", i).isEqualTo(texts.get(i).getBytes("EUC-KR").length);
    }
  }

  @Test
  void statefulCharset_isCountedByItsEncoder() throws Exception {
    String text = "봄빛마트 SALE 가나다 abc 한글";
    CompliancePolicy iso2022 = new CompliancePolicy.Builder().charset(Charset.forName("ISO-2022-KR")).build();
    ComplianceReport report = iso2022.check(TestBatches.plain(text), null, TestBatches.NOON_KST);
    assertThat(report.byteLength(0)).isEqualTo(text.getBytes("ISO-2022-KR").length);
  }

  @Test
  void utf8Policy_countsEmojiAsFourBytes() {
    CompliancePolicy utf8 = new CompliancePolicy.Builder().charset(StandardCharsets.UTF_8).build();
    ComplianceReport report = utf8.check(TestBatches.plain("가😀a"), null, TestBatches.NOON_KST);
    assertThat(report.violations()).isEmpty();
    assertThat(report.byteLength(0)).isEqualTo(3 + 4 + 1);
  }

  @Test
  void messageClass_boundaries() {
    assertThat(MessageClass.forByteLength(0)).isEqualTo(MessageClass.SMS);
    assertThat(MessageClass.forByteLength(90)).isEqualTo(MessageClass.SMS);
    assertThat(MessageClass.forByteLength(91)).isEqualTo(MessageClass.LMS);
    assertThat(MessageClass.forByteLength(2000)).isEqualTo(MessageClass.LMS);
    assertThat(MessageClass.forByteLength(2001)).isNull();
    assertThat(MessageClass.forByteLength(-1)).isNull();
  }
}
