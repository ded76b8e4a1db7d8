package io.tqc.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free UTF-8 check agrees with the JDK's strict decoder. */
class Utf8Test {

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void everySequenceOfUpToThreeBytes_judgedAsTheJdkDecoderJudgesIt() {
    int disagreements = 0;
    for (int a = 0; a < 256; a++) {
      disagreements += agree(new byte[] {(byte) a}) ? 0 : 1;
      for (int b = 0; b < 256; b++) {
        disagreements += agree(new byte[] {(byte) a, (byte) b}) ? 0 : 1;
        if (a >= 0xC0) { // three-byte inputs with an ASCII or continuation start add nothing new
          for (int c = 0; c < 256; c++) {
            disagreements += agree(new byte[] {(byte) a, (byte) b, (byte) c}) ? 0 : 1;
          }
        }
      }
    }
    assertThat(disagreements).isZero();
  }

  @Test
  void fourByteSequences_boundariesOfTheCodeSpace() {
    for (int lead = 0xF0; lead <= 0xFF; lead++) {
      for (int second = 0x70; second <= 0xC0; second++) {
        for (int tail : new int[] {0x7F, 0x80, 0xBF, 0xC0}) {
          byte[] bytes = {(byte) lead, (byte) second, (byte) tail, (byte) 0x80};
          assertThat(Utf8.isWellFormed(bytes)).as("%02X %02X %02X 80", lead, second, tail)
              .isEqualTo(jdkAccepts(bytes));
        }
      }
    }
  }

  @Test
  void knownInvalidForms_areRefused() {
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xC0, (byte) 0xAF})).isFalse(); // overlong '/'
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})).isFalse(); // overlong
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse(); // U+D800
    assertThat(Utf8.isWellFormed(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(Utf8.isWellFormed(new byte[] {'a', (byte) 0xEA, (byte) 0xB0})).isFalse(); // truncated
    assertThat(Utf8.isWellFormed("광고 문자 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void randomMixedText_agreesWithTheJdkDecoder() {
    SplittableRandom random = new SplittableRandom(11);
    String[] pieces = {"a", "{\"k\":", "광고", "😀", "é", "\u0000", "\uFFFD"};
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int parts = random.nextInt(1, 12);
      for (int p = 0; p < parts; p++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (random.nextBoolean()) { // corrupt one byte
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      assertThat(Utf8.isWellFormed(bytes)).isEqualTo(jdkAccepts(bytes));
    }
  }

  private static boolean agree(byte[] bytes) {
    return Utf8.isWellFormed(bytes) == jdkAccepts(bytes);
  }
}
