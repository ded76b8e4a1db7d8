package io.tqc.api.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CertificationVerifierRoundTripTest {
  static final String RELAY = "https://relay.example.kr";
  final SigningKey relayKey = SigningKey.generate();
  final SigningKey resellerKey = SigningKey.generate();
  final Instant now = Instant.parse("2026-11-28T12:00:00Z");

  CertificationToken token() throws Exception {
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(RELAY).subject(ResellerId.parse("124-81-00998"))
        .issuedAt(now).expiresAt(now.plusSeconds(600)).tokenId("AAAAAAAAAAAAAAAAAAAAAA")
        .keyThumbprint(resellerKey.verificationKey().thumbprint())
        .certificationId("cert-1").certificationExpiresAt(now.plusSeconds(86400 * 365))
        .senderNumbers(Arrays.asList("0212345678", "15881234")).originCode("123456789")
        .statusListIndex(3).statusListUri(RELAY + "/v1/status-lists/0").build(), relayKey);
  }

  @Test
  void validTokenProofAndBatch_verify() throws Exception {
    CertificationToken token = token();
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 1, now);
    CertificationVerifier verifier = new CertificationVerifier.Builder()
        .relayId(RELAY).keys(KeySet.of(relayKey.verificationKey())).build();
    VerifiedBatch verified = verifier.verify(token.compact(), proof.compact(), body, 1, now);
    assertThat(verified.batchId()).isEqualTo(proof.batchId());
    assertThat(verified.token().claims().senderNumbers()).containsExactly("0212345678", "15881234");
  }

  @Test
  void alteredBody_isBatchDigestMismatch() throws Exception {
    CertificationToken token = token();
    byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    BatchProof proof = new BatchProofSigner(resellerKey, RELAY).sign(token, body, 1, now);
    CertificationVerifier verifier = new CertificationVerifier.Builder()
        .relayId(RELAY).keys(KeySet.of(relayKey.verificationKey())).build();
    assertThatThrownBy(() -> verifier.verify(token.compact(), proof.compact(),
        "{\"x\":2}".getBytes(StandardCharsets.UTF_8), 1, now))
        .isInstanceOfSatisfying(VerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.BATCH_DIGEST_MISMATCH));
  }
}
