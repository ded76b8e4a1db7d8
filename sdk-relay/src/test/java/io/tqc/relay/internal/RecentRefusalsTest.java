package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.RefusedBatch;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-reseller rings of recent refusals stay within their bounds. */
class RecentRefusalsTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  static ResellerId id(String unused) {
    return io.tqc.relay.testing.ResellerIds.random();
  }

  @Test
  void ring_keepsTheNewestPerReseller_andDropsTheOldest() throws Exception {
    RecentRefusals refusals = new RecentRefusals(3, 10);
    ResellerId a = id("reseller-a");
    for (int i = 0; i < 5; i++) {
      refusals.record(a, null, ReasonCode.PROOF_SIGNATURE_INVALID, T0.plusSeconds(i));
    }
    assertThat(refusals.recent(a, 10)).extracting(RefusedBatch::refusedAt)
        .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3), T0.plusSeconds(2));
    assertThat(refusals.recent(a, 2)).hasSize(2);
    assertThat(refusals.recent(a, 10)).allSatisfy(r -> {
      assertThat(r.batchId()).isNull();
      assertThat(r.messageCount()).isZero();
    });
  }

  @Test
  void resellers_areBounded_leastRecentlyRefusedGoFirst() throws Exception {
    RecentRefusals refusals = new RecentRefusals(2, 100);
    for (int i = 0; i < 1_000; i++) {
      refusals.record(id(null), null, ReasonCode.QUOTA_EXCEEDED, T0);
    }
    assertThat(refusals.resellers()).isLessThanOrEqualTo(100);
  }

  @Test
  void unreadableProof_isKeptWithoutBatchIdOrCount() throws Exception {
    RecentRefusals refusals = new RecentRefusals();
    ResellerId a = id("reseller-a");
    refusals.record(a, "not.a.proof", ReasonCode.PROOF_MALFORMED, T0);
    refusals.record(a, "x".repeat(20_000), ReasonCode.PROOF_MALFORMED, T0);
    assertThat(refusals.recent(a, 10)).hasSize(2).allSatisfy(r -> assertThat(r.batchId()).isNull());
  }

  @Test
  void concurrentRecording_losesNoSlotBeyondTheBound() throws Exception {
    RecentRefusals refusals = new RecentRefusals(50, 10);
    ResellerId a = id("reseller-a");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(() -> {
        for (int i = 0; i < 1_000; i++) {
          refusals.record(a, null, ReasonCode.BATCH_REPLAYED, T0);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(refusals.recent(a, 100)).hasSize(50);
  }
}
