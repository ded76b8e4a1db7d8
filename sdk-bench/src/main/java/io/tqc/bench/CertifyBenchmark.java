package io.tqc.bench;

import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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
 * Reseller side: {@link TqcClient#certify} with a cached token (a real client of the reference relay
 * running in this JVM on loopback) and the bare {@link BatchProofSigner}, against the floor of one
 * raw Bouncy Castle Ed25519 signature over a proof-sized signing input plus SHA-256 over the same
 * batch (the JDK's SHA-256, the fastest on this JVM).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CertifyBenchmark {
  @Param({"1", "100", "1000"})
  public int messages;

  private byte[] batch;
  private BatchProofSigner signer;
  private String tokenDigest;
  private Ed25519PrivateKeyParameters rawKey;
  private byte[] signingInput;

  private final java.security.MessageDigest sha256 = Sha256.newDigest();

  @Setup
  public void setUp() {
    Fixtures fixtures = new Fixtures();
    batch = Fixtures.batch(messages).toJsonBytes();
    signer = new BatchProofSigner(fixtures.resellerKey, Fixtures.RELAY);
    tokenDigest = fixtures.token.digest();
    BatchProof sample = signer.sign(tokenDigest, batch, messages, Fixtures.NOW);
    String compact = sample.compact();
    signingInput = compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    rawKey = new Ed25519PrivateKeyParameters(new java.security.SecureRandom());
  }

  /** The client and its relay, started only for the benchmark that uses them. */
  @State(Scope.Benchmark)
  public static class Live {
    LiveClient live;

    @Setup
    public void setUp() throws Exception {
      live = new LiveClient();
    }

    @TearDown
    public void tearDown() throws Exception {
      live.close();
    }
  }

  /** The floor: SHA-256(batch) + Ed25519 sign of a proof-sized input, nothing else. */
  @Benchmark
  public byte[] baselineRawBouncyCastle() {
    byte[] hash = sha256.digest(batch);
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    rawKey.sign(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0);
    signature[0] ^= hash[0];
    return signature;
  }

  /** The SDK's hot path: snapshot read, status and token checks, proof, headers; no lock, no I/O. */
  @Benchmark
  public CertifiedBatch tqcClientCertify(Live live) throws TqcClientException {
    return live.live.client.certify(batch, messages);
  }

  /** TQC: a complete proof (random batch id, claims, encoding, signature). */
  @Benchmark
  public BatchProof tqcBatchProofSigner() {
    return signer.sign(tokenDigest, batch, messages, Fixtures.NOW);
  }

  /** Reference point: SHA-256 of the batch alone. */
  @Benchmark
  public String sha256Only() {
    return Sha256.base64Url(batch);
  }
}
