package io.tqc.api.testing;

import io.tqc.api.TqcException;
import io.tqc.api.key.SigningKey;
import java.util.Base64;

/**
 * Deterministic Ed25519 test keys: the same seed gives the same key on every run, so signatures in
 * failing tests can be reproduced. Built through the public PKCS#8 loader.
 */
public final class TestKeys {
  /** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410 §7) before the 32 seed bytes. */
  private static final byte[] PKCS8_PREFIX = {
      0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

  private TestKeys() {}

  /** The key whose 32-byte seed is {@code seedByte} repeated. */
  public static SigningKey fromSeed(int seedByte) {
    byte[] der = new byte[PKCS8_PREFIX.length + 32];
    System.arraycopy(PKCS8_PREFIX, 0, der, 0, PKCS8_PREFIX.length);
    for (int i = PKCS8_PREFIX.length; i < der.length; i++) {
      der[i] = (byte) seedByte;
    }
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
    try {
      return SigningKey.fromPem(pem);
    } catch (TqcException e) {
      throw new AssertionError(e);
    }
  }

  /** 32 bytes of 0xFF: not the encoding of any Ed25519 point (an "x" every strict loader must refuse). */
  public static byte[] notACurvePoint() {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) 0xFF);
    return bytes;
  }
}
