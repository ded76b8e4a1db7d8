package io.tqc.bench;

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
 * The client's cache-hit path without the signature: {@code isReady()} reads the published
 * immutable snapshot (one volatile read) and checks token and status deadlines against the
 * ticker, which is what {@code certify} does before it signs. Run with one thread and with eight:
 * with no lock, aggregate throughput grows with the cores; run with {@code -prof gc} for
 * allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotBenchmark {
  private LiveClient live;

  @Setup
  public void setUp() throws Exception {
    live = new LiveClient();
  }

  @TearDown
  public void tearDown() throws Exception {
    live.close();
  }

  @Benchmark
  @Threads(1)
  public boolean snapshotRead1Thread() {
    return live.client.isReady();
  }

  @Benchmark
  @Threads(8)
  public boolean snapshotRead8Threads() {
    return live.client.isReady();
  }
}
