package io.tqc.api.key;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** JWK parsing and RFC 7638 thumbprints for Ed25519 keys (package-private helper). */
final class Jwks {
  private static final Set<String> ALLOWED_MEMBERS =
      new HashSet<>(Arrays.asList("kty", "crv", "x", "d", "kid", "use", "alg", "key_ops"));

  private Jwks() {}

  static final class Parsed {
    final byte[] x;
    final byte[] d;
    final String kid;

    Parsed(byte[] x, byte[] d, String kid) {
      this.x = x;
      this.d = d;
      this.kid = kid;
    }
  }

  static Parsed parse(JsonObject jwk, boolean allowPrivate) throws TqcException {
    try {
      jwk.requireOnly(ALLOWED_MEMBERS, "JWK");
      if (!"OKP".equals(jwk.string("kty"))) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"kty\" must be \"OKP\"");
      }
      if (!"Ed25519".equals(jwk.string("crv"))) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"crv\" must be \"Ed25519\"");
      }
      String use = jwk.optString("use");
      if (use != null && !"sig".equals(use)) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"use\" must be \"sig\"");
      }
      String alg = jwk.optString("alg");
      if (alg != null && !"EdDSA".equals(alg)) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"alg\" must be \"EdDSA\"");
      }
      if (jwk.has("key_ops")) {
        jwk.stringArray("key_ops", 4);
      }
      byte[] x = Base64Url.decodeOrNull(jwk.string("x"));
      if (x == null || x.length != 32) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"x\" must be 32 bytes, base64url");
      }
      byte[] d = null;
      String dText = jwk.optString("d");
      if (dText != null) {
        if (!allowPrivate) {
          throw new TqcException(ReasonCode.KEY_INVALID, "JWK: a public key must not contain \"d\"");
        }
        d = Base64Url.decodeOrNull(dText);
        if (d == null || d.length != 32) {
          throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"d\" must be 32 bytes, base64url");
        }
      }
      String kid = jwk.optString("kid");
      if (kid != null && !isValidKid(kid)) {
        throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"kid\" must be 1-128 base64url characters");
      }
      return new Parsed(x, d, kid);
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: " + e.getMessage());
    }
  }

  /** A key id is 1..128 characters of the base64url alphabet, so it is safe in URLs, paths and logs. */
  static boolean isValidKid(String kid) {
    return kid != null && Base64Url.isAlphabet(kid, 1, 128);
  }

  static void requireValidKid(String kid) {
    if (!isValidKid(kid)) {
      throw new IllegalArgumentException("key id must be 1-128 base64url characters");
    }
  }

  /** RFC 7638 thumbprint of an Ed25519 public key: SHA-256 over {"crv","kty","x"} in that order. */
  static String thumbprint(byte[] publicKey) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("crv", "Ed25519");
    members.put("kty", "OKP");
    members.put("x", Base64Url.encode(publicKey));
    return Digests.sha256Base64Url(Json.writeBytes(members));
  }
}
