package io.tqc.api.batch;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchTest {
  static final int MAX = 10_000;

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String minimal(String messages) {
    return "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":" + messages + "}";
  }

  @Test
  void builtBatch_serializesAndParsesBackToTheSameBytes() throws Exception {
    Batch batch = new Batch.Builder()
        .senderNumber("0212345678")
        .addMessage("01012345678", "(광고) TQC 봄 세일\n무료수신거부 080-123-4567")
        .addMessage(new BatchMessage("01098765432", "야간 안내", true))
        .advertiser("TQC 상사", "02-1234-5678")
        .sendAt(Instant.parse("2026-11-28T03:00:00Z"))
        .build();
    byte[] bytes = batch.toJsonBytes();

    Batch parsed = Batch.parse(bytes, MAX);

    assertThat(parsed.toJsonBytes()).isEqualTo(bytes);
    assertThat(parsed.messageCount()).isEqualTo(2);
    assertThat(parsed.advertising()).isTrue();
    assertThat(parsed.senderNumber()).isEqualTo("0212345678");
    assertThat(parsed.messages().get(1).nightConsent()).isTrue();
    assertThat(parsed.messages().get(0).nightConsent()).isFalse();
    assertThat(parsed.advertiserName()).isEqualTo("TQC 상사");
    assertThat(parsed.advertiserContact()).isEqualTo("02-1234-5678");
    assertThat(parsed.sendAt()).isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"sender_number\":\"0212345678\"");
  }

  @Test
  void minimalBatch_parsesWithDefaults() throws Exception {
    Batch batch = Batch.parse(utf8(minimal("[{\"to\":\"01012345678\",\"text\":\"hi\"}]")), MAX);

    assertThat(batch.advertiserName()).isNull();
    assertThat(batch.sendAt()).isNull();
    assertThat(batch.messages().get(0).text()).isEqualTo("hi");
    assertThat(batch.toString()).doesNotContain("hi");
  }

  @Test
  void sendAtWithAKoreanOffset_isTheSameInstant() throws Exception {
    String json = "{\"sender_number\":\"0212345678\",\"advertising\":false,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}],"
        + "\"send_at\":\"2026-11-28T12:00:00+09:00\"}";

    assertThat(Batch.parse(utf8(json), MAX).sendAt()).isEqualTo(Instant.parse("2026-11-28T03:00:00Z"));
  }

  @Test
  void moreMessagesThanTheCap_isBatchTooLarge() {
    StringBuilder messages = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      messages.append(i == 0 ? "" : ",").append("{\"to\":\"0101234567").append(i % 10).append("\",\"text\":\"t\"}");
    }
    byte[] json = utf8(minimal(messages.append("]").toString()));

    assertFails(() -> Batch.parse(json, 10), ReasonCode.BATCH_TOO_LARGE);
  }

  @Test
  void exactlyTheCap_isAccepted() throws Exception {
    byte[] json = utf8(minimal("[{\"to\":\"1\",\"text\":\"a\"},{\"to\":\"2\",\"text\":\"b\"}]"));

    assertThat(Batch.parse(json, 2).messageCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "[]",
      "null",
      "{}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":\"true\",\"messages\":[{\"to\":\"1\",\"text\":\"t\"}]}",
      "{\"sender_number\":212345678,\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[\"01012345678\"]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\"}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":null}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\",\"cc\":\"2\"}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\","
          + "\"night_consent\":\"yes\"}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}],\"x\":1}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}],"
          + "\"advertiser\":{\"name\":\"n\"}}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}],"
          + "\"send_at\":\"2026-11-28 12:00\"}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}],"
          + "\"send_at\":\"2026-11-28T12:00:00\"}",
      "{\"sender_number\":\"0212345678\",\"sender_number\":\"0299999999\",\"advertising\":true,"
          + "\"messages\":[{\"to\":\"1\",\"text\":\"t\"}]}",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"}]}x",
      "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"1\",\"text\":\"t\"},]}"})
  void malformedBody_isBatchMalformed(String json) {
    assertFails(() -> Batch.parse(utf8(json), MAX), ReasonCode.BATCH_MALFORMED);
  }

  @Test
  void membersInAnyOrder_withEscapes_parseToTheSameBatch() throws Exception {
    Batch batch = Batch.parse(utf8("{\"send_at\":\"2026-11-28T21:00:00+09:00\",\"advertiser\":{\"contact\":\"02-1\","
        + "\"name\":\"TQC\"},\"messages\":[{\"night_consent\":true,\"text\":\"caf\\u00e9 \\ud83d\\ude00\","
        + "\"to\":\"01012345678\"}],\"advertising\":false,\"sender_number\":\"0212345678\"}"), MAX);

    assertThat(batch.senderNumber()).isEqualTo("0212345678");
    assertThat(batch.advertising()).isFalse();
    assertThat(batch.advertiserName()).isEqualTo("TQC");
    assertThat(batch.advertiserContact()).isEqualTo("02-1");
    assertThat(batch.sendAt()).isEqualTo(java.time.Instant.parse("2026-11-28T12:00:00Z"));
    assertThat(batch.messages()).singleElement().satisfies(m -> {
      assertThat(m.to()).isEqualTo("01012345678");
      assertThat(m.text()).isEqualTo("café 😀");
      assertThat(m.nightConsent()).isTrue();
    });
  }

  @Test
  void escapedMemberNames_areTheMembersTheySpell_andAnUnknownNameIsNamed() throws Exception {
    Batch batch = Batch.parse(utf8("{\"sender_\\u006eumber\":\"0212345678\",\"advertising\":true,\"messages\":"
        + "[{\"\\u0074o\":\"01012345678\",\"te\\u0078t\":\"가\",\"night_consen\\u0074\":true}]}"), MAX);
    assertThat(batch.senderNumber()).isEqualTo("0212345678");
    assertThat(batch.messages()).singleElement().satisfies(m -> {
      assertThat(m.to()).isEqualTo("01012345678");
      assertThat(m.text()).isEqualTo("가");
      assertThat(m.nightConsent()).isTrue();
    });
    // A name that starts like a known one is not that one.
    TqcException e = assertFails(() -> Batch.parse(utf8(minimal("[{\"to\":\"1\",\"tox\":\"2\",\"text\":\"t\"}]")), MAX),
        ReasonCode.BATCH_MALFORMED);
    assertThat(e.detail()).contains("\"tox\"");
    assertFails(() -> Batch.parse(utf8(minimal("[{\"to\":\"1\",\"\\u0074o\":\"2\",\"text\":\"t\"}]")), MAX),
        ReasonCode.BATCH_MALFORMED); // "to" twice, once escaped
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[{\"to\":\"1\",\"to\":\"2\",\"text\":\"t\"}]",
      "[{\"to\":\"1\",\"text\":\"\\ud800\"}]",
      "[{\"to\":\"1\",\"text\":\"t\",\"night_consent\":null}]",
      "[{\"to\":\"1\",\"text\":\"t\"}],\"advertiser\":null",
      "[{\"to\":\"1\",\"text\":\"t\"}],\"advertiser\":{\"name\":\"n\",\"name\":\"m\",\"contact\":\"c\"}",
      "[{\"to\":\"1\",\"text\":\"t\"}],\"send_at\":null",
      "[{\"to\":\"1\",\"text\":\"t\"}],\"messages\":[{\"to\":\"1\",\"text\":\"t\"}]",
      "[{\"to\":\"1\",\"text\":'t'}]",
      "[{\"to\":\"1\",\"text\":\"t\"}]//"})
  void streamingParse_refusesWhatTheStrictRulesRefuse(String messagesAndMore) {
    assertFails(() -> Batch.parse(utf8(minimal(messagesAndMore)), MAX), ReasonCode.BATCH_MALFORMED);
  }

  @Test
  void tooManyMessagesAndASyntaxError_isStillReportedAsMalformed() {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 11; i++) {
      many.append(i == 0 ? "" : ",").append("{\"to\":\"1\",\"text\":\"t\"}");
    }
    // Syntax is checked before the count, as the tree parse always did.
    assertFails(() -> Batch.parse(utf8(minimal(many + "]") + "x"), 10), ReasonCode.BATCH_MALFORMED);
    assertFails(() -> Batch.parse(utf8(minimal(many + "]")), 10), ReasonCode.BATCH_TOO_LARGE);
  }

  @Test
  void invalidUtf8_isBatchMalformed() {
    byte[] json = utf8(minimal("[{\"to\":\"1\",\"text\":\"AB\"}]"));
    int a = new String(json, StandardCharsets.UTF_8).indexOf("AB");
    json[a] = (byte) 0xC0; // overlong encoding lead byte
    json[a + 1] = (byte) 0xAF;

    assertFails(() -> Batch.parse(json, MAX), ReasonCode.BATCH_MALFORMED);
  }

  @Test
  void depthBombOfOneMebibyte_isBatchMalformedNotAStackOverflow() {
    byte[] bomb = utf8("[".repeat(1 << 20));
    byte[] nestedText = utf8(minimal("[{\"to\":\"1\",\"text\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}]"));

    TqcException e = assertFails(() -> Batch.parse(bomb, MAX), ReasonCode.BATCH_MALFORMED);
    assertFails(() -> Batch.parse(nestedText, MAX), ReasonCode.BATCH_MALFORMED);
    assertThat(e.detail()).contains("nested");
  }

  @Test
  void builder_refusesIncompleteBatches() {
    assertThatThrownBy(() -> new Batch.Builder().senderNumber("0212345678").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Batch.Builder().addMessage("1", "t").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Batch.Builder().senderNumber("1").addMessage("1", "t").advertiser("n", null).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchMessage(null, "t")).isInstanceOf(IllegalArgumentException.class);
  }
}
