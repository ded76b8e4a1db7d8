package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RelayClockTest {
  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

  /** A ticker that moves with the local wall clock the test reads, unless told otherwise. */
  final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  final RelayClock clock = new RelayClock(nanos::get);
  Instant local = T0;

  /** Local time and the ticker move together by {@code d}. */
  void elapse(Duration d) {
    local = local.plus(d);
    nanos.addAndGet(d.toNanos());
  }

  long date(Duration relayMinusLocal) {
    elapse(Duration.ofSeconds(1));
    Instant relay = local.plus(relayMinusLocal);
    return clock.dateObserved(Instant.ofEpochSecond(relay.getEpochSecond()), local).offsetMillis;
  }

  @Test
  void dateHeadersWithinTheirOneSecondGranularity_giveZero() {
    assertThat(date(Duration.ZERO)).isZero();
    assertThat(date(Duration.ofMillis(900))).isZero();
  }

  @Test
  void aLocalClockFiveMinutesBehind_givesPlusFiveMinutes() {
    assertThat(date(Duration.ofMinutes(5))).isBetween(299_000L, 301_000L);
  }

  @Test
  void oneWrongDateHeader_doesNotMoveTheEstimate_theMedianDoes() {
    date(Duration.ZERO);
    date(Duration.ZERO);
    date(Duration.ZERO);
    assertThat(date(Duration.ofHours(1))).as("one outlier among four").isZero();
    assertThat(date(Duration.ZERO)).isZero();
  }

  @Test
  void aWrongEstimate_recoversByItself_withTheNextRightHeaders() {
    for (int i = 0; i < RelayClock.WINDOW; i++) {
      date(Duration.ofMinutes(10)); // a front end with a clock 10 min ahead, for a while
    }
    assertThat(clock.offsetMillis()).isBetween(599_000L, 601_000L);
    date(Duration.ZERO);
    date(Duration.ZERO);
    assertThat(date(Duration.ZERO)).as("three right headers of five outvote the wrong ones").isZero();
  }

  @Test
  void aDateHeaderMoreThanADayOff_isDiscarded() {
    date(Duration.ofSeconds(30));
    elapse(Duration.ofSeconds(1));
    RelayClock.Observation o = clock.dateObserved(local.plus(Duration.ofDays(3)), local);
    assertThat(o.discarded).isTrue();
    assertThat(o.offsetMillis).isBetween(29_000L, 31_000L);
  }

  @Test
  void aLocalClockJump_restartsTheWindow_soTheNextHeaderCorrectsAtOnce() {
    for (int i = 0; i < RelayClock.WINDOW; i++) {
      date(Duration.ZERO);
    }
    local = local.plus(Duration.ofHours(2)); // NTP step: the wall clock moves, the ticker does not
    assertThat(date(Duration.ofHours(-2))).isBetween(-7_201_000L, -7_199_000L);
  }

  @Test
  void aSignedStatusLaterThanTheDateEstimate_raisesIt_aReplayedOldOneDoesNot() {
    date(Duration.ZERO);
    elapse(Duration.ofSeconds(1));
    long raised = clock.statusObserved(local.plusSeconds(20), local).offsetMillis;
    assertThat(raised).as("the signer's clock reads 20 s later than the Date headers").isEqualTo(20_000L);

    RelayClock fresh = new RelayClock(nanos::get);
    fresh.dateObserved(Instant.ofEpochSecond(local.getEpochSecond()), local);
    assertThat(fresh.statusObserved(local.minus(Duration.ofMinutes(4)), local).offsetMillis)
        .as("an old status only says relay time is at least its iat").isZero();
  }

  @Test
  void theTokenIsNotASource_theOffsetStartsAtZero() {
    assertThat(clock.offsetMillis()).isZero();
  }
}
