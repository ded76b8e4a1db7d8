package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipHashTest {
  static byte[] sequence(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) i;
    }
    return out;
  }

  @Test
  void matchesTheReferenceVectors() {
    SipHash sip = new SipHash(sequence(16));
    // SipHash paper, appendix A, and the reference implementation's vectors.h (64-bit output).
    assertThat(sip.hash(sequence(0), 0)).isEqualTo(0x726fdb47dd0e0e31L);
    assertThat(sip.hash(sequence(1), 1)).isEqualTo(0x74f839c593dc67fdL);
    assertThat(sip.hash(sequence(8), 8)).isEqualTo(0x93f5f5799a932462L);
    assertThat(sip.hash(sequence(15), 15)).isEqualTo(0xa129ca6149be45e5L);
  }

  @Test
  void differentKeys_giveDifferentValues() {
    byte[] key = sequence(16);
    long a = new SipHash(key).hash(sequence(12), 12);
    key[0] ^= 1;
    assertThat(new SipHash(key).hash(sequence(12), 12)).isNotEqualTo(a);
  }
}
