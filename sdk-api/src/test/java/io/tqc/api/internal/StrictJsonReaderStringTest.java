package io.tqc.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.internal.Json.JsonException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The string paths of {@link StrictJsonReader}: the decode of strings that are not plain ASCII
 * (UTF-8 checked and decoded in one pass, bounded by the room left in the scratch chars instead
 * of a per-char check), and member names matched against the expected names' bytes
 * ({@link StrictJsonReader#nextName(StrictJsonReader.Names, String)}).
 */
class StrictJsonReaderStringTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part, 0, part.length);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** The one string of the document {@code ["…"]}, read with the typed string read. */
  private static String readOnlyString(byte[] document) throws JsonException {
    StrictJsonReader in = StrictJsonReader.of(document);
    in.beginArray("a");
    String value = in.nextString("s");
    in.endArray();
    in.end();
    return value;
  }

  /** The string read, or null if the document is refused (with a JsonException, nothing else). */
  private static String readOrNull(byte[] document) {
    try {
      return readOnlyString(document);
    } catch (JsonException e) {
      return null;
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x ", b & 0xFF));
    }
    return out.toString().trim();
  }

  /** {@code ["a<sequence>z"]}, with {@code prefix} before the "a" ({@code \z} is no escape). */
  private static byte[] inString(byte[] prefix, byte[] sequence) {
    return concat(utf8("[\""), prefix, utf8("a"), sequence, utf8("z\"]"));
  }

  @Test
  void asciiThenKoreanThenEscapes_decodeToTheWrittenString() throws Exception {
    String[][] cases = {
        {"plain ASCII", "plain ASCII"},
        {"(광고)예시문자 11월 특가!", "(광고)예시문자 11월 특가!"},
        {"ab가나\\\"다\\\\라\\/\\b\\f\\n\\r\\t끝", "ab가나\"다\\라/\b\f\n\r\t끝"},
        {"x가\\u00e9é\\ud83d\\ude00😀\\u0041", "x가éé😀😀A"},
        {"\\u0000가\\u001f", "\u0000가\u001f"},
        {"가", "가"},
        {"\\n가", "\n가"},
        {"😀", "😀"},
        {"ÿ\u0080\u07ff\u0800\uffff", "ÿ\u0080\u07ff\u0800\uffff"},
    };
    for (String[] c : cases) {
      assertThat(readOnlyString(utf8("[\"" + c[0] + "\"]"))).as(c[0]).isEqualTo(c[1]);
      StrictJsonReaderDifferential.check(utf8("[\"" + c[0] + "\"]"));
    }
  }

  @Test
  void everySequenceAfterANonAsciiLead_isAcceptedExactlyWhenWellFormed_andDecodesAsTheJdkDoes() throws Exception {
    // Every lead 80..FF with every second byte, and third bytes at each boundary that matters (and
    // the JSON specials), placed after ASCII and after a Hangul syllable (the loop's two states).
    int[] thirds = {0x1F, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    byte[][] prefixes = {new byte[0], utf8("가")};
    int accepted = 0;
    int refused = 0;
    for (byte[] prefix : prefixes) {
      for (int lead = 0x80; lead <= 0xFF; lead++) {
        for (int second = 0; second <= 0xFF; second++) {
          for (int third : thirds) {
            byte[] sequence = bytes(lead, second, third);
            String expected = expected(prefix, sequence);
            byte[] document = inString(prefix, sequence);
            String read = readOrNull(document);
            if (!java.util.Objects.equals(read, expected)) {
              throw new AssertionError(hex(document) + ": read " + read + ", expected " + expected);
            }
            if (expected == null) {
              refused++;
            } else {
              accepted++;
            }
          }
        }
      }
    }
    // The control: both verdicts occur, so the loop above tested something on each side.
    assertThat(accepted).isGreaterThan(10_000);
    assertThat(refused).isGreaterThan(100_000);
  }

  @Test
  void everyFourByteLeadWithBoundarySecondBytes_isAcceptedExactlyWhenWellFormed() throws Exception {
    int[] tails = {0x22, 0x41, 0x80, 0xBF, 0xC0};
    for (int lead = 0xF0; lead <= 0xFF; lead++) {
      for (int second = 0; second <= 0xFF; second++) {
        for (int third : tails) {
          for (int fourth : tails) {
            byte[] sequence = bytes(lead, second, third, fourth);
            String expected = expected(new byte[0], sequence);
            byte[] document = inString(new byte[0], sequence);
            String read = readOrNull(document);
            if (!java.util.Objects.equals(read, expected)) {
              throw new AssertionError(hex(document) + ": read " + read + ", expected " + expected);
            }
          }
        }
      }
    }
  }

  /**
   * What the document {@code ["<prefix>a<sequence>z"]} must read as, or null if it must be refused:
   * the reference check ({@link Utf8#isWellFormed}) and the JDK's decode, then JSON's own rule (no
   * raw quote, backslash or control character inside the string).
   */
  private static String expected(byte[] prefix, byte[] sequence) {
    byte[] content = concat(prefix, utf8("a"), sequence, utf8("z"));
    if (!Utf8.isWellFormed(content)) {
      return null;
    }
    String value = new String(content, StandardCharsets.UTF_8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return null;
      }
    }
    return value;
  }

  @Test
  void aThreeByteSequenceBrokenAtEachPosition_isRefused_andTheIntactOneIsNot() throws Exception {
    byte[] syllable = utf8("가"); // EA B0 80
    assertThat(readOnlyString(inString(new byte[0], syllable))).isEqualTo("a가z"); // the control
    int[] replacements = {'x', 0x80, 0xBF, 0xC0, 0xC2, 0xEA, 0xF0, 0xFF, '"', '\\', 0x01};
    for (int at = 0; at < 3; at++) {
      for (int replacement : replacements) {
        byte[] broken = syllable.clone();
        if ((byte) replacement == broken[at]) {
          continue;
        }
        broken[at] = (byte) replacement;
        if (Utf8.isWellFormed(broken)) {
          continue; // another well-formed sequence (EA 80 80 is U+A000), not a broken one
        }
        byte[] document = inString(new byte[0], broken);
        assertThatThrownBy(() -> readOnlyString(document)).as("byte %d = %02x", at, replacement)
            .isInstanceOf(JsonException.class);
      }
    }
  }

  @Test
  void loneContinuationBytes_areRefusedWherever_theyStand() {
    byte[][] contexts = {utf8(""), utf8("abc"), utf8("가"), utf8("é"), utf8("😀"), utf8("\\n")};
    for (int continuation = 0x80; continuation <= 0xBF; continuation++) {
      for (byte[] before : contexts) {
        byte[] document = concat(utf8("[\""), before, bytes(continuation), utf8("\"]"));
        assertThatThrownBy(() -> readOnlyString(document)).isInstanceOf(JsonException.class)
            .hasMessage("not valid UTF-8");
      }
    }
  }

  @Test
  void overlongSurrogateAndOutOfRangeForms_areRefused_whileTheirNeighboursAreNot() throws Exception {
    int[][] refused = {
        {0xC0, 0x80}, {0xC1, 0xBF}, // overlong 2-byte
        {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF}, // overlong 3-byte
        {0xED, 0xA0, 0x80}, {0xED, 0xAF, 0xBF}, {0xED, 0xB0, 0x80}, {0xED, 0xBF, 0xBF}, // U+D800..U+DFFF
        {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, // overlong 4-byte
        {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xF7, 0xBF, 0xBF, 0xBF}, // above U+10FFFF
        {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFE}, {0xFF},
    };
    for (int[] form : refused) {
      byte[] document = inString(utf8("가"), bytes(form));
      assertThatThrownBy(() -> readOnlyString(document)).isInstanceOf(JsonException.class)
          .hasMessage("not valid UTF-8");
    }
    // The controls: the first and last well-formed value on each side of those boundaries.
    String[][] accepted = {
        {"C2 80", "\u0080"}, {"DF BF", "\u07ff"}, {"E0 A0 80", "\u0800"}, {"ED 9F BF", "\ud7ff"},
        {"EE 80 80", "\ue000"}, {"EF BF BF", "\uffff"}, {"F0 90 80 80", "\ud800\udc00"},
        {"F4 8F BF BF", "\udbff\udfff"},
    };
    for (String[] form : accepted) {
      String[] hex = form[0].split(" ");
      int[] values = new int[hex.length];
      for (int i = 0; i < hex.length; i++) {
        values[i] = Integer.parseInt(hex[i], 16);
      }
      assertThat(readOnlyString(inString(utf8("가"), bytes(values)))).isEqualTo("가a" + form[1] + "z");
    }
  }

  @Test
  void aSequenceTruncatedByTheEndOfInput_isRefusedAsUtf8_theWholeOneAsUnterminated() throws Exception {
    for (String character : new String[] {"é", "가", "😀"}) {
      byte[] sequence = utf8(character);
      for (int cut = 1; cut < sequence.length; cut++) {
        byte[] document = concat(utf8("[\"x가"), java.util.Arrays.copyOf(sequence, cut));
        assertThatThrownBy(() -> readOnlyString(document)).isInstanceOf(JsonException.class)
            .hasMessage("not valid UTF-8");
      }
      byte[] whole = concat(utf8("[\"x가"), sequence);
      assertThatThrownBy(() -> readOnlyString(whole)).isInstanceOf(JsonException.class)
          .hasMessageContaining("unterminated string");
      assertThat(readOnlyString(concat(whole, utf8("\"]")))).isEqualTo("x가" + character); // the control
    }
    assertThatThrownBy(() -> readOnlyString(utf8("[\"x가\\"))).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> readOnlyString(utf8("[\"x가\\u00"))).hasMessageContaining("unterminated");
  }

  @Test
  void longStrings_growTheScratchWhereverAnyKindOfSequenceFalls() throws Exception {
    // Each length puts the scratch's growth (256 chars first, then doubled) at another byte of the
    // tail, which holds every kind of sequence: ASCII, 2, 3 and 4 bytes, a short and a pair escape.
    String[] written = {"é", "가", "😀", "\\n", "\\ud83d\\ude00", "z"};
    String[] read = {"é", "가", "😀", "\n", "😀", "z"};
    for (int length = 0; length <= 1100; length++) {
      StringBuilder json = new StringBuilder("[\"");
      StringBuilder value = new StringBuilder();
      json.append("가".repeat(length % 3)).append("a".repeat(length));
      value.append("가".repeat(length % 3)).append("a".repeat(length));
      for (int k = 0; k < 40; k++) {
        json.append(written[(k + length) % written.length]);
        value.append(read[(k + length) % read.length]);
      }
      json.append("\",\"가").append(value.length() % 7).append("\"]");
      StrictJsonReader in = StrictJsonReader.of(utf8(json.toString()));
      in.beginArray("a");
      assertThat(in.nextString("s")).isEqualTo(value.toString());
      assertThat(in.nextString("t")).isEqualTo("가" + value.length() % 7); // the same scratch, reused
      in.endArray();
      in.end();
    }
    // Strings made only of the densest sequences: 4-byte (two chars from four bytes) and escaped pairs.
    String emoji = "😀".repeat(3000);
    assertThat(readOnlyString(utf8("[\"" + emoji + "\"]"))).isEqualTo(emoji);
    assertThat(readOnlyString(utf8("[\"" + "\\ud83d\\ude00".repeat(3000) + "\"]"))).isEqualTo(emoji);
    assertThat(readOnlyString(utf8("[\"" + "\\n".repeat(3000) + "\"]"))).isEqualTo("\n".repeat(3000));
  }

  private static final StrictJsonReader.Names MESSAGE = StrictJsonReader.Names.of("to", "text", "night_consent");

  @Test
  void expectedNames_matchTheirBytes_andEscapedSpellingsMatchAsDecoded() throws Exception {
    StrictJsonReader in = StrictJsonReader.of(utf8(
        "{\"to\":0,\"text\":1,\"\\u0074o\":2,\"te\\u0078t\":3,\"night_consent\":4,\"\\u006eight_consent\":5}"));
    in.beginObject("message");
    int[] expected = {0, 1, 0, 1, 2, 2};
    for (int k = 0; k < expected.length; k++) {
      assertThat(in.nextName(MESSAGE, "message")).isEqualTo(expected[k]);
      assertThat(in.nextLong("v", 0, 9)).isEqualTo(k);
    }
    assertThat(in.hasNext()).isFalse();
    in.endObject();
    in.end();
    assertThat(MESSAGE.get(2)).isEqualTo("night_consent");
  }

  @Test
  void namesThatOnlyResembleAnExpectedOne_areRefusedNamingThem() throws Exception {
    String[] refused = {"tox", "t", "", "tex", "TO", "to ", " to", "textt", "night_consen", "투", "to\\u0041",
        "to\\\"", "\\u0074ox"};
    for (String name : refused) {
      StrictJsonReader in = StrictJsonReader.of(utf8("{\"" + name + "\":1}"));
      in.beginObject("message");
      String shown = new String(utf8(name), StandardCharsets.UTF_8).replace("\\u0041", "A").replace("\\\"", "\"")
          .replace("\\u0074", "t");
      assertThatThrownBy(() -> in.nextName(MESSAGE, "message")).as(name).isInstanceOf(JsonException.class)
          .hasMessage("message has member \"" + shown + "\" which is not allowed");
    }
    // The control: the same documents with the expected spelling are read.
    StrictJsonReader in = StrictJsonReader.of(utf8("{\"to\":1}"));
    in.beginObject("message");
    assertThat(in.nextName(MESSAGE, "message")).isZero();
  }

  @Test
  void namesCutByTheEndOfInputOrBadlyEncoded_areSyntaxErrors_notUnknownNames() throws Exception {
    String[] documents = {"{\"to", "{\"t", "{\"", "{\"te\\", "{\"to\u0001\":1}", "{\"night_consent"};
    for (String document : documents) {
      StrictJsonReader in = StrictJsonReader.of(utf8(document));
      in.beginObject("message");
      assertThatThrownBy(() -> in.nextName(MESSAGE, "message")).as(document).isInstanceOf(JsonException.class)
          .hasMessageStartingWith("invalid JSON");
    }
    StrictJsonReader in = StrictJsonReader.of(concat(utf8("{\"to"), bytes(0xEA, 0xB0), utf8("\":1}")));
    in.beginObject("message");
    assertThatThrownBy(() -> in.nextName(MESSAGE, "message")).hasMessage("not valid UTF-8");
    // A name whose expected bytes end the input is matched; the missing ':' is the syntax error.
    StrictJsonReader cut = StrictJsonReader.of(utf8("{\"to\""));
    cut.beginObject("message");
    assertThat(cut.nextName(MESSAGE, "message")).isZero();
    assertThatThrownBy(() -> cut.nextLong("to", 0, 1)).hasMessageContaining("expected ':'");
  }

  @Test
  void names_mustBePlainPrintableAscii() {
    assertThatThrownBy(() -> StrictJsonReader.Names.of("to", "투")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StrictJsonReader.Names.of("a\"b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StrictJsonReader.Names.of("a\\b")).isInstanceOf(IllegalArgumentException.class);
    assertThat(StrictJsonReader.Names.of("to", "text").get(1)).isEqualTo("text");
  }
}
