package io.tqc.api.status;

import static io.tqc.api.status.CertificationStatus.ACTIVE;
import static io.tqc.api.status.CertificationStatus.REVOKED;
import static io.tqc.api.status.CertificationStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificationStatusTest {

  @Test
  void activeAndSuspendedAlternate_revokedIsTerminal() {
    assertThat(ACTIVE.canBecome(SUSPENDED)).isTrue();
    assertThat(SUSPENDED.canBecome(ACTIVE)).isTrue();
    assertThat(ACTIVE.canBecome(REVOKED)).isTrue();
    assertThat(SUSPENDED.canBecome(REVOKED)).isTrue();
    for (CertificationStatus next : CertificationStatus.values()) {
      assertThat(REVOKED.canBecome(next)).as("REVOKED -> %s", next).isFalse();
    }
    assertThat(ACTIVE.canBecome(ACTIVE)).isFalse();
    assertThat(SUSPENDED.canBecome(SUSPENDED)).isFalse();
  }

  @Test
  void wireNames_areExactUpperCase() {
    for (CertificationStatus status : CertificationStatus.values()) {
      assertThat(CertificationStatus.fromWire(status.name())).isEqualTo(status);
    }
    assertThat(CertificationStatus.fromWire("active")).isNull();
    assertThat(CertificationStatus.fromWire("PAUSED")).isNull();
    assertThat(CertificationStatus.fromWire(null)).isNull();
  }
}
