package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tqc.relay.ReplayCache.Result;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A cache full of unexpired ids under a flood of new ones: refusals stay cheap and correct. */
class InMemoryReplayCacheFloodTest {
  final Instant now = Instant.parse("2026-11-28T03:00:00Z");

  @Test
  void floodAtCapacity_refusesEveryNewId_withoutScanningTheWholeCachePerCall() {
    InMemoryReplayCache cache = new InMemoryReplayCache(200_000);
    for (int i = 0; i < 200_000; i++) {
      cache.remember("proof:" + i, now.plusSeconds(66), now);
    }
    // Before the fix each refusal swept all 200,000 entries (about 8 ms each on the CI machine, so
    // 20,000 refusals took minutes); the bound is a generous guard against that regression only.
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 20_000; i++) {
        assertThat(cache.remember("flood:" + i, now.plusSeconds(66), now.plusSeconds(i / 1000)))
            .isEqualTo(Result.FULL);
      }
    });
    assertThat(cache.size()).isEqualTo(200_000);
    assertThat(cache.remember("proof:7", now.plusSeconds(66), now.plusSeconds(40))).isEqualTo(Result.REPLAYED);
  }

  @Test
  void fullCache_acceptsNewIdsAgainOnceTheOldOnesExpire() {
    InMemoryReplayCache cache = new InMemoryReplayCache(1000);
    for (int i = 0; i < 1000; i++) {
      cache.remember("old:" + i, now.plusSeconds(10), now);
    }
    assertThat(cache.remember("early", now.plusSeconds(70), now.plusSeconds(5))).isEqualTo(Result.FULL);
    assertThat(cache.remember("early2", now.plusSeconds(70), now.plusSeconds(5))).isEqualTo(Result.FULL);
    assertThat(cache.remember("late", now.plusSeconds(70), now.plusSeconds(10))).isEqualTo(Result.FIRST_USE);
    assertThat(cache.size()).isEqualTo(1);
  }
}
