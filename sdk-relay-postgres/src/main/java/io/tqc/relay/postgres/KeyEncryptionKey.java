package io.tqc.relay.postgres;

import io.tqc.api.internal.Base64Url;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator's key-encryption key (KEK): a 256-bit AES key that seals the relay's private signing
 * keys at rest (AES-GCM, random 96-bit nonce, authenticated context). Load it from a file or an
 * environment variable holding 32 bytes in standard or URL-safe base64, never from a command-line
 * flag. Its {@link #id()} (a digest prefix, not secret) is stored beside what it sealed, so a wrong
 * KEK is named as such. {@link #toString()} and every exception message show only the id.
 */
public final class KeyEncryptionKey {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte FORMAT = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String id;

  private KeyEncryptionKey(byte[] key) {
    this.key = key;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      this.id = "kek-" + Base64Url.encode(Arrays.copyOf(digest, 9));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** A KEK from its base64 text (32 bytes; standard or URL-safe alphabet, padding optional). */
  public static KeyEncryptionKey fromBase64(String text) {
    if (text == null) {
      throw new IllegalArgumentException("key-encryption key is missing");
    }
    String trimmed = text.trim().replace('-', '+').replace('_', '/');
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key-encryption key is not base64");
    }
    if (bytes.length != KEY_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw new IllegalArgumentException("key-encryption key must be 32 bytes (base64 of 256 bits); got "
          + bytes.length);
    }
    return new KeyEncryptionKey(bytes);
  }

  /** A KEK from a file holding its base64 text (keep the file readable by the relay only). */
  public static KeyEncryptionKey fromFile(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    try {
      return fromBase64(new String(content, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (file " + file + ")");
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /** A KEK from the environment variable {@code name} holding its base64 text. */
  public static KeyEncryptionKey fromEnvironment(String name) {
    String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("environment variable " + name + " (key-encryption key) is not set");
    }
    try {
      return fromBase64(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (environment variable " + name + ")");
    }
  }

  /** A fresh random KEK (tests; operators generate theirs with {@code openssl rand -base64 32}). */
  public static KeyEncryptionKey generate() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return new KeyEncryptionKey(bytes);
  }

  /** A non-secret identifier of this key (a SHA-256 prefix). */
  public String id() {
    return id;
  }

  /** Seals {@code plaintext}, authenticating {@code context}: {@code format || nonce || ciphertext+tag}. */
  byte[] seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
      out[0] = FORMAT;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Opens what {@link #seal} sealed with the same {@code context}.
   *
   * @throws IOException if the bytes were sealed by another key, for another context or altered
   */
  byte[] open(byte[] sealed, String context) throws IOException {
    if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new IOException("sealed signing keys have an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
      cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IOException("sealed signing keys do not open with key-encryption key " + id
          + " (wrong key, or the data was altered)");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot open sealed signing keys: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey{" + id + "}";
  }
}
