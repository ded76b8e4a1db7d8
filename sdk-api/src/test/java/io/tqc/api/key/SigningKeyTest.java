package io.tqc.api.key;

import static io.tqc.api.testing.Rejections.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
  final byte[] message = "a batch".getBytes(StandardCharsets.UTF_8);

  @Test
  void privateJwk_roundTripsToTheSameKey() throws Exception {
    SigningKey key = SigningKey.generate();

    SigningKey loaded = SigningKey.fromJwk(key.exportPrivateJwk());

    assertThat(loaded.keyId()).isEqualTo(key.keyId());
    assertThat(loaded.verificationKey()).isEqualTo(key.verificationKey());
    assertThat(loaded.sign(message)).isEqualTo(key.sign(message));
  }

  @Test
  void exportedPrivateJwk_holdsExactlyTheRfc8037Members() throws Exception {
    SigningKey key = SigningKey.generate();

    JsonObject jwk = Json.parseObject(key.exportPrivateJwk());

    assertThat(jwk.names()).containsExactly("kty", "crv", "x", "kid", "d");
    assertThat(jwk.string("kty")).isEqualTo("OKP");
    assertThat(jwk.string("crv")).isEqualTo("Ed25519");
    assertThat(Base64Url.decodeOrNull(jwk.string("d"))).hasSize(32);
    assertThat(jwk.string("kid")).isEqualTo(key.verificationKey().thumbprint());
  }

  @Test
  void customKeyId_survivesTheJwkRoundTrip() throws Exception {
    SigningKey key = SigningKey.generate().withKeyId("relay-2026-01");

    assertThat(SigningKey.fromJwk(key.exportPrivateJwk()).keyId()).isEqualTo("relay-2026-01");
    assertThat(key.verificationKey().keyId()).isEqualTo("relay-2026-01");
  }

  @Test
  void withKeyId_refusesPathCharactersAndOverlongIds() {
    SigningKey key = SigningKey.generate();

    assertThatThrownBy(() -> key.withKeyId("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key.withKeyId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> key.withKeyId("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pkcs8Pem_roundTripsToTheSameKey() throws Exception {
    SigningKey key = SigningKey.generate();
    String pem = key.exportPrivatePem();

    SigningKey loaded = SigningKey.fromPem(pem);

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(loaded.verificationKey().rawBytes()).isEqualTo(key.verificationKey().rawBytes());
    assertThat(loaded.sign(message)).isEqualTo(key.sign(message));
  }

  @Test
  void parse_acceptsJwkOrPemWithSurroundingWhitespace() throws Exception {
    SigningKey key = SigningKey.generate();

    assertThat(SigningKey.parse("\n  " + key.exportPrivateJwk() + "\n").keyId()).isEqualTo(key.keyId());
    assertThat(SigningKey.parse("\n" + key.exportPrivatePem()).keyId()).isEqualTo(key.keyId());
  }

  @Test
  void privateJwkWhoseXIsNotTheKeyOfD_isKeyInvalid() throws Exception {
    SigningKey key = SigningKey.generate();
    String otherX = Base64Url.encode(SigningKey.generate().verificationKey().rawBytes());
    String jwk = key.exportPrivateJwk().replaceFirst("\"x\":\"[^\"]+\"", "\"x\":\"" + otherX + "\"");

    TqcException e = assertFails(() -> SigningKey.fromJwk(jwk), ReasonCode.KEY_INVALID);

    assertThat(e.detail()).contains("\"x\" is not the public key of \"d\"");
  }

  @Test
  void publicJwk_isNotASigningKey() {
    String jwk = SigningKey.generate().verificationKey().toJwk();

    assertFails(() -> SigningKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
  }

  @Test
  void pemThatIsNotAnEd25519PrivateKey_isKeyInvalid() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    String ecPem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    String publicPem = SigningKey.generate().verificationKey().toPem();

    assertFails(() -> SigningKey.fromPem(ecPem), ReasonCode.KEY_INVALID);
    assertFails(() -> SigningKey.fromPem(publicPem), ReasonCode.KEY_INVALID);
    assertFails(() -> SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
        ReasonCode.KEY_INVALID);
    assertFails(() -> SigningKey.fromPem("not a pem"), ReasonCode.KEY_INVALID);
    assertFails(() -> SigningKey.parse(""), ReasonCode.KEY_INVALID);
  }

  @Test
  void toString_neverShowsPrivateMaterial() throws Exception {
    SigningKey key = SigningKey.generate();
    String d = Json.parseObject(key.exportPrivateJwk()).string("d");
    String pemBody = key.exportPrivatePem().split("\n")[1];

    assertThat(key.toString()).doesNotContain(d).doesNotContain(pemBody).contains(key.keyId());
    assertThat(key.verificationKey().toString()).doesNotContain(d);
    assertThat(String.valueOf(key)).contains("hidden");
  }

  @Test
  void failedLoad_neverEchoesPrivateMaterial() throws Exception {
    SigningKey key = SigningKey.generate();
    String d = Json.parseObject(key.exportPrivateJwk()).string("d");
    String mismatched = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + d + "\",\"x\":\""
        + Base64Url.encode(new byte[32]) + "\"}";
    String x = Base64Url.encode(key.verificationKey().rawBytes());
    String padded = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + d + "=\",\"x\":\"" + x + "\"}";
    String tooLong = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + d + "AAAA\",\"x\":\"" + x + "\"}";

    for (String jwk : new String[] {mismatched, padded, tooLong}) {
      TqcException e = assertFails(() -> SigningKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
      assertThat(e.getMessage()).doesNotContain(d.substring(0, 16));
    }
  }
}
