package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationToken;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
  final RelayFixture fixture;

  KeyRotationTest() throws Exception {
    fixture = new RelayFixture();
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  @Test
  void rotation_newKeySigns_previousStaysPublished() throws Exception {
    RelayFixture.Member m = fixture.register();
    String oldToken = m.token();
    String oldKid = fixture.relay.activeKeyId();
    String newKid = fixture.relay.rotateSigningKey();
    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(fixture.relay.publicKeys().keys()).extracting(VerificationKey::keyId).containsExactly(oldKid, newKid);
    String newToken = m.token();
    assertThat(CertificationToken.decodeUnverified(newToken).keyId()).isEqualTo(newKid);
    assertThat(m.send(oldToken, body()).messageCount()).isEqualTo(2);
    assertThat(m.send(newToken, body()).messageCount()).isEqualTo(2);
    assertThat(fixture.keyStore.load()).hasSize(2);
  }

  @Test
  void previousKey_isDroppedOnlyAfterEverythingItSignedExpired() throws Exception {
    RelayFixture.Member m = fixture.register();
    String oldKid = fixture.relay.activeKeyId();
    fixture.relay.rotateSigningKey();
    // Retention = longest of token (10 min), status (60 s) and status list (5 min) lifetimes + 30 s skew.
    fixture.clock.advance(Duration.ofMinutes(10));
    assertThat(fixture.relay.pruneSigningKeys()).isFalse();
    assertThat(fixture.relay.publicKeys().find(oldKid)).isNotNull();
    fixture.clock.advance(Duration.ofSeconds(30));
    assertThat(fixture.relay.pruneSigningKeys()).isTrue();
    assertThat(fixture.relay.publicKeys().find(oldKid)).isNull();
    assertThat(fixture.keyStore.load()).hasSize(1);
    String forged = fixture.sign(m.claims());
    assertRefused(() -> m.send(forged, body()), ReasonCode.TOKEN_KEY_UNKNOWN);
  }

  @Test
  void emergencyRotation_dropsPreviousKeysAtOnce() throws Exception {
    RelayFixture.Member m = fixture.register();
    String oldToken = m.token();
    String oldKid = fixture.relay.activeKeyId();
    String newKid = fixture.relay.emergencyRotateSigningKey();
    assertThat(fixture.relay.publicKeys().keys()).extracting(VerificationKey::keyId).containsExactly(newKid);
    assertThat(fixture.relay.publicKeys().find(oldKid)).isNull();
    assertRefused(() -> m.send(oldToken, body()), ReasonCode.TOKEN_KEY_UNKNOWN);
    assertThat(m.send(m.token(), body()).messageCount()).isEqualTo(2);
  }

  @Test
  void delayedActivation_publishesTheNewKeyFirst_andSignsWithItOnlyAfterTheDelay() throws Exception {
    try (RelayFixture delayed = new RelayFixture(b -> b.keyActivationDelay(Duration.ofSeconds(10)))) {
      String oldKid = delayed.relay.activeKeyId();
      String newKid = delayed.relay.rotateSigningKey();
      assertThat(delayed.relay.publicKeys().find(newKid)).isNotNull();
      assertThat(delayed.relay.activeKeyId()).isEqualTo(oldKid);
      delayed.clock.advance(Duration.ofSeconds(9));
      delayed.relay.pruneSigningKeys();
      assertThat(delayed.relay.activeKeyId()).isEqualTo(oldKid);
      delayed.clock.advance(Duration.ofSeconds(1));
      delayed.relay.pruneSigningKeys();
      assertThat(delayed.relay.activeKeyId()).isEqualTo(newKid);
      assertThat(delayed.relay.publicKeys().find(oldKid)).isNotNull();
    }
  }
}
