package io.tqc.api.token;

import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY;
import static io.tqc.api.token.Fixture.RELAY_KEY;
import static io.tqc.api.token.Fixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.testing.Jose;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token checks, each reason code produced through the public API, alone and with a proof. */
class TokenVerificationTest {
  final CertificationVerifier verifier = Fixture.verifier();

  /** Refused the same way by verifyToken and by the full verify with a proof bound to it. */
  void assertTokenRefused(String token, ReasonCode expected) {
    assertRefused(() -> verifier.verifyToken(token, NOW), expected);
    String proof = Fixture.signProof(Fixture.proofHeader(), Fixture.proofClaims(token));
    assertRefused(() -> verifier.verify(token, proof, BODY, COUNT, NOW), expected);
  }

  void assertTokenRefused(CertificationClaims.Builder claims, ReasonCode expected) {
    assertTokenRefused(Fixture.token(claims).compact(), expected);
  }

  @Test
  void validToken_verifiesAndExposesItsClaims() throws Exception {
    CertificationToken signed = Fixture.token();

    CertificationToken verified = verifier.verifyToken(signed.compact(), NOW);

    assertThat(verified.compact()).isEqualTo(signed.compact());
    assertThat(verified.keyId()).isEqualTo(RELAY_KEY.keyId());
    assertThat(verified.digest()).isEqualTo(signed.digest()).hasSize(43);
    CertificationClaims claims = verified.claims();
    assertThat(claims.issuer()).isEqualTo(RELAY);
    assertThat(claims.subject().value()).isEqualTo("1248100998");
    assertThat(claims.audience()).containsExactly(RELAY);
    assertThat(claims.keyThumbprint()).isEqualTo(Fixture.RESELLER_KEY.verificationKey().thumbprint());
    assertThat(claims.senderNumbers()).containsExactly("0212345678", "15881234");
    assertThat(claims.originCode()).isEqualTo("123456789");
    assertThat(claims.statusListIndex()).isEqualTo(7);
    assertThat(claims.allowsAdvertising()).isTrue();
    assertThat(verified.toString()).doesNotContain(signed.compact());
  }

  @Test
  void tokenForSeveralRelays_verifiesAtEachOfThem() throws Exception {
    CertificationToken token = Fixture.token(Fixture.claims().audience(Arrays.asList("https://b.example", RELAY)));

    assertThat(verifier.verifyToken(token.compact(), NOW).claims().audience()).contains(RELAY);
  }

