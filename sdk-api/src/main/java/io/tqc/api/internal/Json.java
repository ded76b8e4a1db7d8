package io.tqc.api.internal;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Strict JSON: read with {@link StrictJsonReader} (RFC 8259 only, UTF-8 checked in the same pass,
 * no unpaired surrogates, nesting depth capped, trailing data rejected), written with Moshi's
 * writer. Duplicate object members are rejected, numbers kept exact ({@link BigDecimal}); objects
 * read as insertion-ordered maps.
 */
public final class Json {
  /** Maximum nesting depth of any document TQC reads. */
  public static final int MAX_DEPTH = 16;

  private Json() {}

  /** Thrown when input is not strict JSON or not of the expected shape. */
  public static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
      super(message);
    }
  }

  /** Parses a document whose root must be a JSON object. */
  public static JsonObject parseObject(byte[] utf8) throws JsonException {
    Object root = parse(utf8);
    if (!(root instanceof JsonObject)) {
      throw new JsonException("root is not a JSON object");
    }
    return (JsonObject) root;
  }

  /** Parses a document whose root must be a JSON object. */
  public static JsonObject parseObject(String json) throws JsonException {
    return parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses any JSON document into maps ({@link JsonObject}), lists, strings, numbers, booleans, nulls. */
  public static Object parse(byte[] utf8) throws JsonException {
    // The same strict scanner as the batch body (UTF-8, RFC 8259 grammar, escapes and surrogates,
    // depth and number length checked in one pass; see StrictJsonReader), read into a tree.
    StrictJsonReader reader = StrictJsonReader.of(utf8);
    Object value = read(reader, 0);
    reader.end();
    return value;
  }

  private static Object read(StrictJsonReader reader, int depth) throws JsonException {
    if (depth > MAX_DEPTH) {
      throw new JsonException("JSON nested deeper than " + MAX_DEPTH);
    }
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject("object");
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (map.containsKey(name)) {
            throw new JsonException("duplicate member \"" + sanitize(name) + "\"");
          }
          map.put(name, read(reader, depth + 1));
        }
        reader.endObject();
        return new JsonObject(map);
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray("array");
        while (reader.hasNext()) {
          list.add(read(reader, depth + 1));
        }
        reader.endArray();
        return Collections.unmodifiableList(list);
      }
      case STRING:
        return reader.nextString("string");
      case NUMBER: {
        String literal = reader.nextNumberLiteral("number");
        BigDecimal number;
        try {
          number = new BigDecimal(literal);
        } catch (NumberFormatException e) {
          throw new JsonException("invalid number");
        }
        // Only an integer literal (no fraction, no exponent) reads with scale 0, so that
        // JsonObject.integer can refuse "1e0" or "1.0e1" as other JSON parsers would read a float.
        if (number.scale() == 0 && !isIntegerLiteral(literal)) {
          number = number.setScale(1);
        }
        return number;
      }
      case BOOLEAN:
        return reader.nextBoolean("boolean");
      case NULL:
        reader.nextNull("null");
        return null;
      default:
        throw new JsonException("invalid JSON: expected a value");
    }
  }

  /**
   * Refuses strings holding an unpaired surrogate (possible through a lone surrogate escape): they
   * are no Unicode text, and encoders replace them differently (RFC 8259 §8.2).
   */
  static String requireScalarValues(String text) throws JsonException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new JsonException("string holds an unpaired surrogate");
      }
    }
    return text;
  }

  private static boolean isIntegerLiteral(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if ((c < '0' || c > '9') && !(c == '-' && i == 0)) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code value} (maps, iterables, strings, numbers, booleans, null) as compact JSON. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writeValue(writer, value);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory JSON write failed", e);
    }
    return buffer.readUtf8();
  }

  /** Writes {@code value} as compact JSON, UTF-8 bytes. */
  public static byte[] writeBytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeValue(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      writer.value(((Number) value).longValue());
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof JsonObject) {
      writeValue(writer, ((JsonObject) value).asMap());
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        writeValue(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable) {
      writer.beginArray();
      for (Object item : (Iterable<?>) value) {
        writeValue(writer, item);
      }
      writer.endArray();
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  /** Shortens and strips control characters from text that ends up in an error message. */
  public static String sanitize(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), 64));
    for (int i = 0; i < text.length() && out.length() < 64; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (text.length() > 64) {
      out.append('…');
    }
    return out.toString();
  }
}
