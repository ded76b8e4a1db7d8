package io.tqc.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tqc.relay.ReplayCache.Result;
import io.tqc.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the cache answers when Redis is down, hung, full or refuses the credentials. */
class RedisReplayCacheOutageTest {
  static final String PASSWORD = "outage-test-password";

  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password(PASSWORD).build();

  final Instant now = Instant.now();
  final AtomicLong ticker = new AtomicLong();

  @AfterEach
  void serverRunningAgain() throws IOException {
    if (!redis.isRunning()) {
      redis.restart();
    }
    redis.release();
    redis.command("CONFIG", "SET", "maxmemory", "0");
  }

  private RedisReplayCache open(Duration failFast) throws IOException {
    return RedisReplayCache.open(config().failFastPeriod(failFast).build(), ticker::get);
  }

  private static RedisReplayConfig.Builder config() {
    return new RedisReplayConfig.Builder().uri(redis.uri()).password(PASSWORD)
        .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(1));
  }

  private static String id() {
    return "proof:" + UUID.randomUUID();
  }

  @Test
  void killedRedis_isUnavailable_andAnswersAgainAfterRestart() throws IOException {
    try (RedisReplayCache cache = open(Duration.ZERO)) {
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
      redis.kill();
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      assertThat(cache.isAvailable()).isFalse();
      redis.restart();
      String id = id();
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.REPLAYED);
      assertThat(cache.isAvailable()).isTrue();
      assertThat(cache.unavailableCount()).isEqualTo(1);
    }
  }

  @Test
  void blackHoledRedis_isUnavailableAfterTheReadTimeout_notHung() throws IOException {
    try (RedisReplayCache cache = open(Duration.ZERO)) {
      String id = id();
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
      redis.blackHole();
      // Returns only because the read times out: SIGSTOP keeps the socket open and silent.
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      redis.release();
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.REPLAYED);
    }
  }

  @Test
  void afterAFailure_answersUnavailableWithoutTrying_untilTheFailFastPeriodEnds() throws IOException {
    try (RedisReplayCache cache = open(Duration.ofSeconds(1))) {
      redis.kill();
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      redis.restart();
      // Redis answers again, but the cache does not ask it within the period (the ticker stands still).
      String id = id();
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      assertThat(redis.command("EXISTS", "tqc:replay:" + id)).isEqualTo(":0");
      ticker.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
      assertThat(cache.unavailableCount()).isEqualTo(2);
    }
  }

  @Test
  void redisRefusingWrites_isUnavailable_notFirstUse() throws IOException {
    try (RedisReplayCache cache = open(Duration.ZERO)) {
      assertThat(redis.command("CONFIG", "SET", "maxmemory-policy", "noeviction")).isEqualTo("+OK");
      assertThat(redis.command("CONFIG", "SET", "maxmemory", "1")).isEqualTo("+OK");
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      redis.command("CONFIG", "SET", "maxmemory", "0");
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
    }
  }

  @Test
  void wrongPassword_isRefusedAtOpen_withoutRevealingIt() {
    assertThatThrownBy(() -> RedisReplayCache.open(config().password("not-the-password-42").build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refused the connection settings")
        .hasMessageNotContaining("not-the-password-42");
  }

  @Test
  void missingPassword_isRefusedAtOpen() {
    assertThatThrownBy(() -> RedisReplayCache.open(new RedisReplayConfig.Builder().uri(redis.uri()).build()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refused the connection settings");
  }

  @Test
  void redisDownAtOpen_opensUnavailable_andAnswersOnceRedisIsBack() throws IOException {
    redis.kill();
    try (RedisReplayCache cache = open(Duration.ZERO)) {
      assertThat(cache.isAvailable()).isFalse();
      assertThat(cache.remember(id(), now.plusSeconds(66), now)).isEqualTo(Result.UNAVAILABLE);
      redis.restart();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> cache.remember(id(), now.plusSeconds(66), now) == Result.FIRST_USE);
    }
  }
}
