package io.tqc.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 helpers (Bouncy Castle lightweight API: no provider lookup) and random ids. */
public final class Digests {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Digests() {}

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(bytes, 0, bytes.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** base64url(SHA-256(bytes)), 43 characters. */
  public static String sha256Base64Url(byte[] bytes) {
    return Base64Url.encode(sha256(bytes));
  }

  /** base64url(SHA-256(ASCII(text))), as used for {@code ath}. */
  public static String sha256Base64Url(String ascii) {
    return sha256Base64Url(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** 128 random bits, base64url: 22 characters. */
  public static String randomId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64Url.encode(bytes);
  }

  /** Constant-time equality of two byte arrays (length may leak). */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return java.security.MessageDigest.isEqual(a, b);
  }

  /** Constant-time equality of two ASCII strings (length may leak). */
  public static boolean constantTimeEquals(String a, String b) {
    return constantTimeEquals(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
