package io.tqc.api.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.internal.Base64Url;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 8037 Appendix A (Ed25519 in JOSE). The expected values are the RFC's
 * published text; Ed25519 (RFC 8032) is deterministic, so the signature must match byte for byte.
 */
class Rfc8037AppendixATest {
  /** A.1: the private key. */
  static final String A1_PRIVATE_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
      + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
      + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  /** A.2: the public key. */
  static final String A2_PUBLIC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
      + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
  /** A.3: the RFC 7638 SHA-256 thumbprint of the public key. */
  static final String A3_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
  /** A.4: the JWS signing input, base64url({"alg":"EdDSA"}) . base64url("Example of Ed25519 signing"). */
  static final String A4_SIGNING_INPUT = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
  /** A.4: the published signature. */
  static final String A4_SIGNATURE =
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

  @Test
  void a1PrivateKey_loadsAndDerivesTheA2PublicKey() throws Exception {
    SigningKey key = SigningKey.fromJwk(A1_PRIVATE_JWK);
    VerificationKey published = VerificationKey.fromJwk(A2_PUBLIC_JWK);

    assertThat(key.verificationKey().rawBytes()).isEqualTo(published.rawBytes());
    assertThat(Base64Url.encode(key.verificationKey().rawBytes()))
        .isEqualTo("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  }

  @Test
  void a3Thumbprint_isTheDefaultKeyId() throws Exception {
    VerificationKey key = VerificationKey.fromJwk(A2_PUBLIC_JWK);

    assertThat(key.thumbprint()).isEqualTo(A3_THUMBPRINT);
    assertThat(key.keyId()).isEqualTo(A3_THUMBPRINT);
    assertThat(SigningKey.fromJwk(A1_PRIVATE_JWK).keyId()).isEqualTo(A3_THUMBPRINT);
  }

  @Test
  void a4Signature_matchesTheRfcByteForByte() throws Exception {
    SigningKey key = SigningKey.fromJwk(A1_PRIVATE_JWK);

    byte[] signature = key.sign(A4_SIGNING_INPUT.getBytes(StandardCharsets.US_ASCII));

    assertThat(Base64Url.encode(signature)).isEqualTo(A4_SIGNATURE);
    assertThat(signature).isEqualTo(Base64Url.decodeOrNull(A4_SIGNATURE)).hasSize(64);
  }

  @Test
  void a5Validation_acceptsThePublishedSignatureAndRefusesAnyAlteredOne() throws Exception {
    VerificationKey key = VerificationKey.fromJwk(A2_PUBLIC_JWK);
    byte[] input = A4_SIGNING_INPUT.getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64Url.decodeOrNull(A4_SIGNATURE);

    assertThat(key.verify(input, signature)).isTrue();
    for (int i = 0; i < signature.length * 8; i++) {
      byte[] flipped = signature.clone();
      flipped[i / 8] ^= (byte) (1 << (i % 8));
      assertThat(key.verify(input, flipped)).as("bit %d flipped", i).isFalse();
    }
    byte[] otherInput = input.clone();
    otherInput[otherInput.length - 1] ^= 1;
    assertThat(key.verify(otherInput, signature)).isFalse();
  }
}