  @Test
  void notACompactJws_isTokenMalformed() {
    assertTokenRefused("not-a-token", ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused("", ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused("a.b.c.d", ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(".e30.", ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void missingClaim_isTokenMalformed() {
    Map<String, Object> claims = Fixture.tokenClaims();
    claims.remove("exp");

    assertTokenRefused(Fixture.signToken(Fixture.tokenHeader(), claims), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void tokenLongerThan8KiB_isTokenMalformed() {
    Map<String, Object> claims = Fixture.tokenClaims();
    claims.put("iss", RELAY + "/" + "a".repeat(6200));
    String token = Fixture.signToken(Fixture.tokenHeader(), claims);
    assertThat(token.length()).isGreaterThan(8 * 1024);

    assertTokenRefused(token, ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void algOtherThanEdDsa_isTokenAlgNotAllowed() {
    for (String alg : new String[] {"ES256", "RS256", "HS256", "none", "eddsa", "EdDSA ", "Ed25519"}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put("alg", alg);
      assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_ALG_NOT_ALLOWED);
    }
  }

  @Test
  void typOtherThanCertificationToken_isTokenTypeInvalid() {
    for (String typ : new String[] {"JWT", "tqc-batch+jwt", "TQC-CERT+JWT", "application/tqc-cert+jwt", ""}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put("typ", typ);
      assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_TYPE_INVALID);
    }
  }

  @Test
  void kidNotInTheRelayKeySet_isTokenKeyUnknown() {
    CertificationToken token = CertificationToken.sign(Fixture.claims().build(), OTHER_KEY);

    assertTokenRefused(token.compact(), ReasonCode.TOKEN_KEY_UNKNOWN);
  }

  @Test
  void signatureByAnotherKeyUnderTheRelayKid_isTokenSignatureInvalid() {
    String forged = Jose.sign(Fixture.tokenHeader(), Fixture.tokenClaims(), OTHER_KEY);

    assertTokenRefused(forged, ReasonCode.TOKEN_SIGNATURE_INVALID);
  }

  @Test
  void claimsAlteredAfterSigning_isTokenSignatureInvalid() {
    String token = Fixture.token().compact();
    Map<String, Object> claims = Fixture.tokenClaims();
    claims.put("exp", NOW.plusSeconds(86400).getEpochSecond());
    String[] parts = token.split("\\.");
    String altered = parts[0] + "." + Jose.b64(io.tqc.api.internal.Json.write(claims)) + "." + parts[2];

    assertTokenRefused(altered, ReasonCode.TOKEN_SIGNATURE_INVALID);
  }

  @Test
  void issuerOtherThanThisRelay_isTokenIssuerInvalid() {
    assertTokenRefused(Fixture.claims().issuer("https://other.example.kr").audience(Collections.singletonList(RELAY)),
        ReasonCode.TOKEN_ISSUER_INVALID);
  }

  @Test
  void audienceWithoutThisRelay_isTokenAudienceInvalid() {
    assertTokenRefused(Fixture.claims().audience(Arrays.asList("https://a.example", "https://b.example")),
        ReasonCode.TOKEN_AUDIENCE_INVALID);
  }

  @Test
  void nbf_isHonouredWithTheDefault30SecondSkew() throws Exception {
    CertificationToken atEdge = Fixture.token(Fixture.claims().notBefore(NOW.plusSeconds(30)));
    CertificationToken beyond = Fixture.token(Fixture.claims().notBefore(NOW.plusSeconds(31)));

    assertThat(verifier.verifyToken(atEdge.compact(), NOW)).isNotNull();
    assertTokenRefused(beyond.compact(), ReasonCode.TOKEN_NOT_YET_VALID);
  }

  @Test
  void exp_isHonouredWithTheDefault30SecondSkew() throws Exception {
    CertificationToken token = Fixture.token(Fixture.claims().expiresAt(NOW));

    assertThat(verifier.verifyToken(token.compact(), NOW.plusSeconds(29))).isNotNull();
    assertThat(verifier.verifyToken(token.compact(), NOW.plusSeconds(29).plusMillis(999))).isNotNull();
    assertRefused(() -> verifier.verifyToken(token.compact(), NOW.plusSeconds(30)), ReasonCode.TOKEN_EXPIRED);
    assertTokenRefused(Fixture.claims().issuedAt(NOW.minusSeconds(600)).expiresAt(NOW.minusSeconds(30)),
        ReasonCode.TOKEN_EXPIRED);
  }

  @Test
  void configuredSkew_replacesTheDefault() throws Exception {
    CertificationVerifier strict = new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .clockSkew(Duration.ZERO).build();
    CertificationVerifier lenient = new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .clockSkew(CertificationVerifier.MAX_CLOCK_SKEW).build();
    String token = Fixture.token(Fixture.claims().expiresAt(NOW)).compact();

    assertRefused(() -> strict.verifyToken(token, NOW), ReasonCode.TOKEN_EXPIRED);
    assertThat(strict.verifyToken(token, NOW.minusSeconds(1))).isNotNull();
    assertThat(lenient.verifyToken(token, NOW.plusSeconds(299))).isNotNull();
    assertRefused(() -> lenient.verifyToken(token, NOW.plusSeconds(300)), ReasonCode.TOKEN_EXPIRED);
  }

  @Test
  void builder_refusesASkewAboveFiveMinutesOrBelowZero() {
    CertificationVerifier.Builder builder = new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys());

    assertThat(CertificationVerifier.DEFAULT_CLOCK_SKEW).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> builder.clockSkew(Duration.ofMinutes(5).plusSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.clockSkew(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.clockSkew(null).build()).isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.clockSkew(Duration.ofMinutes(5)).build()).isNotNull();
  }

  @Test
  void builder_refusesMissingRelayOrKeysAndOutOfRangeProofWindows() {
    assertThatThrownBy(() -> new CertificationVerifier.Builder().keys(Fixture.relayKeys()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificationVerifier.Builder().relayId("").keys(Fixture.relayKeys()).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificationVerifier.Builder().relayId(RELAY).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .proofMaxAge(Duration.ofMinutes(11)).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .proofMaxAge(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CertificationVerifier.Builder().relayId(RELAY).keys(Fixture.relayKeys())
        .proofMaxFuture(Duration.ofMinutes(6)).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void certificationEnd_isCheckedWithoutSkew() throws Exception {
    CertificationClaims.Builder endsNow = Fixture.claims().certificationExpiresAt(NOW);
    CertificationToken endsNext = Fixture.token(Fixture.claims().certificationExpiresAt(NOW.plusSeconds(1)));

    assertTokenRefused(endsNow, ReasonCode.CERTIFICATION_EXPIRED);
    assertThat(verifier.verifyToken(endsNext.compact(), NOW)).isNotNull();
  }

  @Test
  void withKeys_afterRotation_verifiesNewTokensAndRefusesTokensOfTheRetiredKey() throws Exception {
    io.tqc.api.key.SigningKey newKey = io.tqc.api.testing.TestKeys.fromSeed(4);
    CertificationVerifier rotated = verifier.withKeys(Fixture.relayKeys().with(newKey.verificationKey())
        .without(RELAY_KEY.keyId()));
    String oldToken = Fixture.token().compact();
    String newToken = CertificationToken.sign(Fixture.claims().build(), newKey).compact();

    assertThat(rotated.verifyToken(newToken, NOW).keyId()).isEqualTo(newKey.keyId());
    assertRefused(() -> rotated.verifyToken(oldToken, NOW), ReasonCode.TOKEN_KEY_UNKNOWN);
    assertThat(rotated.relayId()).isEqualTo(RELAY);
    assertThat(rotated.proofAcceptanceWindow()).isEqualTo(Duration.ofSeconds(65));
  }

  @Test
  void subSecondNow_isTruncatedToTheSecond() throws Exception {
    String token = Fixture.token(Fixture.claims().certificationExpiresAt(NOW.plusSeconds(1))).compact();

    assertThat(verifier.verifyToken(token, NOW.plusMillis(999))).isNotNull();
    assertRefused(() -> verifier.verifyToken(token, Instant.ofEpochSecond(NOW.getEpochSecond() + 1)),
        ReasonCode.CERTIFICATION_EXPIRED);
  }
}
