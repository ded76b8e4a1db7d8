package io.tqc.api.token;

import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomized tampering with a fixed seed: change one byte (to any other value) or flip one bit of
 * the token, the proof or the batch body, and the verifier must refuse with a
 * {@link VerificationException}: never accept, never throw anything else.
 */
class TamperTest {
  static final long SEED = 0x7A9C_2026L;
  static final int CASES = 5000;

  enum Target { TOKEN, PROOF, BODY }

  @Test
  void anySingleByteOrBitChange_isRefusedWithAVerificationException() throws Exception {
    CertificationVerifier verifier = Fixture.verifier();
    String token = Fixture.token().compact();
    String proof = Fixture.proof(Fixture.token()).compact();
    assertThat(verifier.verify(token, proof, BODY, COUNT, NOW)).isNotNull();
    Random random = new Random(SEED);
    Map<ReasonCode, Integer> seen = new EnumMap<>(ReasonCode.class);

    for (int i = 0; i < CASES; i++) {
      Target target = Target.values()[random.nextInt(3)];
      boolean flipBit = random.nextBoolean();
      String t = token;
      String p = proof;
      byte[] b = BODY;
      switch (target) {
        case TOKEN -> t = tamper(token, random, flipBit);
        case PROOF -> p = tamper(proof, random, flipBit);
        case BODY -> b = tamper(BODY, random, flipBit);
      }
      try {
        verifier.verify(t, p, b, COUNT, NOW);
        fail("case %d: tampered %s (%s) was accepted", i, target, flipBit ? "bit flip" : "byte change");
      } catch (VerificationException e) {
        seen.merge(e.reason(), 1, Integer::sum);
      } catch (Throwable other) {
        throw new AssertionError("case " + i + ": tampered " + target + " threw " + other, other);
      }
    }

    // The changes land everywhere: structure, headers, signatures and the body digest are all hit.
    assertThat(seen).containsKeys(ReasonCode.TOKEN_MALFORMED, ReasonCode.PROOF_MALFORMED,
        ReasonCode.TOKEN_SIGNATURE_INVALID, ReasonCode.PROOF_SIGNATURE_INVALID, ReasonCode.BATCH_DIGEST_MISMATCH);
    assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
  }

  @Test
  void everyPositionOfTheTokenAndProof_isCovered() throws Exception {
    CertificationVerifier verifier = Fixture.verifier();
    CertificationToken token = Fixture.token();
    String proof = Fixture.proof(token).compact();
    String compact = token.compact();

    for (int position = 0; position < compact.length(); position++) {
      String tampered = replaceAt(compact, position, compact.charAt(position) == 'A' ? 'B' : 'A');
      assertRefused(() -> verifier.verify(tampered, proof, BODY, COUNT, NOW), "token position " + position);
    }
    for (int position = 0; position < proof.length(); position++) {
      String tampered = replaceAt(proof, position, proof.charAt(position) == 'A' ? 'B' : 'A');
      assertRefused(() -> verifier.verify(compact, tampered, BODY, COUNT, NOW), "proof position " + position);
    }
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertRefused(Call call, String what) {
    try {
      call.run();
      fail("%s: accepted", what);
    } catch (VerificationException expected) {
      // refused, as it must be
    } catch (Throwable other) {
      throw new AssertionError(what + " threw " + other, other);
    }
  }

  static String tamper(String text, Random random, boolean flipBit) {
    int position = random.nextInt(text.length());
    char original = text.charAt(position);
    char changed;
    if (flipBit) {
      changed = (char) (original ^ (1 << random.nextInt(8)));
    } else {
      do {
        changed = (char) random.nextInt(256);
      } while (changed == original);
    }
    return replaceAt(text, position, changed);
  }

  static byte[] tamper(byte[] bytes, Random random, boolean flipBit) {
    byte[] copy = bytes.clone();
    int position = random.nextInt(copy.length);
    if (flipBit) {
      copy[position] ^= (byte) (1 << random.nextInt(8));
    } else {
      byte changed;
      do {
        changed = (byte) random.nextInt(256);
      } while (changed == copy[position]);
      copy[position] = changed;
    }
    return copy;
  }

  static String replaceAt(String text, int position, char c) {
    return text.substring(0, position) + c + text.substring(position + 1);
  }
}
