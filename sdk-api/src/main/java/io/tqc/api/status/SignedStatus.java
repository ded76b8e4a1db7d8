package io.tqc.api.status;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.ResellerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A relay-signed statement of one certification's status ({@code typ} {@code tqc-status+jwt}):
 * {@code iss}, {@code sub} (reseller id), {@code cert_id}, {@code status}, optional {@code reason},
 * {@code seq} (monotonic per reseller, so an older statement never overrides a newer one),
 * {@code iat} and a short {@code exp}. Immutable.
 */
public final class SignedStatus {
  /** The JWS {@code typ} of signed statuses. */
  public static final String TYPE = "tqc-status+jwt";
  private static final Set<String> HEADER_MEMBERS = new HashSet<>(Arrays.asList("alg", "typ", "kid"));
  private static final Set<String> MEMBERS =
      new HashSet<>(Arrays.asList("iss", "sub", "cert_id", "status", "reason", "seq", "iat", "exp"));

  private final String compact;
  private final String issuer;
  private final ResellerId subject;
  private final String certificationId;
  private final CertificationStatus status;
  private final String reason;
  private final long sequence;
  private final Instant issuedAt;
  private final Instant expiresAt;

  private SignedStatus(String compact, String issuer, ResellerId subject, String certificationId,
      CertificationStatus status, String reason, long sequence, Instant issuedAt, Instant expiresAt) {
    this.compact = compact;
    this.issuer = issuer;
    this.subject = subject;
    this.certificationId = certificationId;
    this.status = status;
    this.reason = reason;
    this.sequence = sequence;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  /**
   * Signs a status statement.
   *
   * @param reason a short human reason (optional, {@code null} for none; at most 256 characters)
   * @param lifetime how long the statement is valid (short: seconds to minutes)
   */
  public static SignedStatus sign(String issuer, ResellerId subject, String certificationId,
      CertificationStatus status, String reason, long sequence, Instant issuedAt, Duration lifetime,
      SigningKey relayKey) {
    if (!CertificationClaims.isValidCertificationId(certificationId)) {
      throw new IllegalArgumentException("invalid certification id");
    }
    if (sequence < 0 || lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("sequence must be >= 0 and lifetime positive");
    }
    if (reason != null && reason.length() > 256) {
      throw new IllegalArgumentException("reason longer than 256 characters");
    }
    Instant iat = Instant.ofEpochSecond(issuedAt.getEpochSecond());
    Instant exp = iat.plusSeconds(Math.max(1, lifetime.getSeconds()));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", JoseChecks.ALG);
    header.put("typ", TYPE);
    header.put("kid", relayKey.keyId());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject.value());
    claims.put("cert_id", certificationId);
    claims.put("status", status.name());
    if (reason != null) {
      claims.put("reason", reason);
    }
    claims.put("seq", sequence);
    claims.put("iat", iat.getEpochSecond());
    claims.put("exp", exp.getEpochSecond());
    String compact = CompactJws.sign(header, claims, relayKey::sign);
    return new SignedStatus(compact, issuer, subject, certificationId, status, reason, sequence, iat, exp);
  }

  /**
   * Verifies a signed status: strict structure, {@code alg}, {@code typ}, {@code kid} in
   * {@code relayKeys}, signature, {@code iss}, {@code sub} = {@code expectedSubject} and not expired
   * (with {@code skew}). Every failure is {@code status_invalid} with a detail.
   */
  public static SignedStatus verify(String compact, KeySet relayKeys, String issuer, ResellerId expectedSubject,
      Instant now, Duration skew) throws VerificationException {
    CompactJws jws = JoseChecks.parse(compact, CompactJws.MAX_LENGTH, ReasonCode.STATUS_INVALID, "status");
    JoseChecks.requireHeaderMembers(jws, HEADER_MEMBERS, ReasonCode.STATUS_INVALID, "status");
    JoseChecks.requireAlg(jws, ReasonCode.STATUS_INVALID, "status");
    JoseChecks.requireTyp(jws, TYPE, ReasonCode.STATUS_INVALID, "status");
    try {
      String kid = jws.header().string("kid");
      VerificationKey key = relayKeys.find(kid);
      if (key == null) {
        throw fail("kid \"" + Json.sanitize(kid) + "\" is not a relay key");
      }
      if (!key.verify(jws.signingInput(), jws.signature())) {
        throw fail("signature does not verify");
      }
      JsonObject claims = jws.payload();
      claims.requireOnly(MEMBERS, "status claims");
      if (!issuer.equals(claims.string("iss"))) {
        throw fail("iss is not the expected relay");
      }
      if (!expectedSubject.value().equals(claims.string("sub"))) {
        throw fail("sub is not the expected reseller");
      }
      String certId = claims.string("cert_id");
      if (!CertificationClaims.isValidCertificationId(certId)) {
        throw fail("cert_id is not 1-64 characters of [A-Za-z0-9._:-]");
      }
      CertificationStatus status = CertificationStatus.fromWire(claims.string("status"));
      if (status == null) {
        throw fail("status is not ACTIVE, SUSPENDED or REVOKED");
      }
      String reason = claims.optString("reason");
      if (reason != null && reason.length() > 256) {
        throw fail("reason is longer than 256 characters");
      }
      long seq = claims.integer("seq", 0, Long.MAX_VALUE);
      long iat = claims.numericDate("iat");
      long exp = claims.numericDate("exp");
      if (now.getEpochSecond() - skew.getSeconds() >= exp) {
        throw fail("expired at " + Instant.ofEpochSecond(exp));
      }
      if (iat > now.getEpochSecond() + skew.getSeconds()) {
        throw fail("iat is in the future");
      }
      return new SignedStatus(compact, issuer, expectedSubject, certId, status, reason, seq,
          Instant.ofEpochSecond(iat), Instant.ofEpochSecond(exp));
    } catch (JsonException e) {
      throw fail(e.getMessage());
    }
  }

  private static VerificationException fail(String detail) {
    return new VerificationException(ReasonCode.STATUS_INVALID, "signed status: " + detail);
  }

  /** The compact JWS. */
  public String compact() {
    return compact;
  }

  /** {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /** {@code sub}. */
  public ResellerId subject() {
    return subject;
  }

  /** {@code cert_id}. */
  public String certificationId() {
    return certificationId;
  }

  /** {@code status}. */
  public CertificationStatus status() {
    return status;
  }

  /** {@code reason}, or {@code null}. */
  public String reason() {
    return reason;
  }

  /** {@code seq}. */
  public long sequence() {
    return sequence;
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
    return "SignedStatus{sub=" + subject + ", " + status + ", seq=" + sequence + ", iat=" + issuedAt + "}";
  }
}
