package io.tqc.examples.json;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes strict JSON (RFC 8259) with Moshi's streaming {@link JsonReader} and
 * {@link JsonWriter}.
 *
 * <p>Reading refuses: malformed UTF-8 (overlong forms and encoded surrogates included), anything
 * Moshi's strict mode refuses, a duplicate member name, a string holding an unpaired surrogate,
 * nesting deeper than {@link #MAX_DEPTH}, number literals longer than 40 characters, and data after
 * the value. Objects read as {@link JsonObject}s (members in document order), arrays as unmodifiable
 * lists, integer literals as {@link Long} (or {@link BigInteger} beyond its range), other numbers as
 * {@link BigDecimal}, and strings, booleans and nulls as themselves.
 */
public final class Json {
  /** The deepest nesting read: an admin request is an object holding objects and arrays, no more. */
  public static final int MAX_DEPTH = 16;

  private static final int MAX_NUMBER_LENGTH = 40;

  private Json() {}

  /** Parses a document whose root must be an object (a request body). */
  public static JsonObject parseObject(byte[] utf8) throws JsonException {
    Object root = parse(utf8);
    if (!(root instanceof JsonObject)) {
      throw new JsonException("the body is not a JSON object");
    }
    return (JsonObject) root;
  }

  /** Parses a document whose root must be an object. */
  public static JsonObject parseObject(String json) throws JsonException {
    return parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses any JSON document (see the class comment for what each value reads as). */
  public static Object parse(byte[] utf8) throws JsonException {
    try {
      // Okio would replace malformed sequences with U+FFFD; the JDK decoder reports them.
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
    } catch (CharacterCodingException e) {
      throw new JsonException("the body is not valid UTF-8");
    }
    JsonReader reader = JsonReader.of(new Buffer().write(utf8));
    reader.setLenient(false);
    try {
      Object value = read(reader, "", 0);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonException("data after the JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      // JsonEncodingException (syntax) is an IOException, JsonDataException a RuntimeException.
      throw new JsonException("invalid JSON: " + moshiMessage(e));
    }
  }

  private static Object read(JsonReader reader, String path, int depth) throws IOException, JsonException {
    if (depth >= MAX_DEPTH) {
      throw new JsonException("JSON nested deeper than " + MAX_DEPTH, path.isEmpty() ? null : path);
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> members = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          String member = path.isEmpty() ? name : path + "." + name;
          requireScalarValues(name, member);
          if (members.containsKey(name)) {
            throw new JsonException("duplicate member \"" + printable(member) + "\"", member);
          }
          members.put(name, read(reader, member, depth + 1));
        }
        reader.endObject();
        return new JsonObject(path, members);
      }
      case BEGIN_ARRAY: {
        List<Object> items = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          items.add(read(reader, path + "[" + items.size() + "]", depth + 1));
        }
        reader.endArray();
        return Collections.unmodifiableList(items);
      }
      case STRING:
        return requireScalarValues(reader.nextString(), path);
      case NUMBER:
        return number(reader.nextString(), path);
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonException("unexpected " + reader.peek(), path.isEmpty() ? null : path);
    }
  }

  private static Object number(String literal, String path) throws JsonException {
    String member = path.isEmpty() ? null : path;
    if (literal.length() > MAX_NUMBER_LENGTH) {
      throw new JsonException("number literal longer than " + MAX_NUMBER_LENGTH + " characters", member);
    }
    boolean integer = !literal.isEmpty();
    for (int i = 0; i < literal.length() && integer; i++) {
      char c = literal.charAt(i);
      integer = (c >= '0' && c <= '9') || (c == '-' && i == 0 && literal.length() > 1);
    }
    try {
      if (integer) {
        BigInteger value = new BigInteger(literal);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
      }
      return new BigDecimal(literal);
    } catch (NumberFormatException e) {
      throw new JsonException("invalid number", member);
    }
  }

  /** Refuses an unpaired surrogate (a lone {@code \ud800} escape): no Unicode text, encoders differ. */
  private static String requireScalarValues(String text, String path) throws JsonException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new JsonException("a string holds an unpaired surrogate", path.isEmpty() ? null : path);
      }
    }
    return text;
  }

  /** Moshi's message, minus its advice to turn leniency on (lenient JSON is never accepted here). */
  private static String moshiMessage(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isEmpty()) {
      return "malformed JSON";
    }
    return printable(message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON"));
  }

  /**
   * {@code text} fit for an error message: control characters replaced by {@code ?}, at most 64
   * characters (then {@code …}).
   */
  public static String printable(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 65));
    for (int i = 0; i < text.length() && out.length() < 64; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return text.length() > 64 ? out.append('…').toString() : out.toString();
  }

  /**
   * {@code value} as compact JSON: maps (keys written with {@code String.valueOf}), iterables,
   * {@link JsonObject}s, strings, numbers, booleans and null.
   *
   * @throws IllegalArgumentException for any other type, or a non-finite number
   */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writeValue(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return buffer.readUtf8();
  }

  /** {@link #write(Object)} as UTF-8 bytes. */
  public static byte[] writeBytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeValue(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((boolean) (Boolean) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof JsonObject) {
      writeValue(writer, ((JsonObject) value).asMap());
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(member.getKey()));
        writeValue(writer, member.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable) {
      writer.beginArray();
      for (Object item : (Iterable<?>) value) {
        writeValue(writer, item);
      }
      writer.endArray();
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
    }
  }
}
