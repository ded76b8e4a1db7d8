package io.tqc.api.internal;

/**
 * Well-formed UTF-8 (RFC 3629, the Unicode standard's table 3-7) checked in one pass over the
 * bytes, allocating nothing: no overlong forms, no encoded surrogates (U+D800–U+DFFF), nothing above
 * U+10FFFF, no truncated or stray continuation bytes.
 *
 * <p>The JSON readers no longer call it: {@link StrictJsonReader} applies the same table to each
 * sequence while it scans. It stays as the reference that the scanner's differential tests hold
 * the old pipeline (this check, then Moshi) to.
 */
public final class Utf8 {
  private Utf8() {}

  /** True if {@code bytes} is well-formed UTF-8 in its entirety. */
  public static boolean isWellFormed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    // ASCII fast path, then a byte-at-a-time state machine for multi-byte sequences.
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b < 0xC2) {
        return false; // continuation byte without a lead, or an overlong two-byte lead (C0, C1)
      }
      if (b < 0xE0) {
        if (i + 1 >= n || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
        continue;
      }
      if (b < 0xF0) {
        if (i + 2 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        // E0: A0..BF (not overlong); ED: 80..9F (not a surrogate); others 80..BF.
        int low = b == 0xE0 ? 0xA0 : 0x80;
        int high = b == 0xED ? 0x9F : 0xBF;
        if (b1 < low || b1 > high || !continuation(bytes[i + 2])) {
          return false;
        }
        i += 3;
        continue;
      }
      if (b < 0xF5) {
        if (i + 3 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        // F0: 90..BF (not overlong); F4: 80..8F (not above U+10FFFF); F1..F3: 80..BF.
        int low = b == 0xF0 ? 0x90 : 0x80;
        int high = b == 0xF4 ? 0x8F : 0xBF;
        if (b1 < low || b1 > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
          return false;
        }
        i += 4;
        continue;
      }
      return false; // F5..FF never occur in UTF-8
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
