package io.tqc.api.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Differential fuzzing of the batch scanner: for arbitrary bytes, {@link StrictJsonReader} and
 * Moshi's strict reader (with the old UTF-8 pre-check and surrogate rule) accept and refuse the
 * same documents and read the same values, except where the bytes hold what RFC 8259 forbids and
 * Moshi lets through ({@link StrictJsonReaderDifferential}). Seeds under
 * {@code src/test/resources/io/tqc/api/internal/StrictJsonReaderFuzzTestInputs/scannerAgreesWithMoshi/}.
 * To fuzz:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl sdk-api test -Dtest=StrictJsonReaderFuzzTest -DargLine=-Djazzer.hooks=true
 * </pre>
 */
class StrictJsonReaderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void scannerAgreesWithMoshi(byte[] data) {
    StrictJsonReaderDifferential.check(data);
  }
}
