package io.tqc.relay.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizationTest {
  static final String SENT = "(광고)테스트상점 12월 할인 문의 02-1234-5678 무료거부 080-123-4567";

  @Test
  void carrierLabel_isRemoved() {
    for (String shown : new String[] {"[Web발신]" + SENT, "[Web발신]\n" + SENT, "[WEB발신] " + SENT,
        "[ web 발신 ]\r\n" + SENT, "[국제발신]" + SENT, "[Web발신][국외발신]" + SENT}) {
      assertThat(Normalization.text(shown)).as(shown).isEqualTo(Normalization.text(SENT));
    }
  }

  @Test
  void lineBreaksAndSpaces_collapseToOneSpace() {
    String sent = "(광고)테스트상점\n12월 할인\r\n\r\n문의 02-1234-5678   \n무료거부 080-123-4567";
    String shown = "(광고)테스트상점 12월\u00A0할인 문의\t02-1234-5678 무료거부 080-123-4567   \n";
    assertThat(Normalization.text(shown)).isEqualTo(Normalization.text(sent))
        .isEqualTo("(광고)테스트상점 12월 할인 문의 02-1234-5678 무료거부 080-123-4567");
  }

  @Test
  void fullWidthCharacters_foldToOrdinaryForms() {
    String fullWidth = "（광고）테스트상점　１２월 할인 문의 ０２－１２３４－５６７８ 무료거부 ０８０－１２３－４５６７";
    assertThat(Normalization.text(fullWidth)).isEqualTo(Normalization.text(SENT.replace("12월 할인", "12월 할인")));
    assertThat(Normalization.text("㈜예시")).isEqualTo("(주)예시");
  }

  @Test
  void zeroWidthCharacters_areRemoved() {
    assertThat(Normalization.text("무료\u200B거부\uFEFF")).isEqualTo("무료거부");
  }

  @Test
  void differentWords_stayDifferent() {
    assertThat(Normalization.text(SENT)).isNotEqualTo(Normalization.text(SENT.replace("12월", "11월")));
    // A label in the middle of the text is content, not a carrier prefix.
    assertThat(Normalization.text("안내 [Web발신]")).isEqualTo("안내 [Web발신]");
  }

  @Test
  void recipient_becomesNationalForm() {
    String[][] cases = {
      {"010-1234-5678", "01012345678"}, {"01012345678", "01012345678"}, {"+82 10-1234-5678", "01012345678"},
      {"+82 010 1234 5678", "01012345678"}, {"82-10-1234-5678", "01012345678"}, {"(010) 1234.5678", "01012345678"},
      {"０１０－１２３４－５６７８", "01012345678"}, {"011-234-5678", "0112345678"}, {"016-1234-5678", "01612345678"},
    };
    for (String[] c : cases) {
      assertThat(Normalization.recipient(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void notAKoreanMobileNumber_isNull() {
    for (String written : new String[] {"02-1234-5678", "010-123-4567", "012-1234-5678", "+1 010 1234 5678",
        "010-1234-5678x", ""}) {
      assertThat(Normalization.recipient(written)).as(written).isNull();
    }
  }

  @Test
  void digests_dependOnTheKeyAndTheDomain() {
    TracebackKey a = TracebackKey.generate();
    TracebackKey b = TracebackKey.generate();
    assertThat(a.textDigest("x")).isEqualTo(a.textDigest("x")).isNotEqualTo(b.textDigest("x"))
        .isNotEqualTo(a.recipientDigest("x"));
    assertThat(a.toString()).doesNotContain(a.textDigest("x")).isEqualTo("TracebackKey{redacted}");
  }
}
