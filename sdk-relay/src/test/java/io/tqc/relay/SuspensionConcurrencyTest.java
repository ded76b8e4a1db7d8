package io.tqc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SuspensionConcurrencyTest {
  @Test
  void afterSuspensionReturns_noBatchIsAccepted() throws Exception {
    try (RelayFixture fixture = new RelayFixture()) {
      RelayFixture.Member m = fixture.register();
      String token = m.token();
      AtomicBoolean acknowledged = new AtomicBoolean();
      AtomicLong acceptedAfterAck = new AtomicLong();
      AtomicLong acceptedTotal = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch warm = new CountDownLatch(8 * 20);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            boolean afterAck = acknowledged.get();
            try {
              m.send(token, RelayFixture.body());
              acceptedTotal.incrementAndGet();
              if (afterAck) {
                acceptedAfterAck.incrementAndGet();
              }
            } catch (RelayException e) {
              assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATION_SUSPENDED);
            }
            warm.countDown();
          }
          return null;
        }));
      }
      assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();
      fixture.relay.registry().suspend(m.id, "spam", "kim");
      acknowledged.set(true);
      Thread.sleep(200);
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(acceptedAfterAck.get()).isZero();
      assertThat(acceptedTotal.get()).isPositive();
      HistoryEntry suspension = fixture.relay.registry().history(m.id).get(1);
      List<AuditRecord> audit = fixture.relay.acceptedBatches(java.time.Instant.EPOCH, Integer.MAX_VALUE);
      assertThat(audit).hasSize((int) acceptedTotal.get());
      assertThat(audit).allSatisfy(r -> assertThat(r.acceptedAt()).isBeforeOrEqualTo(suspension.at()));
    }
  }
}
