package io.tqc.api.key;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerificationKeyTest {
  final SigningKey signingKey = SigningKey.generate();
  final VerificationKey key = signingKey.verificationKey();
  final byte[] message = "batch".getBytes(StandardCharsets.UTF_8);

  @Test
  void publicJwk_roundTripsWithKeyId() throws Exception {
    VerificationKey loaded = VerificationKey.fromJwk(key.toJwk());

    assertThat(loaded).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(Json.parseObject(key.toJwk()).names()).containsExactly("kty", "crv", "x", "kid");
  }

  @Test
  void publicJwkWithoutKid_getsItsThumbprintAsKeyId() throws Exception {
    String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(key.rawBytes()) + "\"}";

    assertThat(VerificationKey.fromJwk(jwk).keyId()).isEqualTo(key.thumbprint());
  }

  @Test
  void spkiPem_roundTrips() throws Exception {
    String pem = key.toPem();

    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(VerificationKey.fromPem(pem).rawBytes()).isEqualTo(key.rawBytes());
  }

  @Test
  void rawBytes_roundTripAndAreACopy() throws Exception {
    byte[] raw = key.rawBytes();
    raw[0] ^= 1;

    assertThat(VerificationKey.fromRaw(key.rawBytes())).isEqualTo(key);
    assertThat(key.rawBytes()).isNotEqualTo(raw);
  }

  @Test
  void jwkHoldingD_isRefusedAsAPublicKey() {
    String privateJwk = signingKey.exportPrivateJwk();

    assertFails(() -> VerificationKey.fromJwk(privateJwk), ReasonCode.KEY_INVALID);
  }

  @Test
  void privatePem_isNotAPublicKey() {
    assertFails(() -> VerificationKey.fromPem(signingKey.exportPrivatePem()), ReasonCode.KEY_INVALID);
    assertFails(() -> VerificationKey.fromPem("garbage"), ReasonCode.KEY_INVALID);
  }

  @Test
  void xThatIsNotACurvePoint_isKeyInvalidNotARuntimeException() {
    // 0xFF..FF is not the encoding of any Ed25519 point; Bouncy Castle throws IllegalArgumentException.
    String x = Base64Url.encode(filled(32, 0xFF));
    String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}";

    assertFails(() -> VerificationKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
    assertFails(() -> VerificationKey.fromRaw(filled(32, 0xFF)), ReasonCode.KEY_INVALID);
    assertFails(() -> VerificationKey.fromRaw(new byte[31]), ReasonCode.KEY_INVALID);
    assertFails(() -> VerificationKey.fromRaw(null), ReasonCode.KEY_INVALID);
  }

  @Test
  void smallOrderPoints_areKeyInvalid() {
    // The identity and points of order 2, 4 and 8 (RFC 8032 encodings): a signature "by" them proves nothing.
    for (String hex : new String[] {
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"}) {
      byte[] point = java.util.HexFormat.of().parseHex(hex);
      String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + Base64Url.encode(point) + "\"}";
      assertFails(() -> VerificationKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
      assertFails(() -> VerificationKey.fromRaw(point), ReasonCode.KEY_INVALID);
    }
  }

  @Test
  void verify_acceptsOnlyTheExactSignatureOfTheExactMessage() {
    byte[] signature = signingKey.sign(message);

    assertThat(key.verify(message, signature)).isTrue();
    assertThat(key.verify("batcH".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    assertThat(key.verify(message, java.util.Arrays.copyOf(signature, 63))).isFalse();
    assertThat(key.verify(message, java.util.Arrays.copyOf(signature, 65))).isFalse();
    assertThat(key.verify(message, null)).isFalse();
    assertThat(SigningKey.generate().verificationKey().verify(message, signature)).isFalse();
  }

  @Test
  void withKeyId_changesOnlyTheId() {
    VerificationKey renamed = key.withKeyId("k1");

    assertThat(renamed.keyId()).isEqualTo("k1");
    assertThat(renamed.thumbprint()).isEqualTo(key.thumbprint());
    assertThat(renamed).isNotEqualTo(key);
  }

  static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
