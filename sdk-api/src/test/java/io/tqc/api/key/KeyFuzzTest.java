package io.tqc.api.key;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.testing.FuzzInput;
import java.util.Base64;

/**
 * Fuzzes every key loader: JWK (private and public), JWKS and PEM. Property: only
 * {@code TqcException}s, and a private JWK that loads re-exports to a JWK that loads to the same key.
 * Seeds under {@code src/test/resources/io/tqc/api/key/KeyFuzzTestInputs/loadKey/}. To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=KeyFuzzTest#loadKey -DargLine=-Djazzer.hooks=true
 * </pre>
 * Modes: {@code '0'} the rest is JWK or JWKS text; {@code '1'} the rest is DER, armoured as PEM.
 */
class KeyFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void loadKey(byte[] data) throws Exception {
    FuzzInput in = FuzzInput.of(data);
    if (in.mode(2) == 0) {
      String text = in.text();
      onlyTqcExceptions(() -> {
        SigningKey key = SigningKey.fromJwk(text);
        SigningKey again = SigningKey.fromJwk(key.exportPrivateJwk());
        if (!again.verificationKey().equals(key.verificationKey())) {
          throw new AssertionError("private JWK round trip changed the key");
        }
      });
      onlyTqcExceptions(() -> VerificationKey.fromJwk(text));
      onlyTqcExceptions(() -> KeySet.parse(text));
      onlyTqcExceptions(() -> SigningKey.parse(text));
    } else {
      String der = Base64.getMimeEncoder().encodeToString(in.bytes());
      onlyTqcExceptions(() -> SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\n" + der + "\n-----END PRIVATE KEY-----\n"));
      onlyTqcExceptions(() -> VerificationKey.fromPem("-----BEGIN PUBLIC KEY-----\n" + der + "\n-----END PUBLIC KEY-----\n"));
      onlyTqcExceptions(() -> SigningKey.parse(in.text()));
    }
  }
}
