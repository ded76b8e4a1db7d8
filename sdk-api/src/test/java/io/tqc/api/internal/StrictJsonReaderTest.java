package io.tqc.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonReader;
import io.tqc.api.internal.Json.JsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonReaderTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a document through the generic walk of the differential oracle; throws if refused. */
  private static void readAll(byte[] bytes) throws JsonException {
    StrictJsonReader reader = StrictJsonReader.of(bytes);
    walk(reader);
    reader.end();
  }

  private static void walk(StrictJsonReader in) throws JsonException {
    switch (in.peek()) {
      case BEGIN_OBJECT:
        in.beginObject("o");
        while (in.hasNext()) {
          in.nextName();
          walk(in);
        }
        in.endObject();
        break;
      case BEGIN_ARRAY:
        in.beginArray("a");
        while (in.hasNext()) {
          walk(in);
        }
        in.endArray();
        break;
      case STRING:
        in.nextString("s");
        break;
      case NUMBER:
        in.nextNumberLiteral("n");
        break;
      case BOOLEAN:
        in.nextBoolean("b");
        break;
      default:
        in.nextNull("z");
    }
  }

  @Test
  void batchShapedDocument_readsNamesStringsAndBooleans() throws Exception {
    StrictJsonReader in = StrictJsonReader.of(utf8(
        " {\"sender_number\" : \"0212345678\",\n\"advertising\":true,\"messages\":[{\"to\":\"01012345678\","
            + "\"text\":\"(광고) 가을 세일 😀 \\\"50%\\\" \\u00e9\\ud83d\\ude00\"}]}\r\n"));
    in.beginObject("batch");
    assertThat(in.nextName()).isEqualTo("sender_number");
    assertThat(in.nextString("s")).isEqualTo("0212345678");
    assertThat(in.nextName()).isEqualTo("advertising");
    assertThat(in.peek()).isEqualTo(JsonReader.Token.BOOLEAN);
    assertThat(in.nextBoolean("a")).isTrue();
    assertThat(in.nextName()).isEqualTo("messages");
    in.beginArray("m");
    assertThat(in.hasNext()).isTrue();
    in.beginObject("m0");
    assertThat(in.nextName()).isEqualTo("to");
    assertThat(in.nextString("to")).isEqualTo("01012345678");
    assertThat(in.nextName()).isEqualTo("text");
    assertThat(in.nextString("text")).isEqualTo("(광고) 가을 세일 😀 \"50%\" é😀");
    assertThat(in.hasNext()).isFalse();
    in.endObject();
    assertThat(in.hasNext()).isFalse();
    in.endArray();
    in.endObject();
    in.end();
  }

  @Test
  void repeatedNames_areOneInstance_andStillEqualToWhatWasWritten() throws Exception {
    StrictJsonReader in = StrictJsonReader.of(utf8("[{\"to\":\"1\"},{\"to\":\"2\"},{\"ot\":\"3\"}]"));
    in.beginArray("a");
    in.beginObject("0");
    String first = in.nextName();
    in.nextString("to");
    in.endObject();
    in.beginObject("1");
    String second = in.nextName();
    in.nextString("to");
    in.endObject();
    in.beginObject("2");
    String third = in.nextName();
    assertThat(second).isSameAs(first).isEqualTo("to");
    assertThat(third).isEqualTo("ot"); // same length and hash slot, other bytes: not the cached "to"
  }

  @Test
  void typedReads_nameTheMemberAndTheType() throws Exception {
    StrictJsonReader in = StrictJsonReader.of(utf8("{\"a\":null,\"b\":1}"));
    in.beginObject("batch");
    in.nextName();
    assertThatThrownBy(() -> in.nextString("\"a\"")).isInstanceOf(JsonException.class).hasMessage("\"a\" is null");
    StrictJsonReader other = StrictJsonReader.of(utf8("{\"b\":1}"));
    other.beginObject("batch");
    other.nextName();
    assertThatThrownBy(() -> other.nextBoolean("\"b\"")).hasMessage("\"b\" is not a boolean");
    assertThatThrownBy(() -> StrictJsonReader.of(utf8("[]")).beginObject("batch")).hasMessage("batch is not an object");
  }

  /** Everything the old Moshi-backed reader refused, and what RFC 8259 refuses that Moshi did not. */
  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "{", "}", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "{'a':1}",
      "['a']", "[01]", "[1.]", "[.5]", "[-]", "[+1]", "[1e]", "[1e+]", "[0x10]", "[NaN]", "[Infinity]",
      "[tru]", "[truex]", "[nul]", "[True]", "{\"a\":1} x", "{}{}", "{} //", "{\"a\":1/*c*/}", "\uFEFF{}",
      "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\ud800x\"]", "[\"\\u12\"]", "[\"\\u12G4\"]",
      "[\"\\x41\"]", "[\"\\'\"]", "[\"a\\\nb\"]", "[\"tab\there\"]", "[\"nul\u0000\"]", "[\"line\nfeed\"]",
      "[\"unterminated]", "[\"\\", "\"", "[1 2]", "{\"a\":1 \"b\":2}", "[\u00a01]", "[1]\u0000"})
  void nonStrictDocuments_areRefused(String json) {
    assertThatThrownBy(() -> readAll(utf8(json))).isInstanceOf(JsonException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"tab\there\"]", "[\"\\'\"]", "[\"a\\\nb\"]", "[\"line\nfeed\"]", "[TRUE]",
      "[nUll]", "[False]"})
  void rawControlCharactersNonJsonEscapesAndUpperCaseLiterals_areWhatMoshiWouldHaveLetThrough(String json)
      throws IOException {
    // The control: Moshi's strict reader accepts these, so the scanner's refusal is its own rule.
    assertThatThrownBy(() -> readAll(utf8(json))).isInstanceOf(JsonException.class);
    JsonReader moshi = JsonReader.of(new Buffer().writeUtf8(json));
    moshi.setLenient(false);
    moshi.beginArray();
    moshi.skipValue();
    moshi.endArray();
    assertThat(moshi.peek()).isEqualTo(JsonReader.Token.END_DOCUMENT);
    assertThat(StrictJsonReaderDifferential.stricterThanMoshi(utf8(json))).isTrue();
  }

  @Test
  void invalidUtf8InsideAString_isRefused_asTheWholeBodyCheckDid() {
    byte[][] bad = {
        {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
        {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, // overlong
        {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // encoded U+D800
        {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
        {'"', (byte) 0xEA, (byte) 0xB0, '"'}, // truncated
        {'"', (byte) 0x80, '"'}, // stray continuation
        {'"', (byte) 0xF8, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
        {'"', 'a', (byte) 0xEA, (byte) 0xB0}, // truncated at the end of input
    };
    for (byte[] bytes : bad) {
      assertThat(Utf8.isWellFormed(bytes)).isFalse();
      assertThatThrownBy(() -> readAll(bytes)).isInstanceOf(JsonException.class).hasMessage("not valid UTF-8");
    }
  }

  @Test
  void depth_isCappedAsInTheTreeParse() throws Exception {
    String ok = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    readAll(utf8(ok));
    Json.parse(utf8(ok)); // the tree parse accepts the same depth
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
    assertThatThrownBy(() -> readAll(utf8(deep))).hasMessageContaining("nested deeper than");
    assertThatThrownBy(() -> Json.parse(utf8(deep))).hasMessageContaining("nested deeper than");
  }

  @Test
  void strictDocuments_readTheSameAsMoshi() {
    String[] documents = {
        "{}", "[]", "0", "-0", "\"\"", "true", "null", " [1, -2.5e+10, 0.0E-0, 1e5] ",
        "{\"a\":{\"b\":[{\"c\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\uFFFF\"}]}}",
        "{\"광고\":\"무료거부 080-000-0000\",\"emoji\":\"😀\\ud83d\\ude00\"}", "[\"\u0080\u07ff\u0800\uffff\"]",
    };
    for (String document : documents) {
      StrictJsonReaderDifferential.check(utf8(document));
    }
  }

  @Test
  void mutatedBatches_areAcceptedAndRefusedAsMoshiDoes() {
    // Deterministic mutations of batch-shaped seeds: the same oracle as the fuzz target, in every build.
    SplittableRandom random = new SplittableRandom(8259);
    String[] seeds = {
        "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[{\"to\":\"01012345678\",\"text\":"
            + "\"(광고) 세일 😀\\n무료거부 0800000000\",\"night_consent\":false}],\"advertiser\":{\"name\":\"예시\","
            + "\"contact\":\"02-000-0000\"},\"send_at\":\"2026-12-01T09:00:00+09:00\"}",
        "[1,-0.5e+3,true,false,null,{\"b\":\"\\u00e9\\ud83d\\ude00\"}]",
    };
    byte[] alphabet = utf8("{}[],:\"\\ -+.eE0123456789tfnrulasuU'\t\n\r/\u0000\u001f가😀");
    for (int round = 0; round < 30_000; round++) {
      byte[] bytes = utf8(seeds[random.nextInt(seeds.length)]);
      int edits = random.nextInt(1, 4);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(4)) {
          case 0: // replace a byte with one that matters to JSON
            bytes[at] = alphabet[random.nextInt(alphabet.length)];
            break;
          case 1: // any byte at all
            bytes[at] = (byte) random.nextInt(256);
            break;
          case 2: // cut
            bytes = java.util.Arrays.copyOf(bytes, at);
            break;
          default: // duplicate a range
            int end = Math.min(bytes.length, at + random.nextInt(1, 8));
            byte[] grown = new byte[bytes.length + end - at];
            System.arraycopy(bytes, 0, grown, 0, end);
            System.arraycopy(bytes, at, grown, end, bytes.length - at);
            bytes = grown;
        }
        if (bytes.length == 0) {
          break;
        }
      }
      StrictJsonReaderDifferential.check(bytes);
    }
  }
}
