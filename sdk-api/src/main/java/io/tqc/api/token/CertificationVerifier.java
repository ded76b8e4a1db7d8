package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.VerificationKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies a certification token, a batch proof and the batch bytes together, for one relay.
 * Pure: no I/O, no clock of its own (the caller passes {@code now}). Immutable and thread-safe.
 *
 * <p>Checks run in this order and the first failure wins: size caps and strict parsing; {@code alg};
 * {@code typ}; token {@code kid}; signatures; {@code iss}; {@code aud}; {@code nbf}/{@code exp};
 * {@code cert_exp}; proof key thumbprint = {@code cnf.jkt}; proof {@code iat} window; {@code ath};
 * {@code bh}; {@code n}. Live status, replay and sender numbers are the relay's checks.
 */
public final class CertificationVerifier {
  /** Default clock skew allowed on token {@code nbf}/{@code exp}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  /** Largest clock skew that can be configured. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  /** Default: a proof may be this old. */
  public static final Duration DEFAULT_PROOF_MAX_AGE = Duration.ofSeconds(60);
  /** Default: a proof may be stamped this far in the future. */
  public static final Duration DEFAULT_PROOF_MAX_FUTURE = Duration.ofSeconds(5);

  /** Default number of reseller keys remembered from proof headers ({@link Builder#proofKeyCacheSize}). */
  public static final int DEFAULT_PROOF_KEY_CACHE_SIZE = 32_768;

  /** Passed as the message count when the caller compares the proof's {@code n} with the batch itself. */
  private static final int COUNT_FROM_PROOF = -1;

  private final String relayId;
  private final KeySet keys;
  private final long skewSeconds;
  private final long proofMaxAgeSeconds;
  private final long proofMaxFutureSeconds;
  private final ProofKeys proofKeys;

  private CertificationVerifier(Builder builder) {
    if (builder.relayId == null || builder.relayId.isEmpty()) {
      throw new IllegalArgumentException("relayId is required");
    }
    if (builder.keys == null) {
      throw new IllegalArgumentException("keys are required");
    }
    requireRange(builder.clockSkew, Duration.ZERO, MAX_CLOCK_SKEW, "clockSkew");
    requireRange(builder.proofMaxAge, Duration.ofSeconds(1), Duration.ofMinutes(10), "proofMaxAge");
    requireRange(builder.proofMaxFuture, Duration.ZERO, MAX_CLOCK_SKEW, "proofMaxFuture");
    this.relayId = builder.relayId;
    this.keys = builder.keys;
    this.skewSeconds = builder.clockSkew.getSeconds();
    this.proofMaxAgeSeconds = builder.proofMaxAge.getSeconds();
    this.proofMaxFutureSeconds = builder.proofMaxFuture.getSeconds();
    // A copy made by withKeys keeps the keys already decoded: they are resellers', not the relay's.
    this.proofKeys = builder.sharedProofKeys != null ? builder.sharedProofKeys : new ProofKeys(builder.proofKeyCacheSize);
  }

