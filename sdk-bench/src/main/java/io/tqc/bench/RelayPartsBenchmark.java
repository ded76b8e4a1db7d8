package io.tqc.bench;

import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.internal.AuditWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two steps of the relay's batch path measured alone, to explain {@link RelayBenchmark}: one
 * audit record through the leader/follower group commit (store drops records), from one thread and
 * from four at once, and one insertion into the in-memory replay cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayPartsBenchmark {
  private AuditWriter writer;
  private AuditRecord record;
  private RecyclingReplayCache replay;
  private long counter;
  private final Instant expiry = Fixtures.NOW.plusSeconds(66);

  @Setup
  public void setUp() throws Exception {
    writer = new AuditWriter(new DiscardingAuditStore());
    record = new AuditRecord.Builder().batchId("Zm9vYmFyYmF6cXV4cXV1eA").resellerId(ResellerId.parse("124-81-00998"))
        .certificationId("cert-0001").originCode("123456789").tokenId("dG9rZW4taWQtMDAwMDAwMDA")
        .proof("eyJhbGciOiJFZERTQSJ9.e30.c2ln").bodyDigest("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")
        .messageCount(1).acceptedAt(Fixtures.NOW).build();
    replay = new RecyclingReplayCache(RelayConfig.DEFAULT_REPLAY_CAPACITY);
  }

  @TearDown
  public void tearDown() {
    writer.close();
  }

  /** One audit record, one caller: it queues the record, takes the lead and "commits" it itself. */
  @Benchmark
  public void auditHandOff() throws IOException {
    writer.record(record);
  }

  /** The same from four threads: followers queue behind the leader and are woken when written. */
  @Benchmark
  @Threads(4)
  public void auditHandOffFourThreads() throws IOException {
    writer.record(record);
  }

  /** One first-use insertion into the relay's in-memory replay cache (emptied every 100,000). */
  @Benchmark
  public ReplayCache.Result replayCacheInsert() {
    if (++counter % 100_000 == 0) {
      replay.forget();
    }
    return replay.remember("proof:" + counter, expiry, Fixtures.NOW);
  }
}
