package io.tqc.api.token;

import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.OTHER_KEY;
import static io.tqc.api.token.Fixture.RELAY;
import static io.tqc.api.token.Fixture.RESELLER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proof and batch-binding checks, each reason code produced through the public API. */
class ProofVerificationTest {
  final CertificationVerifier verifier = Fixture.verifier();
  final CertificationToken token = Fixture.token();

  void assertProofRefused(String proof, ReasonCode expected) {
    assertRefused(() -> verifier.verify(token.compact(), proof, BODY, COUNT, NOW), expected);
  }

  Map<String, Object> claims() {
    return Fixture.proofClaims(token.compact());
  }

  @Test
  void validProof_verifiesAndExposesTheBatch() throws Exception {
    BatchProof proof = Fixture.proof(token);

    VerifiedBatch verified = verifier.verify(token.compact(), proof.compact(), BODY, COUNT, NOW);

    assertThat(verified.batchId()).isEqualTo(proof.batchId()).hasSizeGreaterThanOrEqualTo(22);
    assertThat(verified.proof().audience()).isEqualTo(RELAY);
    assertThat(verified.proof().messageCount()).isEqualTo(COUNT);
    assertThat(verified.proof().tokenDigest()).isEqualTo(token.digest());
    assertThat(verified.proof().key().thumbprint()).isEqualTo(RESELLER_KEY.verificationKey().thumbprint());
    assertThat(verified.token().claims().subject()).isEqualTo(Fixture.RESELLER);
    assertThat(verified.toString()).doesNotContain(token.compact());
  }

