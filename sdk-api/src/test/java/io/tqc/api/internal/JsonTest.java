package io.tqc.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.internal.Json.JsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON every TQC parser sits on. */
class JsonTest {

  @Test
  void objects_keepMemberOrderAndExactNumbers() throws Exception {
    JsonObject object = Json.parseObject("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":-7}}");

    assertThat(object.names()).containsExactly("b", "a", "c");
    assertThat(object.integer("b", 0, 1)).isEqualTo(1);
    assertThat(object.array("a")).containsExactly(true, null, "x");
    assertThat(object.object("c").integer("d", -7, 1)).isEqualTo(-7);
    assertThat(Json.write(object)).isEqualTo("{\"b\":1,\"a\":[true,null,\"x\"],\"c\":{\"d\":-7}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1e0", "1E3", "1.8e9", "10e-1", "0.5", "1e400", "99999999999999999999"})
  void integers_mustBeIntegerLiteralsInRange(String literal) throws Exception {
    JsonObject object = Json.parseObject("{\"n\":" + literal + "}");

    assertThatThrownBy(() -> object.integer("n", Long.MIN_VALUE, Long.MAX_VALUE)).isInstanceOf(JsonException.class);
  }

  @Test
  void integerBounds_areInclusive() throws Exception {
    JsonObject object = Json.parseObject("{\"lo\":0,\"hi\":" + JsonObject.MAX_NUMERIC_DATE + ",\"over\":"
        + (JsonObject.MAX_NUMERIC_DATE + 1) + ",\"neg\":-1}");

    assertThat(object.numericDate("lo")).isZero();
    assertThat(object.numericDate("hi")).isEqualTo(JsonObject.MAX_NUMERIC_DATE);
    assertThatThrownBy(() -> object.numericDate("over")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> object.numericDate("neg")).isInstanceOf(JsonException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"a\":\"\\ud800\"}", "{\"\\udc00\":1}",
      "{\"a\":\"\\ud800\\u0041\"}", "{\"a\":01}", "{\"a\":NaN}", "{a:1}", "{'a':1}", "{\"a\":1,}",
      "{\"a\":1} x", "{\"a\":1}{}", "", "  ", "[1]", "\"s\"", "{\"a\":1/*c*/}", "\uFEFF{}",
      // Moshi's strict reader accepted these (the tree parse used it until issue 11); RFC 8259 does not.
      "{\"a\":TRUE}", "{\"a\":nUll}", "{\"a\":\"tab\there\"}", "{\"a\":\"\\'\"}", "{\"a\":\"x\\\ny\"}"})
  void nonStrictDocuments_areRefused(String json) {
    assertThatThrownBy(() -> Json.parseObject(json)).isInstanceOf(JsonException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{a:1}", "{'a':1}", "{\"a\":1} x", "{\"a\":NaN}", "{\"a\":1/*c*/}"})
  void errorMessages_sayWhatIsWrong_withoutTheParsersAdviceToProgrammers(String json) {
    assertThatThrownBy(() -> Json.parseObject(json)).isInstanceOf(JsonException.class)
        .hasMessageStartingWith("invalid JSON").hasMessageNotContaining("setLenient")
        .hasMessageNotContaining("JsonReader");
  }

  @Test
  void pairedSurrogatesAndEscapes_areAccepted() throws Exception {
    JsonObject object = Json.parseObject("{\"a\":\"\\ud83d\\ude00 😀 \\u00e9 \\\" \\n\"}");

    assertThat(object.string("a")).isEqualTo("😀 😀 é \" \n");
  }

  @Test
  void invalidUtf8_isRefused() {
    byte[][] invalid = {
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},                            // truncated sequence
        {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},               // overlong '/'
        {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},  // encoded surrogate
        {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}};
    for (byte[] bytes : invalid) {
      assertThatThrownBy(() -> Json.parseObject(bytes)).isInstanceOf(JsonException.class);
    }
  }

  @Test
  void depth_isCappedAt16BelowTheRoot() throws Exception {
    String ok = "{\"a\":" + "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH) + "}";
    String tooDeep = "{\"a\":" + "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1) + "}";

    assertThat(Json.parseObject(ok).array("a")).hasSize(1);
    assertThatThrownBy(() -> Json.parseObject(tooDeep)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject("[".repeat(100_000).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonException.class);
  }

  @Test
  void stringOrArray_readsBothShapes() throws Exception {
    JsonObject object = Json.parseObject("{\"s\":\"x\",\"a\":[\"x\",\"y\"],\"bad\":[\"x\",1]}");

    assertThat(object.stringOrArray("s", 2)).isEqualTo(List.of("x"));
    assertThat(object.stringOrArray("a", 2)).isEqualTo(List.of("x", "y"));
    assertThatThrownBy(() -> object.stringOrArray("a", 1)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> object.stringOrArray("bad", 2)).isInstanceOf(JsonException.class);
  }

  @Test
  void sanitize_shortensAndStripsControlCharacters() {
    assertThat(Json.sanitize("a\nb\u0000c")).isEqualTo("a?b?c");
    assertThat(Json.sanitize("x".repeat(100))).hasSize(65).endsWith("…");
    assertThat(Json.sanitize(null)).isEmpty();
  }
}
