package io.tqc.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TQC checks written with nimbus-jose-jwt, for comparison only: token (cached by SHA-256 of
 * the token, like TQC's relay), proof signature by its embedded JWK, jkt binding, aud, iat window,
 * ath, bh and n. Not production code.
 */
final class NimbusBatchVerifier {
  private static final JOSEObjectType TOKEN_TYPE = new JOSEObjectType("tqc-cert+jwt");
  private static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("tqc-batch+jwt");

  private final String relayId;
  private final JWKSet keys;
  private final Map<String, JWTClaimsSet> tokenCache = new ConcurrentHashMap<>();

  NimbusBatchVerifier(String relayId, String jwksJson) throws Exception {
    this.relayId = relayId;
    this.keys = JWKSet.parse(jwksJson);
  }

  JWTClaimsSet verify(String token, String proof, byte[] batch, int count, Instant now) throws Exception {
    String ath = Base64URL.encode(sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).toString();
    JWTClaimsSet tokenClaims = tokenCache.get(ath);
    if (tokenClaims == null) {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      require(JWSAlgorithm.EdDSA.equals(header.getAlgorithm()), "token alg");
      require(TOKEN_TYPE.equals(header.getType()), "token typ");
      JWK key = keys.getKeyByKeyId(header.getKeyID());
      require(key instanceof OctetKeyPair, "token kid");
      require(jwt.verify(new Ed25519Verifier((OctetKeyPair) key)), "token signature");
      tokenClaims = jwt.getJWTClaimsSet();
      require(relayId.equals(tokenClaims.getIssuer()), "iss");
      require(tokenClaims.getAudience().contains(relayId), "aud");
      tokenCache.put(ath, tokenClaims);
    }
    Date date = Date.from(now);
    require(!tokenClaims.getNotBeforeTime().after(new Date(date.getTime() + 30_000)), "nbf");
    require(tokenClaims.getExpirationTime().after(new Date(date.getTime() - 30_000)), "exp");
    SignedJWT proofJwt = SignedJWT.parse(proof);
    JWSHeader proofHeader = proofJwt.getHeader();
    require(JWSAlgorithm.EdDSA.equals(proofHeader.getAlgorithm()), "proof alg");
    require(PROOF_TYPE.equals(proofHeader.getType()), "proof typ");
    OctetKeyPair proofKey = (OctetKeyPair) proofHeader.getJWK();
    require(proofKey != null && !proofKey.isPrivate(), "proof jwk");
    require(proofJwt.verify(new Ed25519Verifier(proofKey)), "proof signature");
    JWTClaimsSet proofClaims = proofJwt.getJWTClaimsSet();
    require(proofClaims.getAudience().contains(relayId), "proof aud");
    @SuppressWarnings("unchecked")
    Map<String, Object> cnf = (Map<String, Object>) tokenClaims.getClaim("cnf");
    require(proofKey.computeThumbprint().toString().equals(cnf.get("jkt")), "jkt");
    long age = now.getEpochSecond() - proofClaims.getIssueTime().toInstant().getEpochSecond();
    require(age <= 60 && age >= -5, "iat window");
    require(ath.equals(proofClaims.getStringClaim("ath")), "ath");
    require(Base64URL.encode(sha256(batch)).toString().equals(proofClaims.getStringClaim("bh")), "bh");
    require(proofClaims.getLongClaim("n") == count, "n");
    return proofClaims;
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("nimbus check failed: " + what);
    }
  }
}
