package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.testing.Jose;
import io.tqc.api.testing.TestKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier remembers the reseller key decoded from a proof header, by the header's exact
 * text: later proofs with the same header reuse it, and nothing else changes.
 */
class ProofKeyCacheTest {
  final CertificationVerifier verifier = Fixture.verifier();
  final CertificationToken token = Fixture.token();

  @Test
  void secondProofWithTheSameHeader_reusesTheDecodedKey() throws Exception {
    VerificationKey first = verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();
    VerificationKey second = verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();

    assertThat(second).isSameAs(first);
  }

  @Test
  void control_withTheCacheOff_everyProofDecodesItsKey() throws Exception {
    CertificationVerifier uncached = new CertificationVerifier.Builder().relayId(Fixture.RELAY)
        .keys(Fixture.relayKeys()).proofKeyCacheSize(0).build();

    VerificationKey first = uncached.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();
    VerificationKey second = uncached.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();

    assertThat(second).isNotSameAs(first);
    assertThat(second.thumbprint()).isEqualTo(first.thumbprint());
  }

  @Test
  void rememberedHeader_stillHasItsSignatureVerified() throws Exception {
    verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW);
    // The very same header (the reseller's jwk), signed by someone else's key.
    String forged = Jose.sign(Fixture.proofHeader(), Fixture.proofClaims(token.compact()), OTHER_KEY);

    assertRefused(() -> verifier.verify(token.compact(), forged, BODY, COUNT, NOW),
        ReasonCode.PROOF_SIGNATURE_INVALID);
  }

  @Test
  void proofThatFails_leavesNoKeyBehind() throws Exception {
    String forged = Jose.sign(Fixture.proofHeader(), Fixture.proofClaims(token.compact()), OTHER_KEY);
    CertificationToken otherToken = Fixture.token(Fixture.claims().keyThumbprint(OTHER_KEY.verificationKey().thumbprint()));
    String unbound = Fixture.proof(otherToken).compact(); // the reseller key, but the token binds another

    assertRefused(() -> verifier.verify(token.compact(), forged, BODY, COUNT, NOW), ReasonCode.PROOF_SIGNATURE_INVALID);
    assertRefused(() -> verifier.verify(otherToken.compact(), unbound, BODY, COUNT, NOW), ReasonCode.PROOF_KEY_MISMATCH);

    assertThat(verifier.rememberedProofKeys()).isZero();
    verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW);
    assertThat(verifier.rememberedProofKeys()).isEqualTo(1);
  }

  @Test
  void headerDifferingOnlyInItsJwk_isDecodedAgain_andRefusedOnItsOwn() throws Exception {
    verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW);
    Map<String, Object> jwkWithPrivatePart = Fixture.resellerJwk();
    jwkWithPrivatePart.put("d", Base64Url.encode(new byte[32]));
    String proof = Fixture.signProof(map("alg", "EdDSA", "typ", BatchProof.TYPE, "jwk", jwkWithPrivatePart),
        Fixture.proofClaims(token.compact()));

    assertRefused(() -> verifier.verify(token.compact(), proof, BODY, COUNT, NOW), ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void rotatedVerifier_keepsTheResellerKeysItHadDecoded() throws Exception {
    VerificationKey before = verifier.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();
    CertificationVerifier rotated = verifier.withKeys(KeySet.of(Fixture.RELAY_KEY.verificationKey(),
        TestKeys.fromSeed(9).verificationKey()));

    VerificationKey after = rotated.verify(token.compact(), Fixture.proof(token).compact(), BODY, COUNT, NOW)
        .proof().key();

    assertThat(after).isSameAs(before);
  }

  @Test
  void fullCache_isDroppedAndRefilled_neverGrowingPastItsCapacity() throws Exception {
    ProofKeys keys = new ProofKeys(2);
    VerificationKey key = Fixture.RESELLER_KEY.verificationKey();

    keys.put("a", key);
    keys.put("b", key);
    keys.put("c", key);

    assertThat(keys.size()).isLessThanOrEqualTo(2);
    assertThat(keys.get("c")).isSameAs(key);
  }

  @Test
  void negativeSize_isRefusedByTheBuilder() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CertificationVerifier.Builder().proofKeyCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proofKeyCacheSize");
  }
}
