package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.key.SigningKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A certification token ({@code typ} {@code tqc-cert+jwt}): its compact JWS form, the relay key id
 * that signed it and its claims. Obtained by signing ({@link #sign}), by verification
 * ({@link CertificationVerifier#verifyToken}) or, for display and cache bookkeeping only, by
 * {@link #decodeUnverified}. Immutable.
 */
public final class CertificationToken {
  /** The JWS {@code typ} of certification tokens. */
  public static final String TYPE = "tqc-cert+jwt";
  /** Size cap of a compact token in characters; a longer token is refused before any decoding. */
  public static final int MAX_LENGTH = CompactJws.MAX_LENGTH;
  static final Set<String> HEADER_MEMBERS = new HashSet<>(Arrays.asList("alg", "typ", "kid"));

  private final String compact;
  private final String keyId;
  private final CertificationClaims claims;
  private final String digest;
  private final boolean signatureVerified;

  CertificationToken(String compact, String keyId, CertificationClaims claims) {
    this(compact, keyId, claims, false);
  }

  CertificationToken(String compact, String keyId, CertificationClaims claims, boolean signatureVerified) {
    this.compact = compact;
    this.keyId = keyId;
    this.claims = claims;
    this.digest = Digests.sha256Base64Url(compact);
    this.signatureVerified = signatureVerified;
  }

  /** True only for tokens returned by a {@link CertificationVerifier} (not signed or decoded locally). */
  boolean signatureVerified() {
    return signatureVerified;
  }

  /** Signs {@code claims} with the relay's key; the header's {@code kid} is the key's id. */
  public static CertificationToken sign(CertificationClaims claims, SigningKey relayKey) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", JoseChecks.ALG);
    header.put("typ", TYPE);
    header.put("kid", relayKey.keyId());
    String compact = CompactJws.sign(header, claims.toJson(), relayKey::sign);
    return new CertificationToken(compact, relayKey.keyId(), claims);
  }

  /**
   * Decodes a token <em>without verifying its signature</em>: for a reseller client reading
   * {@code exp}/{@code iat} of a token it just received over TLS, and for display. Never base an
   * acceptance decision on the result.
   */
  public static CertificationToken decodeUnverified(String compact) throws TqcException {
    CompactJws jws = parseStructure(compact);
    return new CertificationToken(compact, jws.header().asMap().get("kid").toString(),
        CertificationClaims.fromJson(jws.payload()));
  }

  static CompactJws parseStructure(String compact) throws VerificationException {
    CompactJws jws = JoseChecks.parse(compact, MAX_LENGTH, ReasonCode.TOKEN_MALFORMED, "token");
    JoseChecks.requireHeaderMembers(jws, HEADER_MEMBERS, ReasonCode.TOKEN_MALFORMED, "token");
    String kid;
    try {
      kid = jws.header().string("kid");
    } catch (JsonException e) {
      throw new VerificationException(ReasonCode.TOKEN_MALFORMED, "token header " + e.getMessage());
    }
    // Key ids are 1-128 base64url characters (as KeySet and SigningKey enforce): anything else, such
    // as path characters, can name no key and is refused before it reaches any lookup or log.
    if (!Base64Url.isAlphabet(kid, 1, 128)) {
      throw new VerificationException(ReasonCode.TOKEN_MALFORMED, "token header \"kid\" is not 1-128 base64url characters");
    }
    return jws;
  }

  /** The compact serialization, as sent after {@code Authorization: TQC}. Treat as a secret. */
  public String compact() {
    return compact;
  }

  /** The {@code kid} of the relay key that signed it. */
  public String keyId() {
    return keyId;
  }

  /** The claims. */
  public CertificationClaims claims() {
    return claims;
  }

  /** base64url(SHA-256(ASCII token)): a proof's {@code ath}, and the key of verification caches. */
  public String digest() {
    return digest;
  }

  /** Never prints the token itself: only its id and a digest prefix, safe for logs. */
  @Override
  public String toString() {
    return "CertificationToken{jti=" + claims.tokenId() + ", sub=" + claims.subject() + ", exp="
        + claims.expiresAt() + ", ath=" + digest.substring(0, 8) + "…}";
  }
}
