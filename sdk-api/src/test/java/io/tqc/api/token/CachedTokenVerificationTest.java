package io.tqc.api.token;

import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.OTHER_KEY;
import static io.tqc.api.token.Fixture.RELAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.KeySet;
import io.tqc.api.testing.Jose;
import org.junit.jupiter.api.Test;

/** {@code verify(CertificationToken, ...)}: the path a relay takes with a token-verification cache. */
class CachedTokenVerificationTest {
  final CertificationVerifier verifier = Fixture.verifier();

  @Test
  void cachedVerifiedToken_verifiesFurtherBatches() throws Exception {
    CertificationToken cached = verifier.verifyToken(Fixture.token().compact(), NOW);

    VerifiedBatch first = verifier.verify(cached, Fixture.proof(cached).compact(), BODY, COUNT, NOW);
    VerifiedBatch later = verifier.verify(cached, Fixture.proof(cached, NOW.plusSeconds(120)).compact(), BODY, COUNT,
        NOW.plusSeconds(120));

    assertThat(first.token()).isSameAs(cached);
    assertThat(later.batchId()).isNotEqualTo(first.batchId());
  }

  @Test
  void cachedToken_isStillCheckedForTime() throws Exception {
    CertificationToken cached = verifier.verifyToken(Fixture.token().compact(), NOW);
    java.time.Instant later = NOW.plusSeconds(600 + 30);

    assertRefused(() -> verifier.verify(cached, Fixture.proof(cached, later).compact(), BODY, COUNT, later),
        ReasonCode.TOKEN_EXPIRED);
  }

  @Test
  void cachedToken_isStillCheckedForIssuerAtAnotherRelay() throws Exception {
    CertificationToken cached = verifier.verifyToken(Fixture.token().compact(), NOW);
    CertificationVerifier otherRelay = new CertificationVerifier.Builder().relayId("https://b.example")
        .keys(Fixture.relayKeys()).build();

    assertRefused(() -> otherRelay.verify(cached, Fixture.proof(cached).compact(), BODY, COUNT, NOW),
        ReasonCode.TOKEN_ISSUER_INVALID);
  }

  @Test
  void cachedTokenOfARetiredRelayKey_isTokenKeyUnknown() throws Exception {
    CertificationToken cached = verifier.verifyToken(Fixture.token().compact(), NOW);
    CertificationVerifier rotated = verifier.withKeys(KeySet.of(io.tqc.api.testing.TestKeys.fromSeed(5)
        .verificationKey()));

    assertRefused(() -> rotated.verify(cached, Fixture.proof(cached).compact(), BODY, COUNT, NOW),
        ReasonCode.TOKEN_KEY_UNKNOWN);
  }

  @Test
  void forgedTokenDecodedWithoutVerification_isVerifiedInFullAndRefused() throws Exception {
    String forged = Jose.sign(Fixture.tokenHeader(), Fixture.tokenClaims(), OTHER_KEY);
    CertificationToken decoded = CertificationToken.decodeUnverified(forged);

    assertThat(decoded.keyId()).isEqualTo(RELAY_KEY.keyId());
    assertRefused(() -> verifier.verify(decoded, Fixture.proof(decoded).compact(), BODY, COUNT, NOW),
        ReasonCode.TOKEN_SIGNATURE_INVALID);
  }

  @Test
  void locallySignedToken_isVerifiedInFullAndAccepted() throws Exception {
    CertificationToken signed = Fixture.token();

    assertThat(verifier.verify(signed, Fixture.proof(signed).compact(), BODY, COUNT, NOW).token().compact())
        .isEqualTo(signed.compact());
  }

  @Test
  void cachedToken_proofChecksStillApply() throws Exception {
    CertificationToken cached = verifier.verifyToken(Fixture.token().compact(), NOW);
    BatchProof proof = Fixture.proof(cached);

    assertRefused(() -> verifier.verify(cached, "x", BODY, COUNT, NOW), ReasonCode.PROOF_MALFORMED);
    assertRefused(() -> verifier.verify(cached, Jose.sign(Fixture.proofHeader(),
        Fixture.proofClaims(cached.compact()), OTHER_KEY), BODY, COUNT, NOW), ReasonCode.PROOF_SIGNATURE_INVALID);
    assertRefused(() -> verifier.verify(cached, proof.compact(), BODY, 2, NOW), ReasonCode.BATCH_COUNT_MISMATCH);
    assertRefused(() -> verifier.verify(cached, proof.compact(), new byte[1], COUNT, NOW),
        ReasonCode.BATCH_DIGEST_MISMATCH);
  }

  @Test
  void decodeUnverified_readsClaimsButRefusesMalformedTokens() throws Exception {
    CertificationToken decoded = CertificationToken.decodeUnverified(Fixture.token().compact());

    assertThat(decoded.claims().expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(decoded.digest()).isEqualTo(Fixture.token().digest());
    io.tqc.api.testing.Rejections.assertFails(() -> CertificationToken.decodeUnverified("x.y.z"),
        ReasonCode.TOKEN_MALFORMED);
  }
}
