package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockOffsetTest {
  @Test
  void withinTheOneSecondGranularity_isZero() {
    Instant iat = Instant.parse("2026-11-28T12:00:00Z");
    assertThat(ClockOffset.estimateMillis(iat, iat.plusMillis(999))).isZero();
    assertThat(ClockOffset.estimateMillis(iat, iat.plusMillis(10))).isZero();
  }

  @Test
  void aLocalClockFiveMinutesBehind_givesPlusFiveMinutes() {
    Instant iat = Instant.parse("2026-11-28T12:00:00Z");
    long offset = ClockOffset.estimateMillis(iat, iat.minusSeconds(300));
    assertThat(offset).isBetween(299_000L, 301_000L);
  }

  @Test
  void aLocalClockAhead_givesANegativeOffset() {
    Instant iat = Instant.parse("2026-11-28T12:00:00Z");
    assertThat(ClockOffset.estimateMillis(iat, iat.plusSeconds(120))).isBetween(-121_000L, -119_000L);
  }
}
