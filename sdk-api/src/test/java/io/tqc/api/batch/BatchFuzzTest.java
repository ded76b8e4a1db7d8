package io.tqc.api.batch;

import static io.tqc.api.testing.FuzzInput.onlyTqcExceptions;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import java.nio.charset.StandardCharsets;
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

  private static final String[] TYPES = {"\"SMS\"", "\"LMS\"", "\"MMS\"", "\"mms\"", "null", "1", "\"\""};
  private static final String[] SIZES = {"1", "0", "-1", "307200", "1.0", "1e3", "2147483647", "2147483648",
      "99999999999999999999", "\"5\"", "null", "01"};

  /**
   * Fuzzes the MMS members (type, subject, images: digest and size) inside an otherwise valid body.
   * Property: the body is either refused with {@code batch_malformed} and nothing else, or it parses,
   * every image is a canonical 43-character digest with a positive size, and it serializes stably.
   */
  @FuzzTest(maxDuration = "10s")
  void mmsMembers(FuzzedDataProvider data) throws Exception {
    StringBuilder message = new StringBuilder("{\"to\":\"01012345678\",\"text\":\"t\"");
    if (data.consumeBoolean()) {
      message.append(",\"type\":").append(data.pickValue(TYPES));
    }
    if (data.consumeBoolean()) {
      message.append(",\"subject\":\"").append(data.consumeAsciiString(8).replace("\\", "").replace("\"", ""))
          .append('"');
    }
    if (data.consumeBoolean()) {
      message.append(",\"images\":[");
      int count = data.consumeInt(0, 4);
      for (int i = 0; i < count; i++) {
        message.append(i == 0 ? "" : ",").append("{\"sha256\":\"")
            .append(data.consumeAsciiString(44).replace("\\", "").replace("\"", ""))
            .append("\",\"size\":").append(data.pickValue(SIZES)).append('}');
      }
      message.append(']');
    }
    byte[] body = ("{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[" + message + "}]}")
        .getBytes(StandardCharsets.UTF_8);
    Batch batch;
    try {
      batch = Batch.parse(body, 10);
    } catch (TqcException e) {
      if (e.reason() != ReasonCode.BATCH_MALFORMED) {
        throw new AssertionError("unexpected reason " + e.reason(), e);
      }
      return;
    }
    for (BatchImage image : batch.messages().get(0).images()) {
      if (image.sha256().length() != BatchImage.DIGEST_LENGTH || image.size() < 1) {
        throw new AssertionError("accepted an invalid image " + image);
      }
    }
    byte[] once = batch.toJsonBytes();
    if (!Arrays.equals(once, Batch.parse(once, 10).toJsonBytes())) {
      throw new AssertionError("MMS serialization is not stable");
    }
  }
}
