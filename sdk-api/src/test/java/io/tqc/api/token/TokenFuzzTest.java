package io.tqc.api.token;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY_KEY;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.internal.Json;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the certification token parser and verifier. Property: only {@code TqcException}s.
 *
 * <p>In the normal build this replays the seeds in
 * {@code src/test/resources/io/tqc/api/token/TokenFuzzTestInputs/<method>/} (regression mode).
 * To fuzz for real (libFuzzer; new crashes are written into that directory as regression seeds):
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=TokenFuzzTest#verifyToken -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes (first input byte): {@code '0'} the rest is the compact token; {@code '1'} header JSON,
 * 0xFF, payload JSON, signed with the relay key; {@code '2'} payload JSON under a valid header,
 * signed with the relay key (so the fuzzer reaches the claim checks).
 */
class TokenFuzzTest {
  static final CertificationVerifier VERIFIER = Fixture.verifier();
  static final byte[] HEADER = Json.write(Fixture.tokenHeader()).getBytes(StandardCharsets.UTF_8);

  static String token(FuzzInput in) {
    switch (in.mode(3)) {
      case 0:
        return in.text();
      case 1:
        return Jose.signRaw(in.part(0, 2), in.part(1, 2), RELAY_KEY);
      default:
        return Jose.signRaw(HEADER, in.bytes(), RELAY_KEY);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void verifyToken(byte[] data) throws Exception {
    String token = token(FuzzInput.of(data));
    String proof = Fixture.signProof(Fixture.proofHeader(), Fixture.proofClaims(token));

    onlyTqcExceptions(() -> VERIFIER.verifyToken(token, NOW));
    onlyTqcExceptions(() -> VERIFIER.verify(token, proof, BODY, COUNT, NOW));
    onlyTqcExceptions(() -> CertificationToken.decodeUnverified(token));
  }
}
