package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.RuleMode;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.protection.InMemorySuppressionStore;
import io.tqc.relay.protection.OptOutSource;
import io.tqc.relay.protection.RecipientProtectionPolicy;
import io.tqc.relay.protection.Suppressions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opt-out suppression on the relay's batch path (issue 13): the per-batch check of 1,000 recipients
 * against a store holding {@code suppressed} opt-outs spread over 1,000 advertisers (HMAC-SHA256 per
 * recipient, then a lock-free index lookup), against the relay's whole batch path for the same
 * 1,000-message batch with the Korean content policy. The goal: the check costs at most 10 % of
 * the batch path. {@link #relayBatchPathWithSuppression} is the batch path with the check plugged in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SuppressionBenchmark {
  private static final int POOL = 2048;
  private static final int MESSAGES = 1000;

  @Param({"10000000"})
  public int suppressed;

  private BenchRelay plain;
  private BenchRelay protectedRelay;
  private Suppressions suppressions;
  private List<String> recipients;

  @Setup
  public void setUp() throws Exception {
    suppressions = new Suppressions("bench-suppression-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
        new InMemorySuppressionStore(false));
    // Opt-outs of other recipients (01100000000 + k: never a batch recipient) for 1,000 advertisers,
    // among them the batch's own advertiser.
    for (int k = 0; k < suppressed; k++) {
      suppressions.optOut(k % 1000 == 0 ? "예시문자" : "광고주" + (k % 1000), String.format("011%08d", k % 100_000_000),
          OptOutSource.ARS_080, Fixtures.NOW, null);
    }
    Batch batch = Fixtures.batch(MESSAGES);
    recipients = new ArrayList<>(MESSAGES);
    for (BatchMessage message : batch.messages()) {
      recipients.add(message.to());
    }
    plain = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, new KoreanContentPolicy(), MESSAGES, POOL);
    protectedRelay = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, new RecipientProtectionPolicy.Builder()
        .delegate(new KoreanContentPolicy()).suppressions(suppressions, RuleMode.ENFORCE).build(), MESSAGES, POOL);
    plain.relay.acceptBatch(plain.token, plain.nextProof(), plain.batch);
    protectedRelay.relay.acceptBatch(protectedRelay.token, protectedRelay.nextProof(), protectedRelay.batch);
    if (!suppressions.suppressed("예시문자", recipients).isEmpty() || suppressions.store().size() < suppressed * 0.99) {
      throw new IllegalStateException("fixture");
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    plain.close();
    protectedRelay.close();
  }

  /** The per-batch suppression check of the batch's 1,000 recipients. */
  @Benchmark
  public int suppressionCheck1000() {
    return suppressions.suppressed("예시문자", recipients).size();
  }

  /** The relay's batch path for the 1,000-message batch with the Korean content policy, no suppression. */
  @Benchmark
  public AcceptedBatch relayBatchPath() throws RelayException {
    return plain.relay.acceptBatch(plain.token, plain.nextProof(), plain.batch);
  }

  /** The same batch path with the suppression check in the content policy. */
  @Benchmark
  public AcceptedBatch relayBatchPathWithSuppression() throws RelayException {
    return protectedRelay.relay.acceptBatch(protectedRelay.token, protectedRelay.nextProof(), protectedRelay.batch);
  }
}
