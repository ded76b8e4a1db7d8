package io.tqc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class DispositionTest {
  @Test
  void everyContentRuleRefusal_isFixTheBatch() {
    for (ReasonCode reason : ReasonCode.values()) {
      if (reason.httpStatus() == 422 && reason != ReasonCode.REPORT_OUT_OF_RETENTION) {
        assertThat(reason.disposition()).as(reason.code()).isEqualTo(Disposition.FIX_BATCH);
      }
    }
  }

  @Test
  void transientRefusals_areRetryLater_andEvery503IsNotAStop() {
    assertThat(ReasonCode.RELAY_UNAVAILABLE.disposition()).isEqualTo(Disposition.RETRY_LATER);
    assertThat(ReasonCode.RATE_LIMITED.disposition()).isEqualTo(Disposition.RETRY_LATER);
    assertThat(ReasonCode.QUOTA_EXCEEDED.disposition()).isEqualTo(Disposition.RETRY_LATER);
    for (ReasonCode reason : ReasonCode.values()) {
      if (reason.httpStatus() == 503 || reason.httpStatus() == 429) {
        assertThat(reason.disposition()).as(reason.code()).isNotEqualTo(Disposition.STOP);
      }
    }
  }

  @Test
  void terminalCertificationStates_stop_andSuspensionWaits() {
    assertThat(ReasonCode.CERTIFICATION_REVOKED.disposition()).isEqualTo(Disposition.STOP);
    assertThat(ReasonCode.CERTIFICATION_EXPIRED.disposition()).isEqualTo(Disposition.STOP);
    assertThat(ReasonCode.RESELLER_UNKNOWN.disposition()).isEqualTo(Disposition.STOP);
    assertThat(ReasonCode.CERTIFICATION_SUSPENDED.disposition()).isEqualTo(Disposition.WAIT_FOR_RELAY);
    assertThat(ReasonCode.BATCH_REPLAYED.disposition()).isEqualTo(Disposition.STOP);
  }

  @Test
  void everyDisposition_isUsed() {
    EnumSet<Disposition> used = EnumSet.noneOf(Disposition.class);
    for (ReasonCode reason : ReasonCode.values()) {
      used.add(reason.disposition());
    }
    assertThat(used).containsExactlyInAnyOrder(Disposition.values());
  }
}
