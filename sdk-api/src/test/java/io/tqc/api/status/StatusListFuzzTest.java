package io.tqc.api.status;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the status list decoder and the status list token verifier. Property: only
 * {@code TqcException}s, and every list that decodes re-encodes to a list equal to it. Seeds under
 * {@code src/test/resources/io/tqc/api/status/StatusListFuzzTestInputs/decode/}. To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=StatusListFuzzTest#decode -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes: {@code '0'} the rest is an {@code lst} text (bits 2); {@code '1'} the rest is a zlib stream
 * (base64url-encoded by the test; bits 1); {@code '2'} the rest is status list token claims JSON,
 * signed with the relay key.
 */
class StatusListFuzzTest {
  static final byte[] HEADER = ("{\"alg\":\"EdDSA\",\"typ\":\"statuslist+jwt\",\"kid\":\""
      + StatusListTokenTest.RELAY_KEY.keyId() + "\"}").getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "10s")
  void decode(byte[] data) throws Exception {
    FuzzInput in = FuzzInput.of(data);
    switch (in.mode(3)) {
      case 0:
        onlyTqcExceptions(() -> roundTrips(StatusList.decode(in.text(), 2)));
        break;
      case 1:
        onlyTqcExceptions(() -> roundTrips(StatusList.decode(Base64Url.encode(in.bytes()), 1)));
        break;
      default:
        String token = Jose.signRaw(HEADER, in.bytes(), StatusListTokenTest.RELAY_KEY);
        onlyTqcExceptions(() -> roundTrips(StatusListToken.verify(token, StatusListTokenTest.KEYS,
            StatusListTokenTest.URI, StatusListTokenTest.NOW)));
    }
  }

  static void roundTrips(StatusList list) throws Exception {
    if (list.size() > 0) {
      list.get(list.size() - 1);
    }
    if (!StatusList.decode(list.encode(), list.bits()).equals(list)) {
      throw new AssertionError("decoded list does not survive encode/decode");
    }
  }
}
