package io.tqc.relay.internal;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012), a keyed 64-bit pseudorandom function for short
 * inputs: the suppression index key of (advertiser, recipient), cheap enough for 1,000 recipients a
 * batch. The JDK has no SipHash and the relay library has no hashing dependency; checked against
 * the reference test vectors. Immutable and thread-safe.
 */
public final class SipHash {
  private final long k0;
  private final long k1;

  /** A function keyed by the first 16 bytes of {@code key}. */
  public SipHash(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("a SipHash key is 16 bytes");
    }
    this.k0 = littleEndian(key, 0, 8);
    this.k1 = littleEndian(key, 8, 8);
  }

  private static long littleEndian(byte[] data, int offset, int length) {
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = value << 8 | (data[offset + i] & 0xFFL);
    }
    return value;
  }

  /** SipHash-2-4 of {@code data[0, length)}. */
  public long hash(byte[] data, int length) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int blocks = length & ~7;
    for (int i = 0; i < blocks; i += 8) {
      long m = littleEndian(data, i, 8);
      v3 ^= m;
      for (int r = 0; r < 2; r++) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    long last = ((long) length & 0xFF) << 56 | littleEndian(data, blocks, length - blocks);
    v3 ^= last;
    for (int r = 0; r < 2; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    v0 ^= last;
    v2 ^= 0xFF;
    for (int r = 0; r < 4; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }
}
