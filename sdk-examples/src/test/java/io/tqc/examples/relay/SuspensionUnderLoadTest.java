package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.relay.AuditRecord;
import io.tqc.relay.HistoryEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight threads submit batches over HTTP while an operator suspends: after the suspension is acknowledged, none is accepted. */
class SuspensionUnderLoadTest {
  static final String ISSUER = "https://relay.load.test";

  @TempDir
  Path data;

  record Outcome(long startedNanos, int status, String code) {}

  @Test
  void afterSuspensionIsAcknowledged_zeroBatchesAreAccepted() throws Exception {
    try (RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .build())) {
      RelayHttp http = new RelayHttp(server.url(), server.adminToken());
      RelayHttp.Reseller reseller = http.reseller(ISSUER);
      assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
      String token = reseller.token();
      ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
      AtomicInteger acceptedSoFar = new AtomicInteger();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        workers.add(pool.submit(() -> {
          while (!stop.get()) {
            long started = System.nanoTime();
            RelayHttp.Response response = reseller.send(token);
            if (response.status() == 202) {
              acceptedSoFar.incrementAndGet();
            }
            outcomes.add(new Outcome(started, response.status(),
                response.status() == 202 ? null : response.code()));
          }
          return null;
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acceptedSoFar.get() < 40 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(acceptedSoFar.get()).as("batches accepted before the suspension").isGreaterThanOrEqualTo(40);
      RelayHttp.Response suspension = http.suspend(reseller.id, "spam under load");
      long acknowledged = System.nanoTime();
      assertThat(suspension.status()).isEqualTo(200);
      Thread.sleep(500);
      stop.set(true);
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      List<Outcome> afterAck = outcomes.stream().filter(o -> o.startedNanos() > acknowledged)
          .collect(Collectors.toList());
      assertThat(afterAck).as("requests started after the acknowledgement").isNotEmpty();
      assertThat(afterAck).allSatisfy(o -> {
        assertThat(o.status()).isEqualTo(403);
        assertThat(o.code()).isEqualTo("certification_suspended");
      });
      long accepted = outcomes.stream().filter(o -> o.status() == 202).count();
      assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isIn(202, 403));

      // Server side: exactly the 202s are in the audit, all recorded no later than the suspension.
      List<AuditRecord> audit = server.relay().acceptedBatches(Instant.EPOCH, 1_000_000).stream()
          .filter(r -> r.resellerId().equals(reseller.id)).collect(Collectors.toList());
      assertThat(audit).hasSize((int) accepted);
      HistoryEntry suspended = server.relay().registry().history(reseller.id).get(1);
      assertThat(audit).allSatisfy(r -> assertThat(r.acceptedAt()).isBeforeOrEqualTo(suspended.at()));
    }
  }
}
