package io.tqc.api.key;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 public key (RFC 8037 {@code OKP}/{@code Ed25519}) with its key id. Immutable and
 * thread-safe. The key id defaults to the RFC 7638 SHA-256 thumbprint.
 */
public final class VerificationKey {
  private final Ed25519PublicKeyParameters key;
  private final byte[] encoded;
  private final String keyId;
  private final String thumbprint;

  VerificationKey(Ed25519PublicKeyParameters key, String keyId) {
    this.key = key;
    this.encoded = key.getEncoded();
    this.thumbprint = Jwks.thumbprint(encoded);
    this.keyId = keyId == null ? thumbprint : keyId;
  }

  /** Loads a public JWK ({@code kty} OKP, {@code crv} Ed25519). A JWK holding {@code d} is refused. */
  public static VerificationKey fromJwk(String json) throws TqcException {
    try {
      return fromJwk(Json.parseObject(json));
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: " + e.getMessage());
    }
  }

  /** Loads from an already-parsed JWK object. */
  static VerificationKey fromJwk(JsonObject jwk) throws TqcException {
    Jwks.Parsed parsed = Jwks.parse(jwk, false);
    Ed25519PublicKeyParameters key;
    try {
      key = new Ed25519PublicKeyParameters(parsed.x, 0);
    } catch (RuntimeException e) {
      // Bouncy Castle refuses encodings that are not a point of the curve (or of small order).
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"x\" is not a valid Ed25519 public key");
    }
    return new VerificationKey(key, parsed.kid);
  }

  /** Loads an SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}) holding an Ed25519 key. */
  public static VerificationKey fromPem(String pem) throws TqcException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null || !"PUBLIC KEY".equals(object.getType())) {
        throw new TqcException(ReasonCode.KEY_INVALID, "PEM: expected one PUBLIC KEY block");
      }
      AsymmetricKeyParameter parameter = PublicKeyFactory.createKey(object.getContent());
      if (!(parameter instanceof Ed25519PublicKeyParameters)) {
        throw new TqcException(ReasonCode.KEY_INVALID, "PEM: not an Ed25519 public key");
      }
      return new VerificationKey((Ed25519PublicKeyParameters) parameter, null);
    } catch (IOException | RuntimeException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "PEM: cannot read an Ed25519 public key");
    }
  }

  /** Wraps 32 raw public-key bytes (RFC 8032 encoding). */
  public static VerificationKey fromRaw(byte[] publicKey) throws TqcException {
    if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new TqcException(ReasonCode.KEY_INVALID, "Ed25519 public key must be 32 bytes");
    }
    try {
      return new VerificationKey(new Ed25519PublicKeyParameters(publicKey, 0), null);
    } catch (RuntimeException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "not a valid Ed25519 public key");
    }
  }

  /** Returns this key under another key id. */
  public VerificationKey withKeyId(String newKeyId) {
    Jwks.requireValidKid(newKeyId);
    return new VerificationKey(key, newKeyId);
  }

  /** The key id ({@code kid}); the thumbprint unless set otherwise. */
  public String keyId() {
    return keyId;
  }

  /** The RFC 7638 SHA-256 JWK thumbprint, base64url (the value of a token's {@code cnf.jkt}). */
  public String thumbprint() {
    return thumbprint;
  }

  /** The 32-byte public key (a copy). */
  public byte[] rawBytes() {
    return encoded.clone();
  }

  /** True if {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    // Straight to RFC 8032 pure Ed25519 over the caller's array (a Signer would buffer a copy first).
    return key.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
  }

  /** The public JWK as compact JSON: {@code {"kty","crv","x","kid"}}. */
  public String toJwk() {
    return Json.write(toJwkMap());
  }

  Map<String, Object> toJwkMap() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put("x", Base64Url.encode(encoded));
    jwk.put("kid", keyId);
    return jwk;
  }

  /** The key as SPKI PEM. */
  public String toPem() {
    try {
      byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(new PemObject("PUBLIC KEY", der));
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerificationKey
        && Arrays.equals(encoded, ((VerificationKey) other).encoded)
        && keyId.equals(((VerificationKey) other).keyId);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded) * 31 + keyId.hashCode();
  }

  @Override
  public String toString() {
    return "VerificationKey{Ed25519, kid=" + keyId + "}";
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
