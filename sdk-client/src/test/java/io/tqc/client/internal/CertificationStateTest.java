package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import io.tqc.client.CertificationExpiredException;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NotCertifiedException;
import io.tqc.client.StatusUnavailableException;
import io.tqc.client.TqcClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class CertificationStateTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final byte[] BATCH = {1, 2, 3};

  static CertificationToken token(Duration certificationLeft) throws Exception {
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer("relay").subject(ResellerId.parse("1248100998")).issuedAt(NOW).expiresAt(NOW.plusSeconds(600))
        .tokenId(Digests.randomId()).keyThumbprint(SigningKey.generate().verificationKey().thumbprint())
        .certificationId("cert-1").certificationExpiresAt(NOW.plus(certificationLeft))
        .senderNumbers(Collections.singletonList("0212345678")).originCode("123456789")
        .statusListIndex(0).statusListUri("relay/v1/status-lists/0").build(), SigningKey.generate());
  }

  /** Token usable until ticker 1000 (stale), status fresh until ticker 500. */
  static CertificationState healthy() throws Exception {
    return CertificationState.initial().withToken(token(Duration.ofDays(1)), 800, 1_000)
        .withStatus(CertificationStatus.ACTIVE, 3, null, true, 500);
  }

  static TqcClientException refusal(CertificationState s, long now) {
    return s.refusal(now, NOW, BATCH, 3);
  }

  @Test
  void tokenAndFreshActiveStatus_isHealthy() throws Exception {
    assertThat(refusal(healthy(), 100)).isNull();
    assertThat(healthy().needsToken(100)).isFalse();
    assertThat(healthy().needsToken(800)).isTrue();
  }

  @Test
  void statusOlderThanItsDeadline_isStatusUnavailable() throws Exception {
    assertThat(refusal(healthy(), 500)).isInstanceOfSatisfying(StatusUnavailableException.class,
        e -> assertThat(e.refusedBatch()).isSameAs(BATCH));
  }

  @Test
  void confirmingTheSameStatus_extendsButNeverShortensFreshness() throws Exception {
    assertThat(refusal(healthy().withStatusConfirmed(700), 600)).isNull();
    assertThat(refusal(healthy().withStatusConfirmed(200), 400)).isNull();
  }

  @Test
  void aNewStatusThatIsNotFresh_doesNotInheritTheOldFreshness() throws Exception {
    CertificationState s = healthy().withStatus(CertificationStatus.ACTIVE, 4, null, false, 0);
    assertThat(refusal(s, 100)).isInstanceOf(StatusUnavailableException.class);
  }

  @Test
  void staleToken_isNotCertified_evenWithAFreshStatus() throws Exception {
    CertificationState s = healthy().withStatusConfirmed(5_000);
    assertThat(refusal(s, 999)).isNull();
    assertThat(refusal(s, 1_000)).isInstanceOf(NotCertifiedException.class);
  }

  @Test
  void endedCertification_isCertificationExpired() throws Exception {
    CertificationState s = CertificationState.initial().withToken(token(Duration.ofSeconds(-1)), 800, 1_000)
        .withStatus(CertificationStatus.ACTIVE, 3, null, true, 500);
    assertThat(refusal(s, 100)).isInstanceOf(CertificationExpiredException.class);
  }

  @Test
  void suspendedAndRevoked_refuse_andDoNotWantTokens() throws Exception {
    CertificationState suspended = healthy().withStatus(CertificationStatus.SUSPENDED, 4, "spam", true, 500);
    assertThat(refusal(suspended, 100)).isInstanceOf(CertificationSuspendedException.class)
        .hasMessageContaining("spam");
    assertThat(suspended.wantsToken()).isFalse();
    CertificationState revoked = healthy().withStatus(CertificationStatus.REVOKED, 4, null, true, 500);
    assertThat(refusal(revoked, 100)).isInstanceOf(CertificationRevokedException.class);
    assertThat(revoked.wantsToken()).isFalse();
  }

  @Test
  void droppingTheToken_startsANewEpoch_andRefusesWithNotCertified() throws Exception {
    CertificationState s = healthy().withoutToken();
    assertThat(s.tokenEpoch()).isEqualTo(healthy().tokenEpoch() + 1);
    assertThat(refusal(s, 100)).isInstanceOf(NotCertifiedException.class);
  }

  @Test
  void closed_refusesEverything() throws Exception {
    assertThat(refusal(healthy().closedState(), 100)).isInstanceOf(NotCertifiedException.class)
        .hasMessageContaining("closed");
    assertThat(healthy().closedState().wantsToken()).isFalse();
  }
}
