package io.tqc.api.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CertificationVerifierDigestTest {
  static final String RELAY = "https://relay.example.kr";
  final SigningKey relayKey = SigningKey.generate();
  final SigningKey resellerKey = SigningKey.generate();
  final Instant now = Instant.parse("2026-11-28T12:00:00Z");
  final CertificationVerifier verifier = new CertificationVerifier.Builder()
      .relayId(RELAY).keys(KeySet.of(relayKey.verificationKey())).build();

  CertificationToken token() throws Exception {
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(RELAY).subject(ResellerId.parse("124-81-00998"))
        .issuedAt(now).expiresAt(now.plusSeconds(600)).tokenId("BBBBBBBBBBBBBBBBBBBBBB")
        .keyThumbprint(resellerKey.verificationKey().thumbprint())
        .certificationId("cert-1").certificationExpiresAt(now.plusSeconds(86400))
        .senderNumbers(Arrays.asList("0212345678")).originCode("123456789")
        .statusListIndex(0).statusListUri(RELAY + "/v1/status-lists/0").build(), relayKey);
  }

  @Test
  void precomputedDigestOfReceivedBytes_verifies() throws Exception {
    CertificationToken token = token();
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 1, now);
    VerifiedBatch verified = verifier.verifyDigest(token, proof.compact(), Digests.sha256Base64Url(body), 1, now);
    assertThat(verified.batchId()).isEqualTo(proof.batchId());
  }

  @Test
  void digestOfOtherBytes_isBatchDigestMismatch() throws Exception {
    CertificationToken token = token();
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 1, now);
    String other = Digests.sha256Base64Url("{\"x\":2}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verifyDigest(token, proof.compact(), other, 1, now))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_DIGEST_MISMATCH));
  }

  @Test
  void withoutACallerCount_theProofsOwnCountIsReturned_forTheCallerToCompare() throws Exception {
    CertificationToken token = verifier.verifyToken(token().compact(), now);
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 3, now);
    String digest = Digests.sha256Base64Url(body);

    VerifiedBatch verified = verifier.verifyDigest(token, proof.compact(), digest, now);

    assertThat(verified.proof().messageCount()).isEqualTo(3);
    // The control: with a caller count that differs, the same proof is refused.
    assertThatThrownBy(() -> verifier.verifyDigest(token, proof.compact(), digest, 1, now))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_COUNT_MISMATCH));
  }

  @Test
  void withoutACallerCount_everyOtherBindingIsStillChecked() throws Exception {
    CertificationToken token = verifier.verifyToken(token().compact(), now);
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 1, now);
    String other = Digests.sha256Base64Url("{\"x\":2}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verifier.verifyDigest(token, proof.compact(), other, now))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_DIGEST_MISMATCH));
  }
}
