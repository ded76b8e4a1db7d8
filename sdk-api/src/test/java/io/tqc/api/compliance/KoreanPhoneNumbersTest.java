package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KoreanPhoneNumbersTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "010-1234-5678", "01012345678", "010 1234 5678", "011-123-4567", "016-1234-5678", "019-123-4567",
      "02-123-4567", "02-1234-5678", "031-123-4567", "044-1234-5678", "064-712-3456",
      "070-1234-5678", "080-123-4567", "080-1234-5678", "1588-1234", "1600-1234", "1899-0000", "15771234"})
  void validSenderNumbers(String number) {
    assertThat(KoreanPhoneNumbers.isValidSenderNumber(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "-", "0505-123-4567", "050-1234-5678", "1588-12345", "1588-123", "158812", "02-123-456",
      "02-12345-67890", "010-123-4567", "070-123-4567", "012-1234-5678", "030-123-4567", "069-123-4567",
      "+82-2-1234-5678", "02.1234.5678", "(02)1234-5678", "1234-5678", "1700-1234", "0212345678901",
      "010-1234-5678-0000", "010-1234-567８"})
  void invalidSenderNumbers(String number) {
    assertThat(KoreanPhoneNumbers.isValidSenderNumber(number)).isFalse();
  }

  @Test
  void areaCodes_areExactlyTheRealOnes() {
    List<String> valid = new ArrayList<>();
    for (int code = 30; code <= 69; code++) {
      if (KoreanPhoneNumbers.isValidSenderNumber("0" + code + "-123-4567")) {
        valid.add("0" + code);
      }
    }
    assertThat(valid).containsExactly("031", "032", "033", "041", "042", "043", "044",
        "051", "052", "053", "054", "055", "061", "062", "063", "064");
  }

  @Test
  void representativeNumbers_areExactly8Digits() {
    for (String prefix : Arrays.asList("15", "16", "18")) {
      assertThat(KoreanPhoneNumbers.isValidSenderNumber(prefix + "44-1234")).isTrue();
      assertThat(KoreanPhoneNumbers.isValidSenderNumber(prefix + "44-123")).isFalse();
      assertThat(KoreanPhoneNumbers.isValidSenderNumber(prefix + "44-12345")).isFalse();
    }
    assertThat(KoreanPhoneNumbers.isValidSenderNumber("1744-1234")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"010-1234-5678", "01012345678", "011-123-4567", "017-1234-5678", "018 123 4567"})
  void validMobileNumbers(String number) {
    assertThat(KoreanPhoneNumbers.isValidMobileNumber(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "02-1234-5678", "070-1234-5678", "010-123-4567", "010-1234-56789",
      "+821012345678", "012-1234-5678", "1588-1234", "010_1234_5678"})
  void invalidMobileNumbers(String number) {
    assertThat(KoreanPhoneNumbers.isValidMobileNumber(number)).isFalse();
  }

  @Test
  void normalize_stripsDashesAndSpacesOnly() {
    assertThat(KoreanPhoneNumbers.normalize("010-1234 5678")).isEqualTo("01012345678");
    assertThat(KoreanPhoneNumbers.normalize("02.1234.5678")).isNull();
    assertThat(KoreanPhoneNumbers.normalize(" - ")).isNull();
  }

  @Test
  void sameNumber_ignoresDashesAndSpaces() {
    assertThat(KoreanPhoneNumbers.sameNumber("02-1234-5678", "0212345678")).isTrue();
    assertThat(KoreanPhoneNumbers.sameNumber("02 1234-5678 ", "02-1234-5678")).isTrue();
    assertThat(KoreanPhoneNumbers.sameNumber("02-1234-5678", "02-1234-567")).isFalse();
    assertThat(KoreanPhoneNumbers.sameNumber("02-1234-567", "02-1234-5678")).isFalse();
  }
}
