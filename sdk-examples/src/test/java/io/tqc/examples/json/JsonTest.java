package io.tqc.examples.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parseObject_readsMembersInDocumentOrder() throws JsonException {
    JsonObject o = Json.parseObject("{\"b\":\"두\",\"a\":1,\"c\":[true,null],\"d\":{\"e\":2.5}}");

    assertThat(o.names()).containsExactly("b", "a", "c", "d");
    assertThat(o.string("b")).isEqualTo("두");
    assertThat(o.integer("a", 0, 10)).isEqualTo(1);
    assertThat(o.array("c")).containsExactly(true, null);
    assertThat(o.object("d").asMap().get("e")).isEqualTo(new BigDecimal("2.5"));
  }

  @Test
  void duplicateMember_isRefusedAndNamed() {
    assertThatThrownBy(() -> Json.parseObject("{\"a\":{\"x\":1,\"x\":2}}"))
        .isInstanceOf(JsonException.class).hasMessage("duplicate member \"a.x\"")
        .extracting(e -> ((JsonException) e).member()).isEqualTo("a.x");
  }

  @Test
  void nonObjectRoot_isRefused() {
    assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(JsonException.class)
        .hasMessage("the body is not a JSON object");
  }

  @Test
  void whatStrictModeRefuses_isRefused() {
    for (String bad : List.of("{a:1}", "{'a':1}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":1} {}",
        "{\"a\":1} x", "{\"a\":\"\\ud800\"}", "", "{\"a\":1")) {
      assertThatThrownBy(() -> Json.parseObject(bad)).as(bad).isInstanceOf(JsonException.class)
          .message().doesNotContain("setLenient");
    }
  }

  @Test
  void malformedUtf8_isRefused_whereOkioWouldReplaceIt() {
    byte[] overlongSlash = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    byte[] encodedSurrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};

    assertThatThrownBy(() -> Json.parseObject(overlongSlash)).hasMessage("the body is not valid UTF-8");
    assertThatThrownBy(() -> Json.parseObject(encodedSurrogate)).hasMessage("the body is not valid UTF-8");
    // Control: Okio alone reads the bytes as text (with U+FFFD) instead of refusing them.
    assertThat(new okio.Buffer().write(overlongSlash).readUtf8()).contains("\uFFFD");
  }

  @Test
  void deepNesting_isRefused() {
    String deep = "{\"a\":".repeat(Json.MAX_DEPTH) + "1" + "}".repeat(Json.MAX_DEPTH);
    String fine = "{\"a\":".repeat(Json.MAX_DEPTH - 1) + "1" + "}".repeat(Json.MAX_DEPTH - 1);

    assertThatThrownBy(() -> Json.parseObject(deep)).hasMessageStartingWith("JSON nested deeper than");
    assertThat(catchNothing(fine)).isNotNull();
  }

  @Test
  void integer_acceptsOnlyIntegerLiteralsInRange() throws JsonException {
    JsonObject o = Json.parseObject("{\"i\":42,\"f\":42.0,\"e\":4e1,\"big\":123456789012345678901234567890,"
        + "\"s\":\"42\",\"n\":null}");

    assertThat(o.integer("i", 0, 100)).isEqualTo(42);
    assertThat(o.asMap().get("big")).isInstanceOf(BigInteger.class);
    assertThatThrownBy(() -> o.integer("i", 0, 10)).hasMessage("\"i\" is out of range [0, 10]");
    assertThatThrownBy(() -> o.integer("f", 0, 100)).hasMessage("\"f\" is not an integer");
    assertThatThrownBy(() -> o.integer("e", 0, 100)).hasMessage("\"e\" is not an integer");
    assertThatThrownBy(() -> o.integer("big", 0, Long.MAX_VALUE)).hasMessageContaining("\"big\" is out of range");
    assertThatThrownBy(() -> o.integer("s", 0, 100)).hasMessage("\"s\" is not an integer");
    assertThatThrownBy(() -> o.integer("n", 0, 100)).hasMessage("\"n\" is null");
    assertThatThrownBy(() -> o.integer("absent", 0, 100)).hasMessage("\"absent\" is missing");
  }

  @Test
  void typedReads_nameTheNestedMember() throws JsonException {
    JsonObject o = Json.parseObject("{\"jwk\":{\"kty\":1},\"numbers\":[\"0101\",2],\"flag\":\"yes\"}");

    assertThatThrownBy(() -> o.object("jwk").string("kty")).isInstanceOf(JsonException.class)
        .hasMessage("\"jwk.kty\" is not a string");
    assertThatThrownBy(() -> o.object("jwk").string("crv")).hasMessage("\"jwk.crv\" is missing");
    assertThatThrownBy(() -> o.stringArray("numbers", 10)).hasMessage("\"numbers\" holds a non-string item");
    assertThatThrownBy(() -> o.stringArray("numbers", 1)).hasMessage("\"numbers\" has more than 1 items");
    assertThatThrownBy(() -> o.bool("flag")).hasMessage("\"flag\" is not a boolean");
    assertThat(o.optBool("absent", true)).isTrue();
    assertThat(o.optString("absent")).isNull();
    assertThat(o.optObject("absent")).isNull();
  }

  @Test
  void requireOnly_refusesAnUnknownMember() throws JsonException {
    JsonObject o = Json.parseObject("{\"reason\":\"x\",\"extra\":1}");

    assertThatThrownBy(() -> o.requireOnly(Set.of("reason"), "request"))
        .hasMessage("request has member \"extra\" which is not allowed");
    o.requireOnly(Set.of("reason", "extra"), "request");
  }

  @Test
  void errorMessages_doNotCarryControlCharactersOrLongNames() {
    String name = "a\n" + "x".repeat(100);
    assertThatThrownBy(() -> Json.parseObject("{\"" + name.replace("\n", "\\n") + "\":1,\""
        + name.replace("\n", "\\n") + "\":2}"))
        .message().doesNotContain("\n").hasSizeLessThan(100).endsWith("…\"");
  }

  @Test
  void write_roundTripsWhatParseReads() throws JsonException {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "문자 \"quoted\"");
    value.put("n", null);
    value.put("l", List.of(1, 2L, new BigDecimal("2.5")));
    value.put("o", Json.parseObject("{\"x\":true}"));
    String text = Json.write(value);

    assertThat(text).isEqualTo("{\"s\":\"문자 \\\"quoted\\\"\",\"n\":null,\"l\":[1,2,2.5],\"o\":{\"x\":true}}");
    assertThat(Json.write(Json.parseObject(text))).isEqualTo(text);
    assertThat(new String(Json.writeBytes(value), StandardCharsets.UTF_8)).isEqualTo(text);
    assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject catchNothing(String json) {
    try {
      return Json.parseObject(json);
    } catch (JsonException e) {
      throw new AssertionError(e);
    }
  }
}
