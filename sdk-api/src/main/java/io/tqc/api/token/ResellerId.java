package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;

/**
 * A reseller id: a Korean business registration number (사업자등록번호), ten digits with a check
 * digit. Accepted with or without dashes ({@code 123-45-67890}); the canonical form is digits only.
 */
public final class ResellerId {
  private static final int[] WEIGHTS = {1, 3, 7, 1, 3, 7, 1, 3, 5};

  private final String digits;

  private ResellerId(String digits) {
    this.digits = digits;
  }

  /** Parses and validates {@code text}; throws {@code reseller_id_invalid} naming the defect. */
  public static ResellerId parse(String text) throws TqcException {
    if (text == null) {
      throw new TqcException(ReasonCode.RESELLER_ID_INVALID, "reseller id is missing");
    }
    String digits;
    if (text.length() == 12 && text.charAt(3) == '-' && text.charAt(6) == '-') {
      digits = text.substring(0, 3) + text.substring(4, 6) + text.substring(7);
    } else {
      digits = text;
    }
    if (digits.length() != 10) {
      throw new TqcException(ReasonCode.RESELLER_ID_INVALID,
          "a business registration number has 10 digits (NNN-NN-NNNNN)");
    }
    for (int i = 0; i < 10; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new TqcException(ReasonCode.RESELLER_ID_INVALID, "business registration number holds a non-digit");
      }
    }
    if (checkDigit(digits) != digits.charAt(9) - '0') {
      throw new TqcException(ReasonCode.RESELLER_ID_INVALID, "business registration number check digit is wrong");
    }
    return new ResellerId(digits);
  }

  /** True if {@code text} is a valid business registration number. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (TqcException e) {
      return false;
    }
  }

  /** The check digit of the first nine digits (National Tax Service algorithm). */
  static int checkDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * WEIGHTS[i];
    }
    sum += ((digits.charAt(8) - '0') * 5) / 10;
    return (10 - sum % 10) % 10;
  }

  /** The canonical form: ten digits. */
  public String value() {
    return digits;
  }

  /** The display form {@code NNN-NN-NNNNN}. */
  public String formatted() {
    return digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResellerId && digits.equals(((ResellerId) other).digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  @Override
  public String toString() {
    return digits;
  }
}
