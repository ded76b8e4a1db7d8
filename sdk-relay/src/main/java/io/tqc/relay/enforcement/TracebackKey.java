package io.tqc.relay.enforcement;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The relay's secret for traceback digests: HMAC-SHA256 over the {@linkplain Normalization
 * normalised} recipient number and text of every accepted message, so that the audit can match a
 * spam report without keeping recipients or texts (개인정보 보호법, data minimisation). Whoever holds
 * the key can test a guess ("was 010-1234-5678 sent this text?"), so keep it like a signing key: in
 * a file readable only by the relay or in a secret store, the same on every node of a fleet, and
 * never rotated without keeping the old key for the retention period. Opaque: {@link #toString()}
 * never shows it, and it cannot be read back.
 */
public final class TracebackKey {
  /** Shortest accepted secret: 32 bytes (256 bits). */
  public static final int MIN_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  /** Digests are truncated to 128 bits (RFC 2104 §5 allows truncation to half the output). */
  static final int DIGEST_BYTES = 16;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private TracebackKey(byte[] secret) {
    this.key = new SecretKeySpec(secret, ALGORITHM);
    this.macs = new ThreadLocal<Mac>() {
      @Override
      protected Mac initialValue() {
        try {
          Mac mac = Mac.getInstance(ALGORITHM);
          mac.init(key);
          return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
          throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
      }
    };
  }

  /** A new random key (32 bytes from {@link SecureRandom}). */
  public static TracebackKey generate() {
    byte[] secret = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(secret);
    return new TracebackKey(secret);
  }

  /**
   * A key from raw secret bytes (copied).
   *
   * @throws IllegalArgumentException if shorter than {@value #MIN_BYTES} bytes (the message never
   *     contains the secret)
   */
  public static TracebackKey of(byte[] secret) {
    if (secret == null || secret.length < MIN_BYTES) {
      throw new IllegalArgumentException("a traceback key needs at least " + MIN_BYTES + " bytes of secret");
    }
    return new TracebackKey(Arrays.copyOf(secret, secret.length));
  }

  /**
   * A key from its base64 (standard or url-safe alphabet, padding optional) form, as kept in a key
   * file or environment variable.
   *
   * @throws IllegalArgumentException if it is not base64 or decodes to fewer than {@value #MIN_BYTES}
   *     bytes (the message never contains the value)
   */
  public static TracebackKey fromBase64(String encoded) {
    if (encoded == null) {
      throw new IllegalArgumentException("traceback key is missing");
    }
    String trimmed = encoded.trim().replace('-', '+').replace('_', '/');
    byte[] secret;
    try {
      secret = Base64.getMimeDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("traceback key is not base64");
    }
    return of(secret);
  }

  /** The digest of a recipient number already in {@linkplain Normalization#recipient national form}. */
  public String recipientDigest(String normalizedRecipient) {
    return digest('r', normalizedRecipient);
  }

  /** The digest of a text already {@linkplain Normalization#text normalised}. */
  public String textDigest(String normalizedText) {
    return digest('t', normalizedText);
  }

  /** A keyed fingerprint of {@code value} (duplicate detection of reports), in its own domain. */
  public String fingerprint(String value) {
    return digest('f', value);
  }

  private String digest(char domain, String value) {
    Mac mac = macs.get();
    mac.reset();
    // Domain separation: a recipient digest can never equal a text digest.
    mac.update((byte) domain);
    mac.update((byte) 0);
    byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, DIGEST_BYTES));
  }

  @Override
  public String toString() {
    return "TracebackKey{redacted}";
  }
}