  @Test
  void signer_refusesImpossibleInput() {
    BatchProofSigner signer = new BatchProofSigner(RESELLER_KEY, RELAY);

    assertThat(signer.audience()).isEqualTo(RELAY);
    assertThatThrownBy(() -> signer.sign(token, BODY, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.sign("short", BODY, 1, NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchProofSigner(RESELLER_KEY, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachProofIdIsFresh() {
    assertThat(Fixture.proof(token).batchId()).isNotEqualTo(Fixture.proof(token).batchId());
  }

  @Test
  void notACompactJws_isProofMalformed() {
    assertProofRefused("garbage", ReasonCode.PROOF_MALFORMED);
    assertProofRefused("", ReasonCode.PROOF_MALFORMED);
    assertProofRefused(null, ReasonCode.PROOF_MALFORMED);
    assertProofRefused("e30.e30.", ReasonCode.PROOF_MALFORMED);
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"jti", "iat", "aud", "ath", "bh", "n"})
  void missingClaim_isProofMalformed(String member) {
    Map<String, Object> claims = claims();
    claims.remove(member);

    assertProofRefused(Fixture.signProof(Fixture.proofHeader(), claims), ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void claimsOutOfShape_areProofMalformed() {
    Object[][] cases = {
        {"jti", "short"}, {"jti", "has space in it ........."}, {"n", 0}, {"n", 1_000_001}, {"n", "1"},
        {"iat", -1}, {"iat", "1800000000"}, {"ath", "x"}, {"bh", Base64Url.encode(new byte[31])},
        {"aud", 1}, {"extra", true}};
    for (Object[] c : cases) {
      Map<String, Object> claims = claims();
      claims.put((String) c[0], c[1]);
      assertProofRefused(Fixture.signProof(Fixture.proofHeader(), claims), ReasonCode.PROOF_MALFORMED);
    }
  }

  @Test
  void headerJwkThatIsNotAPublicEd25519Key_isProofMalformed() {
    Map<String, Object> withD = Fixture.resellerJwk();
    withD.put("d", Base64Url.encode(new byte[32]));
    Map<String, Object> offCurve = Fixture.resellerJwk();
    offCurve.put("x", Base64Url.encode(io.tqc.api.testing.TestKeys.notACurvePoint()));
    Map<String, Object> x25519 = Fixture.resellerJwk();
    x25519.put("crv", "X25519");

    for (Map<String, Object> jwk : java.util.List.of(withD, offCurve, x25519)) {
      Map<String, Object> header = Fixture.proofHeader();
      header.put("jwk", jwk);
      assertProofRefused(Fixture.signProof(header, claims()), ReasonCode.PROOF_MALFORMED);
    }
    Map<String, Object> noJwk = Fixture.proofHeader();
    noJwk.remove("jwk");
    assertProofRefused(Fixture.signProof(noJwk, claims()), ReasonCode.PROOF_MALFORMED);
    Map<String, Object> kidInstead = Fixture.proofHeader();
    kidInstead.put("kid", RESELLER_KEY.keyId());
    assertProofRefused(Fixture.signProof(kidInstead, claims()), ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void algOtherThanEdDsa_isProofAlgNotAllowed() {
    for (String alg : new String[] {"ES256", "HS256", "none", "EDDSA"}) {
      Map<String, Object> header = Fixture.proofHeader();
      header.put("alg", alg);
      assertProofRefused(Fixture.signProof(header, claims()), ReasonCode.PROOF_ALG_NOT_ALLOWED);
    }
  }

  @Test
  void typOtherThanBatchProof_isProofTypeInvalid() {
    for (String typ : new String[] {"dpop+jwt", "JWT", CertificationToken.TYPE, "tqc-batch+JWT"}) {
      Map<String, Object> header = Fixture.proofHeader();
      header.put("typ", typ);
      assertProofRefused(Fixture.signProof(header, claims()), ReasonCode.PROOF_TYPE_INVALID);
    }
  }

  @Test
  void signatureByAnotherKeyThanTheHeaderJwk_isProofSignatureInvalid() {
    String forged = Jose.sign(Fixture.proofHeader(), claims(), OTHER_KEY);

    assertProofRefused(forged, ReasonCode.PROOF_SIGNATURE_INVALID);
  }

  @Test
  void proofForAnotherRelay_isProofAudienceInvalid() {
    BatchProof proof = new BatchProofSigner(RESELLER_KEY, "https://other.example.kr").sign(token, BODY, COUNT, NOW);

    assertProofRefused(proof.compact(), ReasonCode.PROOF_AUDIENCE_INVALID);
  }

  @Test
  void proofByAKeyTheTokenIsNotBoundTo_isProofKeyMismatch() {
    BatchProof proof = new BatchProofSigner(OTHER_KEY, RELAY).sign(token, BODY, COUNT, NOW);

    assertProofRefused(proof.compact(), ReasonCode.PROOF_KEY_MISMATCH);
  }

  @Test
  void proofIat_isAcceptedFrom60SecondsBackTo5SecondsAhead() throws Exception {
    for (long offset : new long[] {-60, -59, -1, 0, 1, 4, 5}) {
      BatchProof proof = Fixture.proof(token, NOW.plusSeconds(offset));
      assertThat(verifier.verify(token.compact(), proof.compact(), BODY, COUNT, NOW)).as("iat %+d s", offset)
          .isNotNull();
    }
  }

  @Test
  void proofIatOutsideTheWindow_isProofStale() {
    for (long offset : new long[] {-61, -3600, 6, 60}) {
      BatchProof proof = Fixture.proof(token, NOW.plusSeconds(offset));
      assertProofRefused(proof.compact(), ReasonCode.PROOF_STALE);
    }
  }

  @Test
  void proofWindowBoundaries_holdForSubSecondNow() throws Exception {
    BatchProof oldest = Fixture.proof(token, NOW.minusSeconds(60));
    BatchProof newest = Fixture.proof(token, NOW.plusSeconds(5));

    assertThat(verifier.verify(token.compact(), oldest.compact(), BODY, COUNT, NOW.plusMillis(999))).isNotNull();
    assertRefused(() -> verifier.verify(token.compact(), oldest.compact(), BODY, COUNT, NOW.plusSeconds(1)),
        ReasonCode.PROOF_STALE);
    assertThat(verifier.verify(token.compact(), newest.compact(), BODY, COUNT, NOW))
        .isNotNull();
    assertRefused(() -> verifier.verify(token.compact(), newest.compact(), BODY, COUNT, NOW.minusMillis(1)),
        ReasonCode.PROOF_STALE);
  }

  @Test
  void configuredProofWindow_replacesTheDefault() throws Exception {
    CertificationVerifier tight = new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .proofMaxAge(Duration.ofSeconds(10)).proofMaxFuture(Duration.ZERO).build();

    assertThat(tight.proofAcceptanceWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(tight.verify(token.compact(), Fixture.proof(token, NOW.minusSeconds(10)).compact(), BODY, COUNT, NOW))
        .isNotNull();
    assertRefused(() -> tight.verify(token.compact(), Fixture.proof(token, NOW.minusSeconds(11)).compact(), BODY,
        COUNT, NOW), ReasonCode.PROOF_STALE);
    assertRefused(() -> tight.verify(token.compact(), Fixture.proof(token, NOW.plusSeconds(1)).compact(), BODY,
        COUNT, NOW), ReasonCode.PROOF_STALE);
  }

  @Test
  void proofBoundToAnotherToken_isProofTokenMismatch() {
    CertificationToken other = Fixture.token(Fixture.claims().tokenId("tok-BBBBBBBBBBBBBBBBBBBB"));
    BatchProof proof = Fixture.proof(other);

    assertProofRefused(proof.compact(), ReasonCode.PROOF_TOKEN_MISMATCH);
  }

  @Test
  void bodyOtherThanTheSignedBytes_isBatchDigestMismatch() {
    BatchProof proof = Fixture.proof(token);
    byte[] reformatted = new String(BODY, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);

    assertRefused(() -> verifier.verify(token.compact(), proof.compact(), reformatted, COUNT, NOW),
        ReasonCode.BATCH_DIGEST_MISMATCH);
    assertRefused(() -> verifier.verify(token.compact(), proof.compact(), new byte[0], COUNT, NOW),
        ReasonCode.BATCH_DIGEST_MISMATCH);
  }

  @Test
  void countOtherThanTheSignedN_isBatchCountMismatch() {
    BatchProof proof = Fixture.proof(token);

    assertRefused(() -> verifier.verify(token.compact(), proof.compact(), BODY, 2, NOW),
        ReasonCode.BATCH_COUNT_MISMATCH);
    assertRefused(() -> verifier.verify(token.compact(), proof.compact(), BODY, 0, NOW),
        ReasonCode.BATCH_COUNT_MISMATCH);
  }

  @Test
  void proofOfAnotherInstant_isStaleAtTheRelaysNow() {
    Instant resellerClockAhead = NOW.plusSeconds(120);
    BatchProof proof = Fixture.proof(token, resellerClockAhead);

    assertProofRefused(proof.compact(), ReasonCode.PROOF_STALE);
  }
}
