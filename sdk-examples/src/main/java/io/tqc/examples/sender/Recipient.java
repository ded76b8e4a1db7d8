package io.tqc.examples.sender;

/**
 * One recipient (수신자): a Korean mobile number and whether they separately consented to
 * advertising at night, 21:00–08:00 KST (야간 광고 수신 동의, 정보통신망법 제50조제3항).
 *
 * @param to the mobile number as written, e.g. {@code 010-1234-5678}
 * @param nightConsent true if the recipient consented to night-time advertising
 */
public record Recipient(String to, boolean nightConsent) {
  /** Validates that {@code to} is present. */
  public Recipient {
    if (to == null || to.isBlank()) {
      throw new IllegalArgumentException("a recipient needs a number");
    }
  }
}
