package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import java.util.Arrays;
import java.util.List;
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

/** The Korean advertising-content policy (law's defaults) on a compliant 1,000-message batch. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComplianceBenchmark {
  private final CompliancePolicy policy = CompliancePolicy.defaults();
  private final List<String> senders = Arrays.asList(Fixtures.SENDER, "15881234");
  private Batch batch;

  @Setup
  public void setUp() {
    batch = Fixtures.batch(1000);
    ComplianceReport report = policy.check(batch, senders, Fixtures.NOW);
    if (!report.isCompliant()) {
      throw new IllegalStateException("the fixture batch must be compliant: " + report);
    }
  }

  @Benchmark
  public ComplianceReport checkThousandMessages() {
    return policy.check(batch, senders, Fixtures.NOW);
  }
}
