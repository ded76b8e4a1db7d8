package io.tqc.api.status;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the signed status verifier (what a client reads from the relay's status endpoints).
 * Property: only {@code TqcException}s. Seeds under
 * {@code src/test/resources/io/tqc/api/status/SignedStatusFuzzTestInputs/verifyStatus/}. To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=SignedStatusFuzzTest#verifyStatus -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes as in the token fuzz test, signed with the relay key.
 */
class SignedStatusFuzzTest {
  static final byte[] HEADER = ("{\"alg\":\"EdDSA\",\"typ\":\"tqc-status+jwt\",\"kid\":\""
      + SignedStatusTest.RELAY_KEY.keyId() + "\"}").getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "10s")
  void verifyStatus(byte[] data) throws Exception {
    FuzzInput in = FuzzInput.of(data);
    String status;
    switch (in.mode(3)) {
      case 0:
        status = in.text();
        break;
      case 1:
        status = Jose.signRaw(in.part(0, 2), in.part(1, 2), SignedStatusTest.RELAY_KEY);
        break;
      default:
        status = Jose.signRaw(HEADER, in.bytes(), SignedStatusTest.RELAY_KEY);
    }

    onlyTqcExceptions(() -> SignedStatus.verify(status, SignedStatusTest.KEYS, SignedStatusTest.RELAY,
        SignedStatusTest.id("124-81-00998"), SignedStatusTest.NOW, SignedStatusTest.SKEW));
  }
}
