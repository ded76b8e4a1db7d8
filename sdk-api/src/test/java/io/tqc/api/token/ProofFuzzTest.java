package io.tqc.api.token;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RESELLER_KEY;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.internal.Json;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the batch proof parser and the binding checks, through both verify paths. Property: only
 * {@code TqcException}s. Seeds: {@code src/test/resources/io/tqc/api/token/ProofFuzzTestInputs/verifyProof/}.
 * To fuzz for real:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=ProofFuzzTest#verifyProof -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes: {@code '0'} the rest is the compact proof; {@code '1'} header JSON, 0xFF, claims JSON,
 * signed with the reseller key; {@code '2'} claims JSON under a valid header, signed with the reseller key.
 */
class ProofFuzzTest {
  static final CertificationVerifier VERIFIER = Fixture.verifier();
  static final CertificationToken TOKEN = Fixture.token();
  static final byte[] HEADER = Json.write(Fixture.proofHeader()).getBytes(StandardCharsets.UTF_8);

  static String proof(FuzzInput in) {
    switch (in.mode(3)) {
      case 0:
        return in.text();
      case 1:
        return Jose.signRaw(in.part(0, 2), in.part(1, 2), RESELLER_KEY);
      default:
        return Jose.signRaw(HEADER, in.bytes(), RESELLER_KEY);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void verifyProof(byte[] data) throws Exception {
    String proof = proof(FuzzInput.of(data));
    CertificationToken cached = VERIFIER.verifyToken(TOKEN.compact(), NOW);

    onlyTqcExceptions(() -> VERIFIER.verify(TOKEN.compact(), proof, BODY, COUNT, NOW));
    onlyTqcExceptions(() -> VERIFIER.verify(cached, proof, BODY, COUNT, NOW));
  }
}
