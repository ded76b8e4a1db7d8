package io.tqc.api.internal;

import java.util.Base64;

/** Strict unpadded base64url (RFC 7515 §2): only the URL-safe alphabet, canonical trailing bits. */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  /** Encodes without padding. */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code text}, or returns {@code null} if it holds anything but the base64url alphabet
   * (padding, whitespace, '+', '/'), has an impossible length, or is not canonical.
   */
  public static byte[] decodeOrNull(CharSequence text) {
    int length = text.length();
    if (length % 4 == 1) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return null;
      }
    }
    byte[] decoded;
    try {
      decoded = DECODER.decode(text.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
    // Reject non-zero unused trailing bits: exactly one encoding per byte string.
    if (!ENCODER.encodeToString(decoded).contentEquals(text)) {
      return null;
    }
    return decoded;
  }

  /** True if {@code text} is 1..max characters of the base64url alphabet. */
  public static boolean isAlphabet(String text, int min, int max) {
    int length = text.length();
    if (length < min || length > max) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
