package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.relay.ReplayCache.Result;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayCacheTest {
  final Instant now = Instant.parse("2026-11-28T03:00:00Z");

  @Test
  void secondUse_isReplayed() {
    InMemoryReplayCache cache = new InMemoryReplayCache(10);
    assertThat(cache.remember("a", now.plusSeconds(60), now)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.remember("a", now.plusSeconds(60), now.plusSeconds(59))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void full_refusesRatherThanForgettingUnexpiredIds() {
    InMemoryReplayCache cache = new InMemoryReplayCache(3);
    for (String id : new String[] {"a", "b", "c"}) {
      assertThat(cache.remember(id, now.plusSeconds(60), now)).isEqualTo(Result.FIRST_USE);
    }
    assertThat(cache.remember("d", now.plusSeconds(60), now.plusSeconds(30))).isEqualTo(Result.FULL);
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.remember("a", now.plusSeconds(60), now.plusSeconds(30))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void expiredIds_freeCapacity() {
    InMemoryReplayCache cache = new InMemoryReplayCache(2);
    cache.remember("a", now.plusSeconds(10), now);
    cache.remember("b", now.plusSeconds(60), now);
    assertThat(cache.remember("c", now.plusSeconds(70), now.plusSeconds(11))).isEqualTo(Result.FIRST_USE);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.remember("b", now.plusSeconds(60), now.plusSeconds(12))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void idIsRememberedUntilItsExpiry_evenWithMixedExpiries() {
    InMemoryReplayCache cache = new InMemoryReplayCache(100);
    cache.remember("long", now.plusSeconds(300), now);
    for (int i = 0; i < 50; i++) {
      cache.remember("short" + i, now.plusSeconds(5), now);
    }
    Instant later = now.plusSeconds(299);
    assertThat(cache.remember("x", later.plusSeconds(60), later)).isEqualTo(Result.FIRST_USE);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.remember("long", later.plusSeconds(60), later)).isEqualTo(Result.REPLAYED);
  }

  @Test
  void memory_staysWithinCapacityUnderSustainedLoad() {
    InMemoryReplayCache cache = new InMemoryReplayCache(1000);
    for (int second = 0; second < 600; second++) {
      Instant t = now.plusSeconds(second);
      for (int i = 0; i < 10; i++) {
        assertThat(cache.remember(second + ":" + i, t.plusSeconds(66), t)).isEqualTo(Result.FIRST_USE);
      }
      assertThat(cache.size()).isLessThanOrEqualTo(1000);
    }
  }
}
