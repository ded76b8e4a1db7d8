package io.tqc.api.status;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.testing.Jose;
import io.tqc.api.testing.TestKeys;
import io.tqc.api.token.ResellerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedStatusTest {
  static final String RELAY = "https://relay.example.kr";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final Duration SKEW = Duration.ofSeconds(30);
  static final SigningKey RELAY_KEY = TestKeys.fromSeed(1);
  static final SigningKey OTHER_KEY = TestKeys.fromSeed(3);
  static final KeySet KEYS = KeySet.of(RELAY_KEY.verificationKey());
  final ResellerId reseller = id("124-81-00998");

  static ResellerId id(String text) {
    try {
      return ResellerId.parse(text);
    } catch (TqcException e) {
      throw new AssertionError(e);
    }
  }

  SignedStatus sign(CertificationStatus status, String reason, long seq) {
    return SignedStatus.sign(RELAY, reseller, "cert-2026-0001", status, reason, seq, NOW, Duration.ofSeconds(60),
        RELAY_KEY);
  }

  SignedStatus verify(String compact, Instant now) throws Exception {
    return SignedStatus.verify(compact, KEYS, RELAY, reseller, now, SKEW);
  }

  void assertInvalid(String compact, Instant now) {
    assertRefused(() -> SignedStatus.verify(compact, KEYS, RELAY, reseller, now, SKEW), ReasonCode.STATUS_INVALID);
  }

  Map<String, Object> header() {
    return map("alg", "EdDSA", "typ", SignedStatus.TYPE, "kid", RELAY_KEY.keyId());
  }

  Map<String, Object> claims() {
    return map("iss", RELAY, "sub", reseller.value(), "cert_id", "cert-2026-0001", "status", "ACTIVE", "seq", 7,
        "iat", NOW.getEpochSecond(), "exp", NOW.getEpochSecond() + 60);
  }

  @Test
  void signedStatus_verifiesWithAllItsFields() throws Exception {
    SignedStatus signed = sign(CertificationStatus.SUSPENDED, "spam complaint #42", 7);

    SignedStatus verified = verify(signed.compact(), NOW.plusSeconds(30));

    assertThat(verified.status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(verified.reason()).isEqualTo("spam complaint #42");
    assertThat(verified.sequence()).isEqualTo(7);
    assertThat(verified.subject()).isEqualTo(reseller);
    assertThat(verified.issuer()).isEqualTo(RELAY);
    assertThat(verified.certificationId()).isEqualTo("cert-2026-0001");
    assertThat(verified.issuedAt()).isEqualTo(NOW);
    assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(Jose.part(signed.compact(), 0)).contains("\"typ\":\"tqc-status+jwt\"");
  }

  @Test
  void reasonIsOptional() throws Exception {
    SignedStatus signed = sign(CertificationStatus.ACTIVE, null, 0);

    assertThat(Jose.part(signed.compact(), 1)).doesNotContain("reason");
    assertThat(verify(signed.compact(), NOW).reason()).isNull();
  }

  @Test
  void statusSignedByAnotherKey_isInvalid() {
    SignedStatus byOther = SignedStatus.sign(RELAY, reseller, "cert-2026-0001", CertificationStatus.ACTIVE, null, 1,
        NOW, Duration.ofSeconds(60), OTHER_KEY);

    assertInvalid(byOther.compact(), NOW);
    assertInvalid(Jose.sign(header(), claims(), OTHER_KEY), NOW);
  }

  @Test
  void statusOfAnotherReseller_isInvalid() {
    SignedStatus forOther = SignedStatus.sign(RELAY, id("220-81-62517"), "cert-2026-0001",
        CertificationStatus.ACTIVE, null, 1, NOW, Duration.ofSeconds(60), RELAY_KEY);

    assertInvalid(forOther.compact(), NOW);
  }

  @Test
  void statusOfAnotherIssuer_isInvalid() {
    SignedStatus byOtherRelay = SignedStatus.sign("https://b.example", reseller, "cert-2026-0001",
        CertificationStatus.ACTIVE, null, 1, NOW, Duration.ofSeconds(60), RELAY_KEY);

    assertInvalid(byOtherRelay.compact(), NOW);
  }

  @Test
  void expiredStatus_isInvalidOnceTheSkewHasPassed() throws Exception {
    String compact = sign(CertificationStatus.ACTIVE, null, 1).compact();

    assertThat(verify(compact, NOW.plusSeconds(60 + 29))).isNotNull();
    assertInvalid(compact, NOW.plusSeconds(60 + 30));
  }

  @Test
  void statusFromTheFuture_isInvalid() {
    assertInvalid(sign(CertificationStatus.ACTIVE, null, 1).compact(), NOW.minusSeconds(31));
  }

  @Test
  void malformedStatuses_areInvalid() {
    Object[][] edits = {
        {"status", "PAUSED"}, {"status", "active"}, {"status", 0}, {"cert_id", "cert 1"}, {"cert_id", ""},
        {"reason", "r".repeat(257)}, {"reason", 1}, {"seq", -1}, {"seq", "7"}, {"seq", 1.5}, {"exp", "later"},
        {"iat", null}, {"admin", true}, {"sub", "124-81-00998"}};
    for (Object[] edit : edits) {
      Map<String, Object> claims = claims();
      claims.put((String) edit[0], edit[1]);
      assertInvalid(Jose.sign(header(), claims, RELAY_KEY), NOW);
    }
    Map<String, Object> tokenTyp = header();
    tokenTyp.put("typ", "tqc-cert+jwt");
    Map<String, Object> none = header();
    none.put("alg", "none");
    Map<String, Object> unknownKid = header();
    unknownKid.put("kid", "unknown");
    for (Map<String, Object> header : java.util.List.of(tokenTyp, none, unknownKid)) {
      assertInvalid(Jose.sign(header, claims(), RELAY_KEY), NOW);
    }
    assertInvalid("", NOW);
    assertInvalid("a.b.c", NOW);
  }

  @Test
  void sign_refusesInvalidArguments() {
    assertThatThrownBy(() -> SignedStatus.sign(RELAY, reseller, "cert 1", CertificationStatus.ACTIVE, null, 1, NOW,
        Duration.ofSeconds(60), RELAY_KEY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sign(CertificationStatus.ACTIVE, null, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sign(CertificationStatus.ACTIVE, "r".repeat(257), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedStatus.sign(RELAY, reseller, "cert-1", CertificationStatus.ACTIVE, null, 1, NOW,
        Duration.ZERO, RELAY_KEY)).isInstanceOf(IllegalArgumentException.class);
  }
}
