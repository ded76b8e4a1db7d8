package io.tqc.api.batch;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes the batch body parser. Property: only {@code TqcException}s, and a parsed batch
 * serializes to bytes that parse back to the same bytes. Seeds under
 * {@code src/test/resources/io/tqc/api/batch/BatchFuzzTestInputs/parse/} (raw body bytes). To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=BatchFuzzTest#parse -DargLine=-Djazzer.hooks=true
 * </pre>
 */
class BatchFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] data) throws Exception {
    onlyTqcExceptions(() -> {
      byte[] once = Batch.parse(data, 100).toJsonBytes();
      byte[] twice = Batch.parse(once, 100).toJsonBytes();
      if (!Arrays.equals(once, twice)) {
        throw new AssertionError("batch serialization is not stable");
      }
    });
  }
}
