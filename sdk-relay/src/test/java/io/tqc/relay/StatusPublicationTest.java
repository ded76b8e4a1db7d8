package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.relay.testing.ResellerIds;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPublicationTest {
  final RelayFixture fixture;

  StatusPublicationTest() throws Exception {
    fixture = new RelayFixture(b -> b.statusListSize(8));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  SignedStatus verify(SignedStatus status, RelayFixture.Member m) throws Exception {
    return SignedStatus.verify(status.compact(), fixture.relay.publicKeys(), RelayFixture.ISSUER, m.id,
        fixture.clock.instant(), Duration.ZERO);
  }

  @Test
  void status_isSignedCurrentState() throws Exception {
    RelayFixture.Member m = fixture.register();
    fixture.relay.registry().suspend(m.id, "spam reports", "kim");
    SignedStatus status = verify(fixture.relay.status(m.id), m);
    assertThat(status.status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(status.reason()).isEqualTo("spam reports");
    assertThat(status.sequence()).isEqualTo(2);
    assertThat(status.certificationId()).isEqualTo(m.record.certificationId());
    assertThat(status.expiresAt()).isEqualTo(status.issuedAt().plus(RelayConfig.DEFAULT_STATUS_LIFETIME));
  }

  @Test
  void unknownReseller_isCertificationUnknown() {
    assertRefused(() -> fixture.relay.status(ResellerIds.random()), ReasonCode.CERTIFICATION_UNKNOWN);
    assertRefused(() -> fixture.relay.subscribe(ResellerIds.random(), s -> { }), ReasonCode.CERTIFICATION_UNKNOWN);
  }

  @Test
  void subscriber_getsCurrentStatusThenEachChange() throws Exception {
    RelayFixture.Member m = fixture.register();
    List<SignedStatus> received = new CopyOnWriteArrayList<>();
    Subscription subscription = fixture.relay.subscribe(m.id, received::add);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
      assertThat(received.get(0).status()).isEqualTo(CertificationStatus.ACTIVE);
      fixture.relay.registry().suspend(m.id, "spam", "kim");
      await().atMost(Duration.ofSeconds(5)).until(() -> received.stream()
          .anyMatch(s -> s.status() == CertificationStatus.SUSPENDED));
      fixture.relay.registry().reinstate(m.id, "ok", "kim");
      await().atMost(Duration.ofSeconds(5)).until(() -> received.get(received.size() - 1).sequence() == 3);
    } finally {
      subscription.close();
    }
    long previous = 0;
    for (SignedStatus status : received) {
      assertThat(verify(status, m).sequence()).isGreaterThanOrEqualTo(previous);
      previous = status.sequence();
    }
  }

  @Test
  void heartbeat_pushesFreshStatusRepeatedly() throws Exception {
    RelayFixture.Member m = fixture.register();
    AtomicInteger count = new AtomicInteger();
    Subscription subscription = fixture.relay.subscribe(m.id, s -> count.incrementAndGet());
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> count.get() >= 4);
    } finally {
      subscription.close();
    }
  }

  @Test
  void heartbeatInterval_isCappedAtFifteenSeconds() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RelayConfig.Builder().issuer("x")
        .dataDirectory(java.nio.file.Paths.get("d")).heartbeatInterval(Duration.ofSeconds(16)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void throwingListener_isDropped_othersKeepReceiving() throws Exception {
    RelayFixture.Member m = fixture.register();
    AtomicInteger failing = new AtomicInteger();
    AtomicInteger healthy = new AtomicInteger();
    Subscription a = fixture.relay.subscribe(m.id, s -> {
      failing.incrementAndGet();
      throw new java.io.IOException("connection closed");
    });
    Subscription b = fixture.relay.subscribe(m.id, s -> healthy.incrementAndGet());
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> healthy.get() >= 5);
      assertThat(failing.get()).isEqualTo(1);
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void closedSubscription_receivesNothingMore() throws Exception {
    RelayFixture.Member m = fixture.register();
    AtomicInteger count = new AtomicInteger();
    Subscription subscription = fixture.relay.subscribe(m.id, s -> count.incrementAndGet());
    await().atMost(Duration.ofSeconds(5)).until(() -> count.get() >= 1);
    subscription.close();
    int after = count.get();
    AtomicInteger other = new AtomicInteger();
    Subscription probe = fixture.relay.subscribe(m.id, s -> other.incrementAndGet());
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> other.get() >= 4);
    } finally {
      probe.close();
    }
    assertThat(count.get()).isLessThanOrEqualTo(after + 1);
  }

  @Test
  void statusListToken_carriesTwoBitStatuses() throws Exception {
    RelayFixture.Member active = fixture.register();
    RelayFixture.Member suspended = fixture.register();
    RelayFixture.Member revoked = fixture.register();
    fixture.relay.registry().suspend(suspended.id, null, "kim");
    fixture.relay.registry().revoke(revoked.id, null, "kim");
    String uri = fixture.relay.statusListUri(0);
    StatusList list = StatusListToken.verify(fixture.relay.statusListToken(0), fixture.relay.publicKeys(), uri,
        fixture.clock.instant());
    assertThat(list.bits()).isEqualTo(2);
    assertThat(list.get(active.record.statusListIndex())).isEqualTo(0);
    assertThat(list.get(suspended.record.statusListIndex())).isEqualTo(2);
    assertThat(list.get(revoked.record.statusListIndex())).isEqualTo(1);
    assertRefused(() -> fixture.relay.statusListToken(1), ReasonCode.REQUEST_INVALID);
  }
}
