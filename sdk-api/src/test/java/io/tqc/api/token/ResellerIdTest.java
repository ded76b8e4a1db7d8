package io.tqc.api.token;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Korean business registration numbers (사업자등록번호): ten digits, the last a check digit. */
class ResellerIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"124-81-00998", "1248100998", "220-81-62517", "2208162517", "120-81-47521"})
  void publishedRegistrationNumbers_areValidWithOrWithoutDashes(String text) throws Exception {
    ResellerId id = ResellerId.parse(text);

    assertThat(id.value()).hasSize(10).containsOnlyDigits().isEqualTo(text.replace("-", ""));
    assertThat(id.formatted()).matches("\\d{3}-\\d{2}-\\d{5}");
    assertThat(ResellerId.parse(id.formatted())).isEqualTo(id).hasSameHashCodeAs(id);
    assertThat(id.toString()).isEqualTo(id.value());
    assertThat(ResellerId.isValid(text)).isTrue();
  }

  @Test
  void everyOtherCheckDigit_isRefused() {
    for (int digit = 0; digit <= 9; digit++) {
      String candidate = "124810099" + digit;
      if (digit == 8) {
        assertThat(ResellerId.isValid(candidate)).isTrue();
      } else {
        TqcException e = assertFails(() -> ResellerId.parse(candidate), ReasonCode.RESELLER_ID_INVALID);
        assertThat(e.detail()).contains("check digit");
      }
    }
  }

  @Test
  void singleDigitTypos_areCaught() {
    String valid = "1248100998";
    for (int position = 0; position < 9; position++) {
      int caught = 0;
      for (char c = '0'; c <= '9'; c++) {
        if (c != valid.charAt(position)
            && !ResellerId.isValid(valid.substring(0, position) + c + valid.substring(position + 1))) {
          caught++;
        }
      }
      // The weighted sum changes the check digit for most substitutions at every position.
      assertThat(caught).as("position %d", position).isGreaterThanOrEqualTo(8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"124-81-0099a", "12481OO998", "１２４８１００９９８", "124 81 00998", "+124810099", "124.81.00998"})
  void nonDigits_areRefused(String text) {
    assertFails(() -> ResellerId.parse(text), ReasonCode.RESELLER_ID_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "124810099", "12481009980", "124-81-0099", "1248-1-00998", "12-481-00998",
      "124-8100998", "124-81-009988"})
  void wrongLengthOrDashPositions_areRefused(String text) {
    assertFails(() -> ResellerId.parse(text), ReasonCode.RESELLER_ID_INVALID);
  }

  @Test
  void null_isRefused() {
    assertFails(() -> ResellerId.parse(null), ReasonCode.RESELLER_ID_INVALID);
    assertThat(ResellerId.isValid(null)).isFalse();
  }
}
