package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;

import io.tqc.api.TqcException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.testing.Jose;
import io.tqc.api.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One relay, one reseller and one valid token + proof + batch at a fixed instant, plus the raw
 * headers and claims so that tests can sign variants the production signers never produce.
 */
final class Fixture {
  static final String RELAY = "https://relay.example.kr";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final SigningKey RELAY_KEY = TestKeys.fromSeed(1);
  static final SigningKey RESELLER_KEY = TestKeys.fromSeed(2);
  static final SigningKey OTHER_KEY = TestKeys.fromSeed(3);
  static final ResellerId RESELLER = resellerId("124-81-00998");
  static final byte[] BODY = ("{\"sender_number\":\"0212345678\",\"advertising\":true,"
      + "\"messages\":[{\"to\":\"01012345678\",\"text\":\"(광고) TQC 테스트\"}]}").getBytes(StandardCharsets.UTF_8);
  static final int COUNT = 1;

  private Fixture() {}

  static ResellerId resellerId(String text) {
    try {
      return ResellerId.parse(text);
    } catch (TqcException e) {
      throw new AssertionError(e);
    }
  }

  /** Valid claims: issued a minute ago, valid ten minutes, certification valid a year. */
  static CertificationClaims.Builder claims() {
    return new CertificationClaims.Builder()
        .issuer(RELAY)
        .subject(RESELLER)
        .issuedAt(NOW.minusSeconds(60))
        .expiresAt(NOW.plusSeconds(600))
        .tokenId("tok-AAAAAAAAAAAAAAAAAAAA")
        .keyThumbprint(RESELLER_KEY.verificationKey().thumbprint())
        .certificationId("cert-2026-0001")
        .certificationExpiresAt(NOW.plusSeconds(365L * 86400))
        .senderNumbers(Arrays.asList("0212345678", "15881234"))
        .originCode("123456789")
        .statusListIndex(7)
        .statusListUri(RELAY + "/v1/status-lists/0");
  }

  static CertificationToken token() {
    return CertificationToken.sign(claims().build(), RELAY_KEY);
  }

  static CertificationToken token(CertificationClaims.Builder claims) {
    return CertificationToken.sign(claims.build(), RELAY_KEY);
  }

  static BatchProof proof(CertificationToken token) {
    return proof(token, NOW);
  }

  static BatchProof proof(CertificationToken token, Instant issuedAt) {
    return new BatchProofSigner(RESELLER_KEY, RELAY).sign(token, BODY, COUNT, issuedAt);
  }

  static KeySet relayKeys() {
    return KeySet.of(RELAY_KEY.verificationKey());
  }

  static CertificationVerifier verifier() {
    return new CertificationVerifier.Builder().relayId(RELAY).keys(relayKeys()).build();
  }

  // ---- Raw material for hand-signed variants ----

  static Map<String, Object> tokenHeader() {
    return map("alg", "EdDSA", "typ", CertificationToken.TYPE, "kid", RELAY_KEY.keyId());
  }

  static Map<String, Object> tokenClaims() {
    return claims().build().toJson();
  }

  static String signToken(Map<String, Object> header, Map<String, Object> claims) {
    return Jose.sign(header, claims, RELAY_KEY);
  }

  static Map<String, Object> resellerJwk() {
    return map("kty", "OKP", "crv", "Ed25519",
        "x", Base64Url.encode(RESELLER_KEY.verificationKey().rawBytes()));
  }

  static Map<String, Object> proofHeader() {
    return map("alg", "EdDSA", "typ", BatchProof.TYPE, "jwk", resellerJwk());
  }

  static Map<String, Object> proofClaims(String token) {
    return map("jti", "batch-AAAAAAAAAAAAAAAAAA", "iat", NOW.getEpochSecond(), "aud", RELAY,
        "ath", Digests.sha256Base64Url(token), "bh", Digests.sha256Base64Url(BODY), "n", COUNT);
  }

  static String signProof(Map<String, Object> header, Map<String, Object> claims) {
    return Jose.sign(header, claims, RESELLER_KEY);
  }
}
