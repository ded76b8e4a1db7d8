package io.tqc.api.token;

import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.testing.Jose;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CertificationClaimsTest {

  @Test
  void defaults_audienceIsTheIssuerNbfIsIatScopeIsAdvertising() {
    CertificationClaims claims = Fixture.claims().build();

    assertThat(claims.audience()).containsExactly(RELAY);
    assertThat(claims.notBefore()).isEqualTo(claims.issuedAt());
    assertThat(claims.scope()).containsExactly(CertificationClaims.SCOPE_ADVERTISING);
  }

  @Test
  void signedClaims_decodeToTheSameValues() throws Exception {
    CertificationClaims claims = Fixture.claims().audience(Arrays.asList(RELAY, "https://b.example"))
        .notBefore(NOW.minusSeconds(10)).scope(Collections.emptyList()).build();

    CertificationClaims decoded = CertificationToken.decodeUnverified(
        CertificationToken.sign(claims, Fixture.RELAY_KEY).compact()).claims();

    assertThat(decoded.toJson()).isEqualTo(claims.toJson());
    assertThat(decoded.allowsAdvertising()).isFalse();
    assertThat(claims.newBuilder().build().toJson()).isEqualTo(claims.toJson());
  }

  @Test
  void wireForm_usesAStringAudForOneRelayAndAnArrayForSeveral() {
    String one = Jose.part(Fixture.token().compact(), 1);
    String two = Jose.part(Fixture.token(Fixture.claims().audience(Arrays.asList(RELAY, "https://b.example")))
        .compact(), 1);

    assertThat(one).contains("\"aud\":\"" + RELAY + "\"");
    assertThat(two).contains("\"aud\":[\"" + RELAY + "\",\"https://b.example\"]");
  }

  @Test
  void instants_areTruncatedToWholeSeconds() {
    CertificationClaims claims = Fixture.claims().issuedAt(NOW.plusMillis(999)).build();

    assertThat(claims.issuedAt()).isEqualTo(NOW);
  }

  @Test
  void builder_refusesInvalidClaims() {
    List<UnaryOperator<CertificationClaims.Builder>> invalid = List.of(
        b -> b.issuer(null),
        b -> b.subject(null),
        b -> b.expiresAt(NOW.minusSeconds(60)),
        b -> b.tokenId("tooShort"),
        b -> b.tokenId("has spaces and is long enough"),
        b -> b.keyThumbprint("not-a-thumbprint"),
        b -> b.certificationId(""),
        b -> b.certificationId("cert/1"),
        b -> b.certificationId("c".repeat(65)),
        b -> b.certificationExpiresAt(null),
        b -> b.originCode(""),
        b -> b.originCode("ABCDEFGHIJ"),
        b -> b.originCode("KT-01"),
        b -> b.originCode("코드"),
        b -> b.originCode("EXM24001"),
        b -> b.originCode("12345678"),
        b -> b.originCode("1234567890"),
        b -> b.senderNumbers(Collections.emptyList()),
        b -> b.senderNumbers(List.of("02-1234-5678")),
        b -> b.senderNumbers(List.of("1234567")),
        b -> b.senderNumbers(List.of("123456789012")),
        b -> b.senderNumbers(Collections.nCopies(CertificationClaims.MAX_SENDER_NUMBERS + 1, "0212345678")),
        b -> b.statusListIndex(-1),
        b -> b.statusListUri(null));
    for (UnaryOperator<CertificationClaims.Builder> change : invalid) {
      assertThatThrownBy(() -> change.apply(Fixture.claims()).build()).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void originCodeAndCertificationIdRules() {
    assertThat(CertificationClaims.isValidOriginCode("123456789")).isTrue();
    assertThat(CertificationClaims.isValidOriginCode("123-45-6789")).isFalse(); // canonical form only
    assertThat(CertificationClaims.isValidOriginCode("A1b2C3d4E")).isFalse();
    assertThat(CertificationClaims.isValidOriginCode(null)).isFalse();
    assertThat(CertificationClaims.isValidCertificationId("kcc:2026.001_a-b")).isTrue();
    assertThat(CertificationClaims.isValidCertificationId("cert 1")).isFalse();
  }

  @Test
  void originCode_isNineDigitsAfterDashesAndSpacesAreRemoved() {
    assertThat(CertificationClaims.normalizeOriginCode("123456789")).isEqualTo("123456789");
    assertThat(CertificationClaims.normalizeOriginCode("123-45-6789")).isEqualTo("123456789");
    assertThat(CertificationClaims.normalizeOriginCode(" 123 456 789 ")).isEqualTo("123456789");
    assertThat(Fixture.claims().originCode("987-654 321").build().originCode()).isEqualTo("987654321");
  }

  @Test
  void originCode_lettersSymbolsOtherDigitsOrAnotherLength_areRefused() {
    for (String code : new String[] {"EXM24001", "ORG1", "A1b2C3d4E", "12345678", "1234567890", "123.456.789",
        "123_456_789", "123456789\t", "１２３４５６７８９", "١٢٣٤٥٦٧٨٩", "", "---------"}) {
      assertThat(CertificationClaims.normalizeOriginCode(code)).as(code).isNull();
      assertThatThrownBy(() -> Fixture.claims().originCode(code).build()).as(code)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9-digit");
    }
  }

  @Test
  void timesBeyondWhatTheFormatCarries_areRefusedBeforeSigning() {
    Instant tooLate = CertificationClaims.LATEST_TIME.plusSeconds(1);
    assertThatThrownBy(() -> Fixture.claims().certificationExpiresAt(tooLate).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999-12-31T23:59:59Z");
    assertThat(Fixture.claims().certificationExpiresAt(CertificationClaims.LATEST_TIME).build()
        .certificationExpiresAt()).isEqualTo(CertificationClaims.LATEST_TIME);
    assertThat(CertificationClaims.isRepresentableTime(Instant.EPOCH.minusSeconds(1))).isFalse();
  }
}
