package io.tqc.bench;

import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay's body parse alone ({@link Batch#parse}: one pass of the strict scanner straight into
 * {@code Batch} and its {@code BatchMessage}s): the step of {@link RelayBenchmark} that grows with
 * the batch and that the signature floor does not include. {@link Interleaved} sets it against
 * SHA-256 of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BatchParseBenchmark {
  @Param({"1", "100", "1000"})
  public int messages;

  private byte[] body;

  @Setup
  public void setUp() {
    body = Fixtures.batch(messages).toJsonBytes();
  }

  @Benchmark
  public Batch parse() throws TqcException {
    return Batch.parse(body, 10_000);
  }
}
