package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.testing.ResellerIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryTest {
  final RelayFixture fixture;

  RegistryTest() throws Exception {
    fixture = new RelayFixture();
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void register_assignsCertificationAndIndex_active() throws Exception {
    RelayFixture.Member first = fixture.register();
    RelayFixture.Member second = fixture.register();
    assertThat(first.record.status()).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(first.record.sequence()).isEqualTo(1);
    assertThat(first.record.certificationId()).isNotEqualTo(second.record.certificationId());
    assertThat(List.of(first.record.statusListIndex(), second.record.statusListIndex())).containsExactly(0, 1);
    assertThat(first.record.certificationExpiresAt())
        .isEqualTo(fixture.clock.instant().plus(RelayConfig.DEFAULT_CERTIFICATION_VALIDITY));
  }

  @Test
  void suspendReinstateRevoke_followStateMachine_andBumpSequence() throws Exception {
    RelayFixture.Member m = fixture.register();
    Registry registry = fixture.relay.registry();
    assertThat(registry.suspend(m.id, "spam reports", "kim").status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(registry.reinstate(m.id, "cleared", "lee").status()).isEqualTo(CertificationStatus.ACTIVE);
    Reseller revoked = registry.revoke(m.id, "fraud", "park");
    assertThat(revoked.status()).isEqualTo(CertificationStatus.REVOKED);
    assertThat(revoked.sequence()).isEqualTo(4);
    assertThat(revoked.statusReason()).isEqualTo("fraud");
  }

  @Test
  void revoked_isTerminal() throws Exception {
    RelayFixture.Member m = fixture.register();
    Registry registry = fixture.relay.registry();
    registry.revoke(m.id, "fraud", "park");
    assertRefused(() -> registry.reinstate(m.id, "appeal", "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertRefused(() -> registry.suspend(m.id, null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertRefused(() -> registry.revoke(m.id, null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
  }

  @Test
  void sameStateTransitions_areRefused() throws Exception {
    RelayFixture.Member m = fixture.register();
    Registry registry = fixture.relay.registry();
    assertRefused(() -> registry.reinstate(m.id, null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    registry.suspend(m.id, null, "kim");
    assertRefused(() -> registry.suspend(m.id, null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
  }

  @Test
  void history_isAppendOnlyRecordOfWhoWhyWhen() throws Exception {
    RelayFixture.Member m = fixture.register(b -> b.reason("committee decision 42"));
    Registry registry = fixture.relay.registry();
    fixture.clock.advance(Duration.ofMinutes(5));
    registry.suspend(m.id, "spam reports", "kim");
    fixture.clock.advance(Duration.ofMinutes(5));
    registry.reinstate(m.id, "cleared", "lee");
    List<HistoryEntry> history = registry.history(m.id);
    assertThat(history).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.REGISTERED,
        HistoryEntry.Kind.SUSPENDED, HistoryEntry.Kind.REINSTATED);
    assertThat(history).extracting(HistoryEntry::actor).containsExactly("test-operator", "kim", "lee");
    assertThat(history).extracting(HistoryEntry::reason)
        .containsExactly("committee decision 42", "spam reports", "cleared");
    assertThat(history).extracting(HistoryEntry::sequence).containsExactly(1L, 2L, 3L);
    assertThat(history.get(1).at()).isEqualTo(history.get(0).at().plus(Duration.ofMinutes(5)));
  }

  @Test
  void registration_storesTheOriginCodeAsNineDigits_dashesAndSpacesRemoved() throws Exception {
    RelayFixture.Member member = fixture.register(b -> b.originCode("123-45 6789"));
    assertThat(member.record.originCode()).isEqualTo("123456789");
    assertThat(fixture.relay.registry().get(member.id).originCode()).isEqualTo("123456789");
  }

  @Test
  void registration_refusesAnOriginCodeThatIsNotNineDigits() {
    for (String code : new String[] {"EXM24001", "ORG1", "12345678", "1234567890", "12345678X"}) {
      assertThatThrownBy(() -> fixture.register(b -> b.originCode(code))).as(code)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9-digit");
    }
  }

  @Test
  void certificationEnd_laterThanATokenCanCarry_isRefusedWithAClearError() {
    Instant tooLate = Instant.parse("+10000-01-01T00:00:00Z");
    assertThatThrownBy(() -> fixture.register(b -> b.certificationExpiresAt(tooLate)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999-12-31T23:59:59Z");
  }

  @Test
  void certificationEnd_atTheLatestTimeATokenCarries_stillIssuesAParsableToken() throws Exception {
    RelayFixture.Member member = fixture.register(b -> b.certificationExpiresAt(CertificationClaims.LATEST_TIME));
    assertThat(member.record.certificationExpiresAt()).isEqualTo(CertificationClaims.LATEST_TIME);
    String token = fixture.relay.issueToken(member.id.value(), member.assertion()).token().compact();
    assertThat(CertificationToken.decodeUnverified(token).claims().certificationExpiresAt())
        .isEqualTo(CertificationClaims.LATEST_TIME);
  }

  @Test
  void duplicateRegistration_isRefused() throws Exception {
    RelayFixture.Member m = fixture.register();
    assertRefused(() -> fixture.relay.registry().register(new Registration.Builder().id(m.id).name("again")
        .addKey(SigningKey.generate().verificationKey()).senderNumbers(RelayFixture.SENDERS).originCode("111222333")
        .build(), "kim"), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void unknownReseller_isResellerUnknown() {
    assertRefused(() -> fixture.relay.registry().suspend(ResellerIds.random(), null, "kim"),
        ReasonCode.RESELLER_UNKNOWN);
  }

  @Test
  void missingActor_isRequestInvalid() throws Exception {
    RelayFixture.Member m = fixture.register();
    assertRefused(() -> fixture.relay.registry().suspend(m.id, null, " "), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void failedStoreWrite_leavesStatusUnchangedAndBatchesAccepted() throws Exception {
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    fixture.store.failWrites(true);
    assertRefused(() -> fixture.relay.registry().suspend(m.id, "x", "kim"), ReasonCode.RELAY_UNAVAILABLE);
    fixture.store.failWrites(false);
    assertThat(fixture.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(m.send(token, body()).messageCount()).isEqualTo(2);
  }

  @Test
  void keyChanges_areRecordedAndTakeEffectForAssertions() throws Exception {
    RelayFixture.Member m = fixture.register();
    SigningKey second = SigningKey.generate();
    Registry registry = fixture.relay.registry();
    registry.addKey(m.id, second.verificationKey(), "new HSM", "kim");
    registry.removeKey(m.id, m.key.verificationKey().thumbprint(), "old key retired", "kim");
    assertRefused(() -> m.token(), ReasonCode.ASSERTION_INVALID);
    String assertion = io.tqc.api.token.ClientAssertion.create(second, m.id, RelayFixture.ISSUER,
        fixture.clock.instant(), Duration.ofMinutes(1));
    assertThat(fixture.relay.issueToken(m.id.value(), assertion).token().claims().keyThumbprint())
        .isEqualTo(second.verificationKey().thumbprint());
    assertThat(registry.history(m.id)).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.REGISTERED,
        HistoryEntry.Kind.KEYS_CHANGED, HistoryEntry.Kind.KEYS_CHANGED);
    assertRefused(() -> registry.removeKey(m.id, second.verificationKey().thumbprint(), null, "kim"),
        ReasonCode.REQUEST_INVALID);
  }
}
