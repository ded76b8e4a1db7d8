package io.tqc.api.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * SHA-256 helpers and random ids. SHA-256 uses the JDK's implementation, which HotSpot compiles
 * to CPU intrinsics (SHA-NI/AVX2): several times faster than a pure-Java digest on batch-sized
 * inputs. A prototype is cloned per call, so no provider lookup and no shared mutable state.
 */
public final class Digests {
  /**
   * One generator per thread: the platform default (NativePRNG on Linux) serializes every caller
   * on one lock, which would put a lock on the certify hot path. Java 9+ gets a DRBG instance per
   * thread, seeded from the platform; Java 8 falls back to the default.
   */
  private static final ThreadLocal<SecureRandom> RANDOM = new ThreadLocal<SecureRandom>() {
    @Override
    protected SecureRandom initialValue() {
      try {
        return SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        return new SecureRandom();
      }
    }
  };
  private static final MessageDigest SHA256_PROTOTYPE;

  static {
    try {
      SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError("every Java platform must provide SHA-256");
    }
  }

  private Digests() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest newSha256() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    return newSha256().digest(bytes);
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
    RANDOM.get().nextBytes(bytes);
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
