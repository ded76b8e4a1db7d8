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
import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 private key. Opaque: the private material leaves only through the explicit
 * {@link #exportPrivateJwk()} and {@link #exportPrivatePem()}; {@link #toString()} never shows it.
 * Immutable and thread-safe.
 */
public final class SigningKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ed25519PrivateKeyParameters key;
  private final VerificationKey verificationKey;

  private SigningKey(Ed25519PrivateKeyParameters key, String keyId) {
    this.key = key;
    this.verificationKey = new VerificationKey(key.generatePublicKey(), keyId);
  }

  /** Generates a new random key whose key id is its thumbprint. */
  public static SigningKey generate() {
    return new SigningKey(new Ed25519PrivateKeyParameters(RANDOM), null);
  }

  /** Loads a private JWK ({@code kty} OKP, {@code crv} Ed25519, with {@code d}); {@code x} must match {@code d}. */
  public static SigningKey fromJwk(String json) throws TqcException {
    JsonObject jwk;
    try {
      jwk = Json.parseObject(json);
    } catch (JsonException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: " + e.getMessage());
    }
    Jwks.Parsed parsed = Jwks.parse(jwk, true);
    if (parsed.d == null) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: private key member \"d\" is missing");
    }
    SigningKey signingKey = new SigningKey(new Ed25519PrivateKeyParameters(parsed.d, 0), parsed.kid);
    if (!java.util.Arrays.equals(signingKey.verificationKey.rawBytes(), parsed.x)) {
      throw new TqcException(ReasonCode.KEY_INVALID, "JWK: \"x\" is not the public key of \"d\"");
    }
    return signingKey;
  }

  /** Loads a PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) holding an Ed25519 key. */
  public static SigningKey fromPem(String pem) throws TqcException {
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      PemObject object = reader.readPemObject();
      if (object == null || !"PRIVATE KEY".equals(object.getType())) {
        throw new TqcException(ReasonCode.KEY_INVALID, "PEM: expected one PRIVATE KEY block");
      }
      AsymmetricKeyParameter parameter = PrivateKeyFactory.createKey(object.getContent());
      if (!(parameter instanceof Ed25519PrivateKeyParameters)) {
        throw new TqcException(ReasonCode.KEY_INVALID, "PEM: not an Ed25519 private key");
      }
      return new SigningKey((Ed25519PrivateKeyParameters) parameter, null);
    } catch (IOException | RuntimeException e) {
      throw new TqcException(ReasonCode.KEY_INVALID, "PEM: cannot read an Ed25519 private key");
    }
  }

  /** Loads either a private JWK (text starting with '{') or a PKCS#8 PEM. */
  public static SigningKey parse(String jwkOrPem) throws TqcException {
    String trimmed = jwkOrPem.trim();
    return trimmed.startsWith("{") ? fromJwk(trimmed) : fromPem(trimmed);
  }

  /** Returns this key under another key id. */
  public SigningKey withKeyId(String keyId) {
    Jwks.requireValidKid(keyId);
    return new SigningKey(key, keyId);
  }

  /** The public half, with the same key id. */
  public VerificationKey verificationKey() {
    return verificationKey;
  }

  /** The key id. */
  public String keyId() {
    return verificationKey.keyId();
  }

  /** Signs {@code message} (pure Ed25519, RFC 8032); returns the 64-byte signature. */
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    return signature;
  }

  /** Exports the private JWK (with {@code d}). Handle the result as a secret. */
  public String exportPrivateJwk() {
    Map<String, Object> jwk = verificationKey.toJwkMap();
    jwk.put("d", Base64Url.encode(key.getEncoded()));
    return Json.write(jwk);
  }

  /** Exports the key as PKCS#8 PEM. Handle the result as a secret. */
  public String exportPrivatePem() {
    try {
      byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded();
      StringWriter out = new StringWriter();
      try (PemWriter writer = new PemWriter(out)) {
        writer.writeObject(new PemObject("PRIVATE KEY", der));
      }
      return out.toString();
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey{Ed25519, kid=" + keyId() + ", private material hidden}";
  }
}
