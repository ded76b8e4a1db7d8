package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayStatsTest {
  RelayFixture fixture;

  @AfterEach
  void close() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void acceptedBatch_isTimed_committedInAGroupOfOne_andRememberedByTheReplayCache() throws Exception {
    fixture = new RelayFixture();
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    RelayStats before = fixture.relay.stats();
    assertThat(before.verification().count()).isZero();
    assertThat(before.auditCommit().count()).isZero();
    assertThat(before.auditGroupSize()).isZero();

    m.send(token, body());

    RelayStats after = fixture.relay.stats();
    assertThat(after.verification().count()).isEqualTo(1);
    assertThat(after.verification().recentCount()).isEqualTo(1);
    assertThat(after.verification().max()).isEqualTo(after.verification().mean()).isPositive();
    assertThat(after.verification().window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(after.auditCommit().count()).isEqualTo(1);
    assertThat(after.auditCommit().total()).isPositive();
    assertThat(after.auditGroupSize()).isEqualTo(1.0);
    assertThat(after.replayCacheSize()).isEqualTo(before.replayCacheSize() + 1);
  }

  @Test
  void refusedBatch_isTimed_butCommitsNothing() throws Exception {
    fixture = new RelayFixture();
    assertRefused(() -> fixture.relay.acceptBatch("junk", "junk", body()), ReasonCode.TOKEN_MALFORMED);

    RelayStats stats = fixture.relay.stats();
    assertThat(stats.verification().count()).isEqualTo(1);
    assertThat(stats.auditCommit().count()).isZero();
    assertThat(stats.auditCommit().recentCount()).isZero();
    assertThat(stats.auditGroupSize()).isZero();
  }

  @Test
  void replayCacheThatCannotTellItsSize_reportsMinusOne() throws Exception {
    ReplayCache memory = ReplayCache.inMemory(100);
    fixture = new RelayFixture(b -> b.replayCache((id, expiresAt, now) -> memory.remember(id, expiresAt, now)));
    RelayFixture.Member m = fixture.register();
    m.send(m.token(), body());
    assertThat(fixture.relay.stats().replayCacheSize()).isEqualTo(-1);
    assertThat(memory.size()).as("control: the cache behind it holds the assertion and the batch").isEqualTo(2);
  }

  @Test
  void singleNode_hasNoFeedLag_evenAfterItsOwnChanges() throws Exception {
    fixture = new RelayFixture();
    RelayFixture.Member m = fixture.register();
    fixture.relay.registry().suspend(m.id, "spam", "kim");
    assertThat(fixture.relay.stats().registryFeedLag()).isNull();
  }

  @Test
  void changeFromAnotherNode_setsTheFeedLag_fromTheTimeItWasRecorded() throws Exception {
    CapturingFeed feed = new CapturingFeed();
    fixture = new RelayFixture(b -> b.registryFeed(feed));
    RelayFixture.Member m = fixture.register();
    Reseller suspended = m.record.newBuilder().status(CertificationStatus.SUSPENDED).statusReason("spam")
        .sequence(m.record.sequence() + 1).build();
    Instant recordedElsewhere = fixture.clock.instant().minusMillis(250);

    feed.deliver(suspended, recordedElsewhere);

    assertThat(fixture.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(fixture.relay.stats().registryFeedLag()).isEqualTo(Duration.ofMillis(250));

    // A duplicate (the catch-up poll re-reading it) is not applied, so it is not measured again.
    feed.deliver(suspended, recordedElsewhere.minusSeconds(60));
    assertThat(fixture.relay.stats().registryFeedLag()).isEqualTo(Duration.ofMillis(250));

    // A change stamped ahead of this node's clock (clocks differ) counts as no lag, never negative.
    Reseller reinstated = suspended.newBuilder().status(CertificationStatus.ACTIVE).statusReason(null)
        .sequence(suspended.sequence() + 1).build();
    feed.deliver(reinstated, fixture.clock.instant().plusSeconds(3));
    assertThat(fixture.relay.stats().registryFeedLag()).isEqualTo(Duration.ZERO);
  }

  @Test
  void changeFromAFeedThatDoesNotCarryTheTime_isAppliedWithoutAFeedLag() throws Exception {
    CapturingFeed feed = new CapturingFeed();
    fixture = new RelayFixture(b -> b.registryFeed(feed));
    RelayFixture.Member m = fixture.register();
    Reseller suspended = m.record.newBuilder().status(CertificationStatus.SUSPENDED)
        .sequence(m.record.sequence() + 1).build();
    for (RegistryFeed.Listener listener : feed.listeners) {
      listener.onChange(suspended);
    }
    assertThat(fixture.relay.registry().get(m.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(fixture.relay.stats().registryFeedLag()).isNull();
  }

  @Test
  void builder_refusesImpossibleValues_andDefaultsToNothingMeasured() {
    RelayStats empty = new RelayStats.Builder().build();
    assertThat(empty.replayCacheSize()).isEqualTo(-1);
    assertThat(empty.registryFeedLag()).isNull();
    assertThat(empty.verification().count()).isZero();
    assertThat(new RelayStats.Builder().rejectedBatches(Map.of(ReasonCode.BATCH_REPLAYED, 0L)).build()
        .rejectedBatches()).isEmpty();
    assertThatThrownBy(() -> new RelayStats.Builder().replayCacheSize(-2).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replayCacheSize");
    assertThatThrownBy(() -> new RelayStats.Builder().registryFeedLag(Duration.ofMillis(-1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registryFeedLag");
    assertThatThrownBy(() -> new RelayStats.Builder().auditGroupSize(Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auditGroupSize");
    assertThatThrownBy(() -> new RelayStats.Builder().verification(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verification");
  }

  @Test
  void timingSummary_refusesAMeanAboveItsMax_andAWindowCountAboveTheTotal() {
    assertThatThrownBy(() -> new TimingSummary.Builder().count(1).recentCount(1).mean(Duration.ofMillis(2))
        .max(Duration.ofMillis(1)).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
    assertThatThrownBy(() -> new TimingSummary.Builder().count(1).recentCount(2).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentCount");
    assertThatThrownBy(() -> new TimingSummary.Builder().mean(Duration.ofMillis(1)).max(Duration.ofMillis(1)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
    assertThat(TimingSummary.empty(Duration.ofMinutes(1)))
        .isEqualTo(new TimingSummary.Builder().window(Duration.ofMinutes(1)).build());
  }

  /** A feed whose deliveries the test makes, as another node's change would arrive. */
  static final class CapturingFeed implements RegistryFeed {
    final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    void deliver(Reseller changed, Instant recordedAt) {
      for (Listener listener : listeners) {
        listener.onChange(changed, recordedAt);
      }
    }

    @Override
    public void publish(Reseller changed) {
      for (Listener listener : listeners) {
        listener.onChange(changed);
      }
    }

    @Override
    public Subscription subscribe(Listener listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
      listeners.clear();
    }
  }
}
