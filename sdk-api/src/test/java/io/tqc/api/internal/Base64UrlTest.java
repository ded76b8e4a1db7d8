package io.tqc.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

  @Test
  void everyByteStringHasExactlyOneAcceptedEncoding() {
    Random random = new Random(42);
    for (int length = 0; length < 70; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String encoded = Base64Url.encode(bytes);
      assertThat(Base64Url.decodeOrNull(encoded)).isEqualTo(bytes);
      assertThat(encoded).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"QQ==", "QQ=", "QR", "QUI=", "QUJ", "a+b/", "ab c", "ab\n", "A", "AAAAA", "é"})
  void paddedNonCanonicalOrForeignText_isRefused(String text) {
    assertThat(Base64Url.decodeOrNull(text)).isNull();
  }

  @Test
  void alphabetCheck_boundsLength() {
    assertThat(Base64Url.isAlphabet("abc-_09", 1, 7)).isTrue();
    assertThat(Base64Url.isAlphabet("", 1, 7)).isFalse();
    assertThat(Base64Url.isAlphabet("abcdefgh", 1, 7)).isFalse();
    assertThat(Base64Url.isAlphabet("a.b", 1, 7)).isFalse();
  }
}
