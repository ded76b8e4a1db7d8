package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ClientAssertion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {
  final RelayFixture fixture;

  TokenIssuerTest() throws Exception {
    fixture = new RelayFixture(b -> b.statusListSize(4));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void validAssertion_issuesTokenBoundToAssertionKey() throws Exception {
    RelayFixture.Member m = fixture.register();
    IssuedToken issued = fixture.relay.issueToken(m.id.formatted(), m.assertion());
    CertificationClaims claims = issued.token().claims();
    assertThat(issued.expiresIn()).isEqualTo(RelayConfig.DEFAULT_TOKEN_TTL);
    assertThat(claims.subject()).isEqualTo(m.id);
    assertThat(claims.issuer()).isEqualTo(RelayFixture.ISSUER);
    assertThat(claims.keyThumbprint()).isEqualTo(m.key.verificationKey().thumbprint());
    assertThat(claims.certificationId()).isEqualTo(m.record.certificationId());
    assertThat(claims.senderNumbers()).isEqualTo(RelayFixture.SENDERS);
    assertThat(claims.originCode()).isEqualTo("123456789");
    assertThat(claims.allowsAdvertising()).isTrue();
    CertificationVerifier verifier = fixture.relay.config().verifierBuilder().keys(fixture.relay.publicKeys()).build();
    assertThat(verifier.verifyToken(issued.token().compact(), fixture.clock.instant()).claims().tokenId())
        .isEqualTo(claims.tokenId());
  }

  @Test
  void statusListEntry_splitsIndexAcrossLists() throws Exception {
    for (int i = 0; i < 5; i++) {
      fixture.register();
    }
    RelayFixture.Member sixth = fixture.register();
    CertificationClaims claims = fixture.relay.issueToken(sixth.id.value(), sixth.assertion()).token().claims();
    assertThat(claims.statusListIndex()).isEqualTo(1);
    assertThat(claims.statusListUri()).isEqualTo(RelayFixture.ISSUER + "/v1/status-lists/1");
  }

  @Test
  void replayedAssertion_isAssertionInvalid() throws Exception {
    RelayFixture.Member m = fixture.register();
    String assertion = m.assertion();
    fixture.relay.issueToken(m.id.value(), assertion);
    assertRefused(() -> fixture.relay.issueToken(m.id.value(), assertion), ReasonCode.ASSERTION_INVALID)
        .hasMessageContaining("already used");
  }

  @Test
  void assertionByUnregisteredKey_isAssertionInvalid() throws Exception {
    RelayFixture.Member m = fixture.register();
    String forged = ClientAssertion.create(SigningKey.generate(), m.id, RelayFixture.ISSUER, fixture.clock.instant(),
        Duration.ofMinutes(1));
    assertRefused(() -> fixture.relay.issueToken(m.id.value(), forged), ReasonCode.ASSERTION_INVALID);
  }

  @Test
  void assertionForAnotherRelay_isAssertionInvalid() throws Exception {
    RelayFixture.Member m = fixture.register();
    String other = ClientAssertion.create(m.key, m.id, "https://other.relay.kr", fixture.clock.instant(),
        Duration.ofMinutes(1));
    assertRefused(() -> fixture.relay.issueToken(m.id.value(), other), ReasonCode.ASSERTION_INVALID);
  }

  @Test
  void unknownOrInvalidReseller_isRefused() throws Exception {
    RelayFixture.Member m = fixture.register();
    assertRefused(() -> fixture.relay.issueToken(io.tqc.relay.testing.ResellerIds.random().value(), m.assertion()),
        ReasonCode.RESELLER_UNKNOWN);
    assertRefused(() -> fixture.relay.issueToken("1234567890", m.assertion()), ReasonCode.RESELLER_ID_INVALID);
  }

  @Test
  void suspendedOrRevoked_isRefusedWithStatusCode() throws Exception {
    RelayFixture.Member m = fixture.register();
    fixture.relay.registry().suspend(m.id, "spam", "kim");
    assertRefused(m::token, ReasonCode.CERTIFICATION_SUSPENDED);
    fixture.relay.registry().revoke(m.id, "fraud", "kim");
    assertRefused(m::token, ReasonCode.CERTIFICATION_REVOKED);
  }

  @Test
  void endedCertification_isCertificationExpired_andTokensNeverOutliveIt() throws Exception {
    Instant end = fixture.clock.instant().plus(Duration.ofMinutes(3));
    RelayFixture.Member m = fixture.register(b -> b.certificationExpiresAt(end));
    IssuedToken issued = fixture.relay.issueToken(m.id.value(), m.assertion());
    assertThat(issued.token().claims().expiresAt()).isEqualTo(end);
    assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(3));
    fixture.clock.advance(Duration.ofMinutes(3));
    assertRefused(m::token, ReasonCode.CERTIFICATION_EXPIRED);
  }

  @Test
  void tokenTtl_isConfigurableWithinOneToSixtyMinutes() throws Exception {
    try (RelayFixture custom = new RelayFixture(b -> b.tokenTtl(Duration.ofMinutes(1)))) {
      RelayFixture.Member m = custom.register();
      CertificationToken token = custom.relay.issueToken(m.id.value(), m.assertion()).token();
      assertThat(Duration.between(token.claims().issuedAt(), token.claims().expiresAt()))
          .isEqualTo(Duration.ofMinutes(1));
    }
    assertThatThrownBy(() -> new RelayConfig.Builder().issuer("x").dataDirectory(java.nio.file.Paths.get("d"))
        .tokenTtl(Duration.ofMinutes(61)).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RelayConfig.Builder().issuer("x").dataDirectory(java.nio.file.Paths.get("d"))
        .tokenTtl(Duration.ofSeconds(59)).build()).isInstanceOf(IllegalArgumentException.class);
  }
}
