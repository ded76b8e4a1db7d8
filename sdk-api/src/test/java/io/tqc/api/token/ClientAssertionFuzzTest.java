package io.tqc.api.token;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY;
import static io.tqc.api.token.Fixture.RESELLER;
import static io.tqc.api.token.Fixture.RESELLER_KEY;
import static io.tqc.api.testing.Jose.map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.internal.Json;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * Fuzzes the client assertion parser (the relay's token endpoint input). Property: only
 * {@code TqcException}s, and {@code peekIssuer} never throws. Seeds under
 * {@code src/test/resources/io/tqc/api/token/ClientAssertionFuzzTestInputs/verifyAssertion/}. To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=ClientAssertionFuzzTest#verifyAssertion -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes as in {@link TokenFuzzTest}, signed with the reseller key.
 */
class ClientAssertionFuzzTest {
  static final List<VerificationKey> KEYS = Collections.singletonList(RESELLER_KEY.verificationKey());
  static final byte[] HEADER = Json.write(map("alg", "EdDSA", "typ", ClientAssertion.TYPE,
      "kid", RESELLER_KEY.verificationKey().thumbprint())).getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "10s")
  void verifyAssertion(byte[] data) throws Exception {
    FuzzInput in = FuzzInput.of(data);
    String assertion;
    switch (in.mode(3)) {
      case 0:
        assertion = in.text();
        break;
      case 1:
        assertion = Jose.signRaw(in.part(0, 2), in.part(1, 2), RESELLER_KEY);
        break;
      default:
        assertion = Jose.signRaw(HEADER, in.bytes(), RESELLER_KEY);
    }

    ClientAssertion.peekIssuer(assertion);
    onlyTqcExceptions(() -> ClientAssertion.verify(assertion, RESELLER, KEYS, RELAY, NOW, Duration.ofSeconds(30)));
  }
}