  private static void requireRange(Duration value, Duration min, Duration max, String name) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }

  /** The relay id ({@code iss} of tokens, {@code aud} of proofs). */
  public String relayId() {
    return relayId;
  }

  /** Number of reseller keys remembered from proof headers (for tests). */
  int rememberedProofKeys() {
    return proofKeys.size();
  }

  /** The relay keys tokens are verified with. */
  public KeySet keys() {
    return keys;
  }

  /** How old a proof may be; a replay cache must remember batch ids at least this long (plus future skew). */
  public Duration proofAcceptanceWindow() {
    return Duration.ofSeconds(proofMaxAgeSeconds + proofMaxFutureSeconds);
  }

  /**
   * A copy of this verifier with another key set (after the relay rotates keys). The copy shares the
   * reseller keys this verifier already decoded from proof headers.
   */
  public CertificationVerifier withKeys(KeySet newKeys) {
    Builder builder = toBuilder().keys(newKeys);
    builder.sharedProofKeys = proofKeys;
    return builder.build();
  }

  private Builder toBuilder() {
    return new Builder().relayId(relayId).keys(keys).clockSkew(Duration.ofSeconds(skewSeconds))
        .proofMaxAge(Duration.ofSeconds(proofMaxAgeSeconds))
        .proofMaxFuture(Duration.ofSeconds(proofMaxFutureSeconds)).proofKeyCacheSize(proofKeys.capacity());
  }

  /** Verifies a token alone: structure, alg, typ, kid, signature, iss, aud, time, cert_exp. */
  public CertificationToken verifyToken(String token, Instant now) throws VerificationException {
    CompactJws tokenJws = CertificationToken.parseStructure(token);
    CertificationClaims claims = claimsOrThrow(tokenJws);
    JoseChecks.requireAlg(tokenJws, ReasonCode.TOKEN_ALG_NOT_ALLOWED, "token");
    JoseChecks.requireTyp(tokenJws, CertificationToken.TYPE, ReasonCode.TOKEN_TYPE_INVALID, "token");
    String kid = tokenJws.header().asMap().get("kid").toString();
    VerificationKey relayKey = keyOrThrow(kid);
    requireTokenSignature(tokenJws, relayKey);
    CertificationToken verified = new CertificationToken(token, kid, claims, true);
    checkTokenIdentity(claims);
    checkTokenTime(claims, now);
    return verified;
  }

  /**
   * Verifies token, proof and batch bytes in protocol order.
   *
   * @param token the compact token from {@code Authorization: TQC}
   * @param proof the compact proof from {@code TQC-Proof}
   * @param batch the batch bytes exactly as received (hashed before any parsing)
   * @param messageCount the number of messages the caller counted in the batch
   * @param now the verifier's current time
   */
  public VerifiedBatch verify(String token, String proof, byte[] batch, int messageCount, Instant now)
      throws VerificationException {
    return verifyFull(token, proof, Digests.sha256Base64Url(batch), batch.length, messageCount, now);
  }

  private VerifiedBatch verifyFull(String token, String proof, String batchDigest, int batchLength,
      int messageCount, Instant now) throws VerificationException {
    CompactJws tokenJws = CertificationToken.parseStructure(token);
    CertificationClaims claims = claimsOrThrow(tokenJws);
    BatchProof.Parsed parsedProof = BatchProof.parse(proof, proofKeys);
    JoseChecks.requireAlg(tokenJws, ReasonCode.TOKEN_ALG_NOT_ALLOWED, "token");
    JoseChecks.requireAlg(parsedProof.jws, ReasonCode.PROOF_ALG_NOT_ALLOWED, "proof");
    JoseChecks.requireTyp(tokenJws, CertificationToken.TYPE, ReasonCode.TOKEN_TYPE_INVALID, "token");
    JoseChecks.requireTyp(parsedProof.jws, BatchProof.TYPE, ReasonCode.PROOF_TYPE_INVALID, "proof");
    String kid = tokenJws.header().asMap().get("kid").toString();
    VerificationKey relayKey = keyOrThrow(kid);
    requireTokenSignature(tokenJws, relayKey);
    requireProofSignature(parsedProof);
    CertificationToken verified = new CertificationToken(token, kid, claims, true);
    checkTokenIdentity(claims);
    checkProofAudience(parsedProof.proof);
    checkTokenTime(claims, now);
    checkBinding(verified, parsedProof.proof, batchDigest, batchLength, messageCount, now);
    parsedProof.rememberKeyIn(proofKeys);
    return new VerifiedBatch(verified, parsedProof.proof);
  }

  /**
   * Verifies a proof and batch against a token a verifier already verified (for example one taken
   * from a cache keyed by {@link CertificationToken#digest()}): the token's signature is not
   * checked again, but its relay key must still be in this verifier's key set (a key removed by
   * rotation ends its tokens: {@code token_key_unknown}), and its issuer, audience and times are
   * checked again against {@code now}. A token that no verifier verified (one from
   * {@link CertificationToken#sign} or {@link CertificationToken#decodeUnverified}) is verified in
   * full, exactly as {@link #verify(String, String, byte[], int, Instant)} does.
   */
  public VerifiedBatch verify(CertificationToken verifiedToken, String proof, byte[] batch, int messageCount,
      Instant now) throws VerificationException {
    return verifyBound(verifiedToken, proof, Digests.sha256Base64Url(batch), batch.length, messageCount, now);
  }

  /**
   * Like {@link #verify(CertificationToken, String, byte[], int, Instant)}, for a caller that hashed
   * the batch bytes itself as the first thing on receipt: {@code batchDigest} must be
   * base64url(SHA-256) of exactly the bytes received.
   */
  public VerifiedBatch verifyDigest(CertificationToken verifiedToken, String proof, String batchDigest,
      int messageCount, Instant now) throws VerificationException {
    return verifyBound(verifiedToken, proof, batchDigest, -1, messageCount, now);
  }

  /**
   * Like {@link #verifyDigest(CertificationToken, String, String, int, Instant)} for a caller that
   * parses the batch after verifying the proof (as a relay does, so it parses only what verified):
   * the message count is the proof's own {@code n} ({@link BatchProof#messageCount()} of the result),
   * which the caller must compare with the batch it parses ({@code batch_count_mismatch}).
   */
  public VerifiedBatch verifyDigest(CertificationToken verifiedToken, String proof, String batchDigest,
      Instant now) throws VerificationException {
    return verifyBound(verifiedToken, proof, batchDigest, -1, COUNT_FROM_PROOF, now);
  }

  private VerifiedBatch verifyBound(CertificationToken verifiedToken, String proof, String batchDigest,
      int batchLength, int messageCount, Instant now) throws VerificationException {
    if (!verifiedToken.signatureVerified()) {
      return verifyFull(verifiedToken.compact(), proof, batchDigest, batchLength, messageCount, now);
    }
    BatchProof.Parsed parsedProof = BatchProof.parse(proof, proofKeys);
    JoseChecks.requireAlg(parsedProof.jws, ReasonCode.PROOF_ALG_NOT_ALLOWED, "proof");
    JoseChecks.requireTyp(parsedProof.jws, BatchProof.TYPE, ReasonCode.PROOF_TYPE_INVALID, "proof");
    keyOrThrow(verifiedToken.keyId());
    requireProofSignature(parsedProof);
    checkTokenIdentity(verifiedToken.claims());
    checkProofAudience(parsedProof.proof);
    checkTokenTime(verifiedToken.claims(), now);
    checkBinding(verifiedToken, parsedProof.proof, batchDigest, batchLength, messageCount, now);
    parsedProof.rememberKeyIn(proofKeys);
    return new VerifiedBatch(verifiedToken, parsedProof.proof);
  }

  private static CertificationClaims claimsOrThrow(CompactJws tokenJws) throws VerificationException {
    try {
      return CertificationClaims.fromJson(tokenJws.payload());
    } catch (io.tqc.api.TqcException e) {
      throw new VerificationException(ReasonCode.TOKEN_MALFORMED, e.detail());
    }
  }

  private VerificationKey keyOrThrow(String kid) throws VerificationException {
    VerificationKey key = keys.find(kid);
    if (key == null) {
      throw new VerificationException(ReasonCode.TOKEN_KEY_UNKNOWN,
          "no relay key with kid \"" + Json.sanitize(kid) + "\"");
    }
    return key;
  }

  private static void requireTokenSignature(CompactJws jws, VerificationKey key) throws VerificationException {
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw new VerificationException(ReasonCode.TOKEN_SIGNATURE_INVALID, "token signature does not verify");
    }
  }

  private static void requireProofSignature(BatchProof.Parsed parsed) throws VerificationException {
    if (!parsed.proof.key().verify(parsed.jws.signingInput(), parsed.jws.signature())) {
      throw new VerificationException(ReasonCode.PROOF_SIGNATURE_INVALID,
          "proof signature does not verify with its header key");
    }
  }

  private void checkTokenIdentity(CertificationClaims claims) throws VerificationException {
    if (!relayId.equals(claims.issuer())) {
      throw new VerificationException(ReasonCode.TOKEN_ISSUER_INVALID,
          "token iss \"" + Json.sanitize(claims.issuer()) + "\" is not this relay");
    }
    if (!claims.audience().contains(relayId)) {
      throw new VerificationException(ReasonCode.TOKEN_AUDIENCE_INVALID, "token aud does not include this relay");
    }
  }

  private void checkProofAudience(BatchProof proof) throws VerificationException {
    if (!relayId.equals(proof.audience())) {
      throw new VerificationException(ReasonCode.PROOF_AUDIENCE_INVALID,
          "proof aud \"" + Json.sanitize(proof.audience()) + "\" is not this relay");
    }
  }

  private void checkTokenTime(CertificationClaims claims, Instant now) throws VerificationException {
    long nowSeconds = now.getEpochSecond();
    if (nowSeconds + skewSeconds < claims.notBefore().getEpochSecond()) {
      throw new VerificationException(ReasonCode.TOKEN_NOT_YET_VALID, "token nbf " + claims.notBefore()
          + " is after now " + now + " plus skew " + skewSeconds + " s");
    }
    if (nowSeconds - skewSeconds >= claims.expiresAt().getEpochSecond()) {
      throw new VerificationException(ReasonCode.TOKEN_EXPIRED, "token expired at " + claims.expiresAt());
    }
    if (nowSeconds >= claims.certificationExpiresAt().getEpochSecond()) {
      throw new VerificationException(ReasonCode.CERTIFICATION_EXPIRED,
          "certification " + claims.certificationId() + " ended at " + claims.certificationExpiresAt());
    }
  }

  private void checkBinding(CertificationToken token, BatchProof proof, String bodyDigest, int batchLength,
      int messageCount, Instant now) throws VerificationException {
    if (!Digests.constantTimeEquals(proof.key().thumbprint(), token.claims().keyThumbprint())) {
      throw new VerificationException(ReasonCode.PROOF_KEY_MISMATCH,
          "proof key thumbprint is not the token's cnf.jkt");
    }
    long age = now.getEpochSecond() - proof.issuedAt().getEpochSecond();
    if (age > proofMaxAgeSeconds || -age > proofMaxFutureSeconds) {
      throw new VerificationException(ReasonCode.PROOF_STALE, "proof iat " + proof.issuedAt()
          + " is outside [-" + proofMaxAgeSeconds + " s, +" + proofMaxFutureSeconds + " s] of now " + now);
    }
    if (!Digests.constantTimeEquals(proof.tokenDigest(), token.digest())) {
      throw new VerificationException(ReasonCode.PROOF_TOKEN_MISMATCH, "proof ath is not the digest of this token");
    }
    if (!Digests.constantTimeEquals(proof.bodyDigest(), bodyDigest)) {
      throw new VerificationException(ReasonCode.BATCH_DIGEST_MISMATCH, "proof bh is not the SHA-256 of the "
          + (batchLength >= 0 ? batchLength + " " : "") + "batch bytes received");
    }
    if (messageCount != COUNT_FROM_PROOF && proof.messageCount() != messageCount) {
      throw new VerificationException(ReasonCode.BATCH_COUNT_MISMATCH,
          "proof n=" + proof.messageCount() + " but the batch holds " + messageCount + " messages");
    }
  }

  /** Builds a {@link CertificationVerifier}. */
  public static final class Builder {
    private String relayId;
    private KeySet keys;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Duration proofMaxAge = DEFAULT_PROOF_MAX_AGE;
    private Duration proofMaxFuture = DEFAULT_PROOF_MAX_FUTURE;
    private int proofKeyCacheSize = DEFAULT_PROOF_KEY_CACHE_SIZE;
    private ProofKeys sharedProofKeys;

    /** The relay id: tokens must carry it as {@code iss} and in {@code aud}; proofs as {@code aud}. */
    public Builder relayId(String relayId) {
      this.relayId = relayId;
      return this;
    }

    /** The relay's public keys (JWKS). */
    public Builder keys(KeySet keys) {
      this.keys = keys;
      return this;
    }

    /** Clock skew tolerated on token {@code nbf}/{@code exp}; default 30 s, at most 5 min. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
      return this;
    }

    /** How old a proof's {@code iat} may be; default 60 s. */
    public Builder proofMaxAge(Duration proofMaxAge) {
      this.proofMaxAge = proofMaxAge;
      return this;
    }

    /** How far ahead a proof's {@code iat} may be; default 5 s. */
    public Builder proofMaxFuture(Duration proofMaxFuture) {
      this.proofMaxFuture = proofMaxFuture;
      return this;
    }

    /**
     * How many reseller keys to remember from proof headers (default
     * {@value CertificationVerifier#DEFAULT_PROOF_KEY_CACHE_SIZE}; {@code 0} decodes every proof's
     * key). Every proof a reseller signs carries the same header, so a remembered key skips the
     * header key's decoding (JSON, curve point, thumbprint) on its later batches; the proof's
     * signature is still verified every time. Size it to the resellers that send; when full, the
     * remembered keys are dropped and decoded again.
     */
    public Builder proofKeyCacheSize(int proofKeyCacheSize) {
      if (proofKeyCacheSize < 0) {
        throw new IllegalArgumentException("proofKeyCacheSize must be >= 0");
      }
      this.proofKeyCacheSize = proofKeyCacheSize;
      return this;
    }

    /** Validates and builds. */
    public CertificationVerifier build() {
      return new CertificationVerifier(this);
    }
  }
}
