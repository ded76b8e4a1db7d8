package io.tqc.bench;

import io.tqc.api.VerificationException;
import io.tqc.api.key.KeySet;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.VerifiedBatch;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Relay side, protocol checks only (sdk-api {@link CertificationVerifier}): token + proof + batch,
 * with the token's verification cached by digest and without, against the floor of one raw BC
 * Ed25519 verify plus SHA-256 over the same batch, and against nimbus-jose-jwt doing the same checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {
  @Param({"1", "100", "1000"})
  public int messages;

  private byte[] batch;
  private String token;
  private String proof;
  private CertificationVerifier verifier;
  private CertificationToken cachedToken;
  private NimbusBatchVerifier nimbus;
  private Ed25519PublicKeyParameters rawKey;
  private byte[] proofSigningInput;
  private byte[] proofSignature;

  private final java.security.MessageDigest sha256 = Sha256.newDigest();

  @Setup
  public void setUp() throws Exception {
    Fixtures fixtures = new Fixtures();
    batch = Fixtures.batch(messages).toJsonBytes();
    token = fixtures.token.compact();
    BatchProof signed = new BatchProofSigner(fixtures.resellerKey, Fixtures.RELAY)
        .sign(fixtures.token, batch, messages, Fixtures.NOW);
    proof = signed.compact();
    KeySet keys = KeySet.of(fixtures.relayKey.verificationKey());
    verifier = new CertificationVerifier.Builder().relayId(Fixtures.RELAY).keys(keys).build();
    cachedToken = verifier.verifyToken(token, Fixtures.NOW);
    nimbus = new NimbusBatchVerifier(Fixtures.RELAY, keys.toJson());
    nimbus.verify(token, proof, batch, messages, Fixtures.NOW); // warms its token cache, proves equivalence
    rawKey = new Ed25519PublicKeyParameters(fixtures.resellerKey.verificationKey().rawBytes(), 0);
    int dot = proof.lastIndexOf('.');
    proofSigningInput = proof.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    proofSignature = java.util.Base64.getUrlDecoder().decode(proof.substring(dot + 1));
  }

  /** The floor: SHA-256(batch) + one Ed25519 verify of the proof's signing input. */
  @Benchmark
  public boolean baselineRawBouncyCastle() {
    byte[] hash = sha256.digest(batch);
    return rawKey.verify(Ed25519.Algorithm.Ed25519, null, proofSigningInput, 0, proofSigningInput.length,
        proofSignature, 0) && hash[0] != 42;
  }

  /** TQC with the token verification cached (token times still re-checked). */
  @Benchmark
  public VerifiedBatch tqcCachedToken() throws VerificationException {
    return verifier.verify(cachedToken, proof, batch, messages, Fixtures.NOW);
  }

  /** TQC verifying both signatures. */
  @Benchmark
  public VerifiedBatch tqcUncachedToken() throws VerificationException {
    return verifier.verify(token, proof, batch, messages, Fixtures.NOW);
  }

  /** nimbus-jose-jwt (+ Tink Ed25519) doing the same checks, with the same token cache. */
  @Benchmark
  public Object nimbusCachedToken() throws Exception {
    return nimbus.verify(token, proof, batch, messages, Fixtures.NOW);
  }
}
