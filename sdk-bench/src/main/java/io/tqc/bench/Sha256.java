package io.tqc.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SHA-256 and random ids for the benchmarks, from the JDK alone (the benchmarks measure the library;
 * they do not borrow its internal helpers).
 */
public final class Sha256 {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Sha256() {}

  /** A fresh SHA-256 {@link MessageDigest} (not thread-safe: one per thread or per state object). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** base64url(SHA-256(bytes)), unpadded: 43 characters. */
  public static String base64Url(byte[] bytes) {
    return BASE64URL.encodeToString(newDigest().digest(bytes));
  }

  /** base64url(SHA-256(ASCII(text))), as a batch proof's {@code ath} binds a token. */
  public static String base64Url(String ascii) {
    return base64Url(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * 128 random bits, base64url: 22 characters. Not unpredictable ({@link ThreadLocalRandom}, so that
   * a baseline server takes no lock): a benchmark's ids need to be distinct, not secret.
   */
  public static String randomId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }
}
