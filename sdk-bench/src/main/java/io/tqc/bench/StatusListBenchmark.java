package io.tqc.bench;

import io.tqc.api.TqcException;
import io.tqc.api.status.StatusList;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/** Encoding and decoding a 2-bit status list of 1,000,000 entries (1% suspended, 0.5% revoked). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatusListBenchmark {
  private StatusList list;
  private String encoded;

  @Setup
  public void setUp() {
    Random random = new Random(20240601);
    StatusList.Builder builder = new StatusList.Builder(2, 1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      int roll = random.nextInt(1000);
      builder.set(i, roll < 10 ? 2 : roll < 15 ? 1 : 0);
    }
    list = builder.build();
    encoded = list.encode();
  }

  @Benchmark
  public String encodeOneMillion() {
    return list.encode();
  }

  @Benchmark
  public StatusList decodeOneMillion() throws TqcException {
    return StatusList.decode(encoded, 2);
  }
}
