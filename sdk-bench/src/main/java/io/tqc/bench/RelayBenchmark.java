package io.tqc.bench;

import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
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
 * The relay library's whole batch path, {@code Relay.acceptBatch}: size cap, SHA-256 of the body,
 * token (verified-token cache on, or off so both signatures are checked), live status, proof,
 * replay cache, body parse, scope, sender number, content policy (none, or the Korean compliance
 * engine) and the audit hand-off to the leader/follower group commit. The audit store drops records
 * ({@link DiscardingAuditStore}) so the figure is CPU, not disk. Each call presents a proof the
 * relay has not seen: a pool of pre-signed proofs is cycled and the real in-memory replay cache is
 * replaced by an empty one when the pool starts over ({@link RecyclingReplayCache}).
 *
 * <p>Baseline: SHA-256 over the same body plus one raw Bouncy Castle Ed25519 verification of the
 * proof's signing input: the floor for anything that checks one signature over this batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayBenchmark {
  private static final int POOL = 4096;

  @Param({"1", "100", "1000"})
  public int messages;

  private BenchRelay cached;
  private BenchRelay uncached;
  private BenchRelay compliance;
  private Ed25519PublicKeyParameters rawKey;
  private byte[] signingInput;
  private byte[] signature;
  private final MessageDigest sha256 = Sha256.newDigest();

  @Setup
  public void setUp() throws Exception {
    cached = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, ContentPolicy.NONE, messages, POOL);
    uncached = new BenchRelay(0, ContentPolicy.NONE, messages, POOL);
    compliance = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, new KoreanContentPolicy(), messages, POOL);
    // Every variant must accept its batch, or the benchmark would measure a refusal.
    for (BenchRelay relay : new BenchRelay[] {cached, uncached, compliance}) {
      relay.relay.acceptBatch(relay.token, relay.nextProof(), relay.batch);
    }
    String proof = cached.proofs[0];
    int dot = proof.lastIndexOf('.');
    signingInput = proof.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(proof.substring(dot + 1));
    rawKey = new Ed25519PublicKeyParameters(cached.resellerKey.verificationKey().rawBytes(), 0);
  }

  @TearDown
  public void tearDown() throws Exception {
    cached.close();
    uncached.close();
    compliance.close();
  }

  /** The floor: SHA-256(body) + one Ed25519 verification of a proof's signing input. */
  @Benchmark
  public boolean baselineRawBouncyCastle() {
    byte[] hash = sha256.digest(cached.batch);
    return rawKey.verify(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0)
        && hash[0] != 42;
  }

  /** The relay with its verified-token cache: one signature (the proof's) per batch. */
  @Benchmark
  public AcceptedBatch relayCachedToken() throws RelayException {
    return cached.relay.acceptBatch(cached.token, cached.nextProof(), cached.batch);
  }

  /** The relay with the token cache off: token and proof signatures both verified per batch. */
  @Benchmark
  public AcceptedBatch relayUncachedToken() throws RelayException {
    return uncached.relay.acceptBatch(uncached.token, uncached.nextProof(), uncached.batch);
  }

  /** The relay with the token cache and the Korean advertising-content compliance policy. */
  @Benchmark
  public AcceptedBatch relayCachedTokenWithCompliance() throws RelayException {
    return compliance.relay.acceptBatch(compliance.token, compliance.nextProof(), compliance.batch);
  }
}
