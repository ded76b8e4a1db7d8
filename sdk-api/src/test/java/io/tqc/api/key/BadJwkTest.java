package io.tqc.api.key;

import static io.tqc.api.testing.Rejections.assertFails;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.testing.TestKeys;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JWK that is not exactly an Ed25519 OKP key in strict JSON is {@code key_invalid}. */
class BadJwkTest {
  static final SigningKey KEY = TestKeys.fromSeed(9);
  static final String X = Base64Url.encode(KEY.verificationKey().rawBytes());
  static final String D = dOf(KEY);

  static String dOf(SigningKey key) {
    String jwk = key.exportPrivateJwk();
    int start = jwk.indexOf("\"d\":\"") + 5;
    return jwk.substring(start, jwk.indexOf('"', start));
  }

  static Stream<Arguments> badPublicJwks() {
    return Stream.of(
        Arguments.of("kty EC", "{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("kty oct", "{\"kty\":\"oct\",\"k\":\"" + X + "\"}"),
        Arguments.of("kty lower case", "{\"kty\":\"okp\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("kty missing", "{\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("kty a number", "{\"kty\":1,\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("crv X25519", "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("crv Ed448", "{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"" + X + "\"}"),
        Arguments.of("crv missing", "{\"kty\":\"OKP\",\"x\":\"" + X + "\"}"),
        Arguments.of("x missing", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"}"),
        Arguments.of("x null", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":null}"),
        Arguments.of("x 31 bytes", jwk(Base64Url.encode(new byte[31]))),
        Arguments.of("x 33 bytes", jwk(Base64Url.encode(new byte[33]))),
        Arguments.of("x empty", jwk("")),
        Arguments.of("x padded", jwk(X + "=")),
        Arguments.of("x standard base64", jwk(X.replace('-', '+').replace('_', '/') + "+/")),
        Arguments.of("x with a space", jwk(X.substring(0, 10) + " " + X.substring(10))),
        Arguments.of("x non-canonical last char", jwk(nonCanonical(X))),
        Arguments.of("x not a curve point", jwk(Base64Url.encode(VerificationKeyTest.filled(32, 0xFF)))),
        Arguments.of("unknown member", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"ext\":true}"),
        Arguments.of("x5u member", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
            + "\",\"x5u\":\"https://evil.example/k\"}"),
        Arguments.of("use enc", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"use\":\"enc\"}"),
        Arguments.of("alg ES256", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"alg\":\"ES256\"}"),
        Arguments.of("key_ops not an array", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
            + "\",\"key_ops\":\"verify\"}"),
        Arguments.of("kid with path characters", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
            + "\",\"kid\":\"../../etc/passwd\"}"),
        Arguments.of("kid of 129 characters", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X
            + "\",\"kid\":\"" + "a".repeat(129) + "\"}"),
        Arguments.of("duplicate x", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"x\":\"" + X + "\"}"),
        Arguments.of("trailing data", jwk(X) + "{}"),
        Arguments.of("single quotes", "{'kty':'OKP','crv':'Ed25519','x':'" + X + "'}"),
        Arguments.of("comment", "{\"kty\":\"OKP\",/*c*/\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}"),
        Arguments.of("array", "[" + jwk(X) + "]"),
        Arguments.of("null", "null"),
        Arguments.of("empty", ""),
        Arguments.of("truncated", jwk(X).substring(0, 30)),
        Arguments.of("nested too deep", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":"
            + "[".repeat(40) + "]".repeat(40) + "}"));
  }

  static Stream<Arguments> badPrivateJwks() {
    return Stream.of(
        Arguments.of("d missing", jwk(X)),
        Arguments.of("d 31 bytes", privateJwk(Base64Url.encode(new byte[31]), X)),
        Arguments.of("d padded", privateJwk(D + "=", X)),
        Arguments.of("d a number", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":1,\"x\":\"" + X + "\"}"),
        Arguments.of("x of another key", privateJwk(D, Base64Url.encode(
            TestKeys.fromSeed(10).verificationKey().rawBytes()))),
        Arguments.of("x missing", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + D + "\"}"),
        Arguments.of("crv X25519", "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"d\":\"" + D + "\",\"x\":\"" + X + "\"}"),
        Arguments.of("unknown member", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + D + "\",\"x\":\"" + X
            + "\",\"p\":\"AA\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPublicJwks")
  void badPublicJwk_isKeyInvalid(String name, String jwk) {
    assertFails(() -> VerificationKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
    if (!jwk.isEmpty()) { // {"keys":[]} is a valid, empty set
      assertFails(() -> KeySet.parse("{\"keys\":[" + jwk + "]}"), ReasonCode.KEY_INVALID);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"badPublicJwks", "badPrivateJwks"})
  void badPrivateJwk_isKeyInvalid(String name, String jwk) {
    assertFails(() -> SigningKey.fromJwk(jwk), ReasonCode.KEY_INVALID);
  }

  static String jwk(String x) {
    return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}";
  }

  static String privateJwk(String d, String x) {
    return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + d + "\",\"x\":\"" + x + "\"}";
  }

  /** 32 bytes = 43 characters whose last one carries 2 unused bits: set one of them. */
  static String nonCanonical(String x) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(x.charAt(x.length() - 1));
    return x.substring(0, x.length() - 1) + alphabet.charAt(last ^ 1);
  }
}
