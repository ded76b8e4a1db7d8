package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A client assertion ({@code typ} {@code tqc-assert+jwt}, RFC 7523 style): how a reseller proves
 * possession of a registered key when it asks a relay for a certification token. The relay must
 * additionally remember the {@code jti} until {@code exp} to refuse a replayed assertion.
 */
public final class ClientAssertion {
  /** The JWS {@code typ} of client assertions. */
  public static final String TYPE = "tqc-assert+jwt";
  /** Longest lifetime an assertion may declare ({@code exp - iat}). */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  private static final Set<String> HEADER_MEMBERS = new HashSet<>(Arrays.asList("alg", "typ", "kid"));
  private static final Set<String> MEMBERS = new HashSet<>(Arrays.asList("iss", "sub", "aud", "iat", "exp", "jti"));

  private final ResellerId reseller;
  private final String keyThumbprint;
  private final String assertionId;
  private final Instant issuedAt;
  private final Instant expiresAt;

  private ClientAssertion(ResellerId reseller, String keyThumbprint, String assertionId, Instant issuedAt,
      Instant expiresAt) {
    this.reseller = reseller;
    this.keyThumbprint = keyThumbprint;
    this.assertionId = assertionId;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  /**
   * Creates an assertion by {@code resellerKey} for {@code relayId}, valid from {@code now} for
   * {@code lifetime} (at most 5 minutes). The header's {@code kid} is the key's thumbprint.
   */
  public static String create(SigningKey resellerKey, ResellerId reseller, String relayId, Instant now,
      Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException("assertion lifetime must be in (0, 5 min]");
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", JoseChecks.ALG);
    header.put("typ", TYPE);
    header.put("kid", resellerKey.verificationKey().thumbprint());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", reseller.value());
    claims.put("sub", reseller.value());
    claims.put("aud", relayId);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.getEpochSecond() + lifetime.getSeconds());
    claims.put("jti", Digests.randomId());
    return CompactJws.sign(header, claims, resellerKey::sign);
  }

  /**
   * Verifies an assertion: strict structure, {@code alg}, {@code typ}, {@code kid} = thumbprint of
   * one of {@code registeredKeys}, signature, {@code iss} = {@code sub} = {@code reseller},
   * {@code aud} = {@code relayId}, {@code exp} - {@code iat} ≤ 5 min, not expired and not issued in
   * the future beyond {@code skew}. Every failure is {@code assertion_invalid} with a detail.
   */
  public static ClientAssertion verify(String assertion, ResellerId reseller,
      Collection<VerificationKey> registeredKeys, String relayId, Instant now, Duration skew)
      throws VerificationException {
    CompactJws jws = JoseChecks.parse(assertion, CompactJws.MAX_LENGTH, ReasonCode.ASSERTION_INVALID, "assertion");
    JoseChecks.requireHeaderMembers(jws, HEADER_MEMBERS, ReasonCode.ASSERTION_INVALID, "assertion");
    JoseChecks.requireAlg(jws, ReasonCode.ASSERTION_INVALID, "assertion");
    JoseChecks.requireTyp(jws, TYPE, ReasonCode.ASSERTION_INVALID, "assertion");
    try {
      String kid = jws.header().string("kid");
      VerificationKey key = null;
      for (VerificationKey candidate : registeredKeys) {
        if (candidate.thumbprint().equals(kid)) {
          key = candidate;
        }
      }
      if (key == null) {
        throw fail("kid is not the thumbprint of a key registered for this reseller");
      }
      if (!key.verify(jws.signingInput(), jws.signature())) {
        throw fail("signature does not verify");
      }
      JsonObject claims = jws.payload();
      claims.requireOnly(MEMBERS, "assertion claims");
      String iss = claims.string("iss");
      String sub = claims.string("sub");
      if (!reseller.value().equals(iss) || !reseller.value().equals(sub)) {
        throw fail("iss and sub must both be the reseller id");
      }
      if (!relayId.equals(claims.string("aud"))) {
        throw fail("aud is not this relay");
      }
      long iat = claims.numericDate("iat");
      long exp = claims.numericDate("exp");
      String jti = claims.string("jti");
      if (!Base64Url.isAlphabet(jti, 16, 128)) {
        throw fail("jti must be 16-128 base64url characters");
      }
      long nowSeconds = now.getEpochSecond();
      if (exp <= iat || exp - iat > MAX_LIFETIME.getSeconds()) {
        throw fail("exp must be after iat and at most 300 s later");
      }
      if (exp > nowSeconds + MAX_LIFETIME.getSeconds() + skew.getSeconds()) {
        throw fail("exp is more than 5 minutes ahead");
      }
      if (nowSeconds - skew.getSeconds() >= exp) {
        throw fail("expired");
      }
      if (iat > nowSeconds + skew.getSeconds()) {
        throw fail("iat is in the future");
      }
      return new ClientAssertion(reseller, kid, jti, Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
    } catch (JsonException e) {
      throw fail(e.getMessage());
    }
  }

  private static VerificationException fail(String detail) {
    return new VerificationException(ReasonCode.ASSERTION_INVALID, "assertion " + Json.sanitize(detail));
  }

  /**
   * Reads the {@code iss} of an assertion without verifying it, to find which reseller's keys to
   * verify it with. Returns {@code null} if it cannot be read.
   */
  public static String peekIssuer(String assertion) {
    try {
      return CompactJws.parse(assertion, CompactJws.MAX_LENGTH).payload().optString("iss");
    } catch (JsonException e) {
      return null;
    }
  }

  /** The reseller that signed it. */
  public ResellerId reseller() {
    return reseller;
  }

  /** Thumbprint of the key that signed it (a reseller may have several registered keys). */
  public String keyThumbprint() {
    return keyThumbprint;
  }

  /** {@code jti}: remember it until {@link #expiresAt()} to refuse replays. */
  public String assertionId() {
    return assertionId;
  }

  /** {@code iat}. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** {@code exp}. */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "ClientAssertion{sub=" + reseller + ", jti=" + assertionId + ", exp=" + expiresAt + "}";
  }

}
