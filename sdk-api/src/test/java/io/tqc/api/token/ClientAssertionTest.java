package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.OTHER_KEY;
import static io.tqc.api.token.Fixture.RELAY;
import static io.tqc.api.token.Fixture.RESELLER;
import static io.tqc.api.token.Fixture.RESELLER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.testing.Jose;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientAssertionTest {
  static final Duration SKEW = Duration.ofSeconds(30);
  final Collection<VerificationKey> registered = List.of(RESELLER_KEY.verificationKey());

  ClientAssertion verify(String assertion, Instant now) throws VerificationException {
    return ClientAssertion.verify(assertion, RESELLER, registered, RELAY, now, SKEW);
  }

  void assertInvalid(String assertion, Instant now) {
    assertRefused(() -> verify(assertion, now), ReasonCode.ASSERTION_INVALID);
  }

  Map<String, Object> header() {
    return map("alg", "EdDSA", "typ", ClientAssertion.TYPE, "kid", RESELLER_KEY.verificationKey().thumbprint());
  }

  Map<String, Object> claims() {
    return map("iss", RESELLER.value(), "sub", RESELLER.value(), "aud", RELAY, "iat", NOW.getEpochSecond(),
        "exp", NOW.getEpochSecond() + 60, "jti", "assert-AAAAAAAAAAAAAAAA");
  }

  @Test
  void createdAssertion_verifies() throws Exception {
    String assertion = ClientAssertion.create(RESELLER_KEY, RESELLER, RELAY, NOW, Duration.ofMinutes(1));

    ClientAssertion verified = verify(assertion, NOW);

    assertThat(verified.reseller()).isEqualTo(RESELLER);
    assertThat(verified.keyThumbprint()).isEqualTo(RESELLER_KEY.verificationKey().thumbprint());
    assertThat(verified.issuedAt()).isEqualTo(NOW);
    assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(verified.assertionId()).hasSizeGreaterThanOrEqualTo(22);
    assertThat(ClientAssertion.peekIssuer(assertion)).isEqualTo(RESELLER.value());
    assertThat(Jose.part(assertion, 0)).contains("\"typ\":\"tqc-assert+jwt\"");
  }

  @Test
  void anyOfSeveralRegisteredKeys_mayAssert() throws Exception {
    String assertion = ClientAssertion.create(OTHER_KEY, RESELLER, RELAY, NOW, Duration.ofMinutes(5));

    ClientAssertion verified = ClientAssertion.verify(assertion, RESELLER,
        Arrays.asList(RESELLER_KEY.verificationKey(), OTHER_KEY.verificationKey()), RELAY, NOW, SKEW);

    assertThat(verified.keyThumbprint()).isEqualTo(OTHER_KEY.verificationKey().thumbprint());
  }

  @Test
  void create_refusesLifetimesOutsideZeroToFiveMinutes() {
    assertThatThrownBy(() -> ClientAssertion.create(RESELLER_KEY, RESELLER, RELAY, NOW, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClientAssertion.create(RESELLER_KEY, RESELLER, RELAY, NOW, Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void assertionForAnotherRelay_isInvalid() {
    assertInvalid(ClientAssertion.create(RESELLER_KEY, RESELLER, "https://b.example", NOW, Duration.ofMinutes(1)), NOW);
  }

  @Test
  void lifetimeAboveFiveMinutes_isInvalid() throws Exception {
    Map<String, Object> claims = claims();
    claims.put("exp", NOW.getEpochSecond() + 301);
    Map<String, Object> atLimit = claims();
    atLimit.put("exp", NOW.getEpochSecond() + 300);

    assertInvalid(Jose.sign(header(), claims, RESELLER_KEY), NOW);
    assertThat(verify(Jose.sign(header(), atLimit, RESELLER_KEY), NOW)).isNotNull();
  }

  @Test
  void expNotAfterIat_isInvalid() {
    Map<String, Object> claims = claims();
    claims.put("exp", NOW.getEpochSecond());

    assertInvalid(Jose.sign(header(), claims, RESELLER_KEY), NOW);
  }

  @Test
  void expiredAssertion_isInvalidOnceTheSkewHasPassed() throws Exception {
    String assertion = ClientAssertion.create(RESELLER_KEY, RESELLER, RELAY, NOW, Duration.ofMinutes(1));

    assertThat(verify(assertion, NOW.plusSeconds(60 + 29))).isNotNull();
    assertInvalid(assertion, NOW.plusSeconds(60 + 30));
  }

  @Test
  void assertionFromTheFuture_isInvalid() {
    String assertion = ClientAssertion.create(RESELLER_KEY, RESELLER, RELAY, NOW.plusSeconds(31), Duration.ofMinutes(1));

    assertInvalid(assertion, NOW);
  }

  @Test
  void keyNotRegisteredForTheReseller_isInvalid() {
    assertInvalid(ClientAssertion.create(OTHER_KEY, RESELLER, RELAY, NOW, Duration.ofMinutes(1)), NOW);
  }

  @Test
  void registeredKidButAnotherSigner_isInvalid() {
    assertInvalid(Jose.sign(header(), claims(), OTHER_KEY), NOW);
  }

  @Test
  void issuerOtherThanSubject_isInvalid() {
    ResellerId other = Fixture.resellerId("220-81-62517");
    Map<String, Object> issOther = claims();
    issOther.put("iss", other.value());
    Map<String, Object> subOther = claims();
    subOther.put("sub", other.value());
    Map<String, Object> dashed = claims();
    dashed.put("iss", RESELLER.formatted());
    dashed.put("sub", RESELLER.formatted());

    assertInvalid(Jose.sign(header(), issOther, RESELLER_KEY), NOW);
    assertInvalid(Jose.sign(header(), subOther, RESELLER_KEY), NOW);
    assertInvalid(Jose.sign(header(), dashed, RESELLER_KEY), NOW);
  }

  @Test
  void assertionOfAnotherReseller_isInvalid() {
    String assertion = ClientAssertion.create(RESELLER_KEY, Fixture.resellerId("220-81-62517"), RELAY, NOW,
        Duration.ofMinutes(1));

    assertInvalid(assertion, NOW);
  }

  @Test
  void structuralAndHeaderDefects_areInvalid() {
    Map<String, Object> none = header();
    none.put("alg", "none");
    Map<String, Object> tokenTyp = header();
    tokenTyp.put("typ", CertificationToken.TYPE);
    Map<String, Object> withJwk = header();
    withJwk.put("jwk", map("kty", "OKP"));
    Map<String, Object> extraClaim = claims();
    extraClaim.put("scope", "admin");
    Map<String, Object> shortJti = claims();
    shortJti.put("jti", "abc");
    Map<String, Object> stringIat = claims();
    stringIat.put("iat", String.valueOf(NOW.getEpochSecond()));

    for (String assertion : new String[] {"", "x.y.z", Jose.sign(none, claims(), RESELLER_KEY),
        Jose.sign(tokenTyp, claims(), RESELLER_KEY), Jose.sign(withJwk, claims(), RESELLER_KEY),
        Jose.sign(header(), extraClaim, RESELLER_KEY), Jose.sign(header(), shortJti, RESELLER_KEY),
        Jose.sign(header(), stringIat, RESELLER_KEY), Fixture.token().compact()}) {
      assertInvalid(assertion, NOW);
    }
  }

  @Test
  void peekIssuer_returnsNullForGarbage() {
    assertThat(ClientAssertion.peekIssuer("garbage")).isNull();
    assertThat(ClientAssertion.peekIssuer(null)).isNull();
  }
}
