package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tqc.api.ReasonCode;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.store.SqliteRelayStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaTest {
  @TempDir
  Path dir;

  static EnforcementConfig.Builder enforcement(QuotaLimits resellerQuota) {
    return new EnforcementConfig.Builder().tracebackKey(TracebackKey.generate()).resellerQuota(resellerQuota)
        .sanctionCheckInterval(Duration.ofHours(1));
  }

  static AcceptedBatch send(RelayFixture f, RelayFixture.Member member, String token, int n) throws Exception {
    byte[] body = RelayFixture.body(RelayFixture.SENDERS.get(0), n);
    return f.relay.acceptBatch(token, member.proof(token, body, n), body);
  }

  @Test
  void perMinuteQuota_refusesTheWholeBatch_untilTheNextMinute() throws Exception {
    try (RelayFixture f = new RelayFixture(b -> b.enforcement(enforcement(QuotaLimits.of(QuotaLimits.UNLIMITED, 5))
        .build()))) {
      f.clock.set(Instant.parse("2026-11-28T03:00:20Z"));
      RelayFixture.Member member = f.register(r -> r.originCode("123456789"));
      String token = member.token();
      send(f, member, token, 2);
      send(f, member, token, 2);

      byte[] body = RelayFixture.body(RelayFixture.SENDERS.get(0), 2);
      String proof = member.proof(token, body, 2);
      RelayException refused = catchThrowableOfType(RelayException.class, () -> f.relay.acceptBatch(token, proof, body));

      assertThat(refused.reason()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
      assertThat(refused.reason().httpStatus()).isEqualTo(429);
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
      // Nothing of the refused batch is stored and no counter moved.
      assertThat(f.relay.acceptedBatches(Instant.EPOCH, 100)).hasSize(2);
      assertThat(f.store.enforcement().quotaUsed(QuotaSubject.reseller(member.id).key(), "minute:"
          + Math.floorDiv(f.clock.instant().toEpochMilli(), 60_000L))).isEqualTo(4);

      RelayException tooBig = catchThrowableOfType(RelayException.class, () -> send(f, member, token, 6));
      assertThat(tooBig.reason()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
      assertThat(tooBig.detail()).contains("exceed the minute quota of 5 (reseller) by themselves; split the batch");
      send(f, member, token, 1); // 5 of 5 still fits
      f.clock.advance(Duration.ofSeconds(40));
      send(f, member, token, 2);
    }
  }

  @Test
  void dailyQuota_followsTheSeoulCalendarDay() throws Exception {
    try (RelayFixture f = new RelayFixture(b -> b.enforcement(enforcement(QuotaLimits.of(4, QuotaLimits.UNLIMITED))
        .build()))) {
      f.clock.set(Instant.parse("2026-11-28T14:59:00Z")); // 23:59 in Seoul
      RelayFixture.Member member = f.register(r -> r.originCode("123456789"));
      String token = member.token();
      send(f, member, token, 4);
      RelayException refused = catchThrowableOfType(RelayException.class, () -> send(f, member, token, 1));
      assertThat(refused.reason()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(60));
      assertThat(f.relay.enforcement().usedToday(QuotaSubject.reseller(member.id))).isEqualTo(4);
      f.clock.advance(Duration.ofMinutes(1)); // 00:00 in Seoul: a new day
      send(f, member, token, 4);
    }
  }

  @Test
  void originCodeQuota_appliesToTheCode_andAnOverrideTakesEffectAtOnce() throws Exception {
    try (RelayFixture f = new RelayFixture(b -> b.enforcement(enforcement(QuotaLimits.unlimited()).build()))) {
      RelayFixture.Member member = f.register(r -> r.originCode("123456789"));
      String token = member.token();
      send(f, member, token, 3);
      f.relay.enforcement().setQuota(QuotaSubject.originCode("123456789"), QuotaLimits.of(4, QuotaLimits.UNLIMITED),
          "kim");
      assertRefused(() -> send(f, member, token, 2), ReasonCode.QUOTA_EXCEEDED);
      send(f, member, token, 1);
      f.relay.enforcement().setQuota(QuotaSubject.originCode("123456789"), null, "kim");
      send(f, member, token, 2);
    }
  }

  @Test
  void dailyQuota_isExactUnderManyThreads_onSqlite() throws Exception {
    SqliteRelayStore sqlite = SqliteRelayStore.open(dir.resolve("relay.db"));
    try (RelayFixture f = new RelayFixture(b -> b.store(sqlite)
        .enforcement(enforcement(QuotaLimits.of(1000, QuotaLimits.UNLIMITED)).build()))) {
      RelayFixture.Member member = f.register(r -> r.originCode("123456789"));
      String token = member.token();
      int threads = 8;
      int batchesPerThread = 40;
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < batchesPerThread; i++) {
            try {
              send(f, member, token, 5);
              accepted.incrementAndGet();
            } catch (RelayException e) {
              assertThat(e.reason()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
              refused.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      pool.shutdown();

      // 1,600 messages offered against 1,000 a day: exactly 200 batches of 5, never one more or fewer.
      assertThat(accepted.get()).isEqualTo(200);
      assertThat(refused.get()).isEqualTo(threads * batchesPerThread - 200);
      assertThat(f.relay.enforcement().usedToday(QuotaSubject.reseller(member.id))).isEqualTo(1000);
      assertThat(f.relay.acceptedBatches(Instant.EPOCH, 10_000)).hasSize(200);
    }
  }

  @Test
  void counters_surviveARestart() throws Exception {
    Path db = dir.resolve("restart.db");
    RelayFixture.Member member;
    String token;
    SqliteRelayStore first = SqliteRelayStore.open(db);
    EnforcementConfig config = enforcement(QuotaLimits.of(4, QuotaLimits.UNLIMITED)).build();
    RelayFixture f = new RelayFixture(b -> b.store(first).enforcement(config));
    try {
      member = f.register(r -> r.originCode("123456789"));
      token = member.token();
      send(f, member, token, 3);
    } finally {
      f.close();
    }
    SqliteRelayStore second = SqliteRelayStore.open(db);
    try (Relay reopened = Relay.open(new RelayConfig.Builder().issuer(RelayFixture.ISSUER).store(second)
        .signingKeyStore(f.keyStore).clock(f.clock).enforcement(config).build())) {
      byte[] body = RelayFixture.body(RelayFixture.SENDERS.get(0), 2);
      assertRefused(() -> reopened.acceptBatch(token, member.proof(token, body, 2), body), ReasonCode.QUOTA_EXCEEDED);
      byte[] one = RelayFixture.body(RelayFixture.SENDERS.get(0), 1);
      reopened.acceptBatch(token, member.proof(token, one, 1), one);
    }
  }
}
