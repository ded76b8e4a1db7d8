package io.tqc.api.internal;

import com.squareup.moshi.JsonReader;
import io.tqc.api.internal.Json.JsonException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

/**
 * The oracle of the differential tests: reads any document with {@link StrictJsonReader} and with
 * Moshi's strict reader (as the old reader did: {@link Utf8#isWellFormed} first, unpaired surrogates
 * refused, the same depth cap), and checks that both accept the same bytes with the same values.
 *
 * <p>The scanner is stricter than Moshi in the ways RFC 8259 asks for and Moshi does not check;
 * only where the bytes show one of them may Moshi accept what the scanner refuses: a raw control
 * character inside a string, the escapes {@code \'} and backslash-newline, which are no JSON, and
 * the literals in any case ({@code TRUE}, {@code nUll}: Moshi compares them case-insensitively).
 */
final class StrictJsonReaderDifferential {
  private StrictJsonReaderDifferential() {}

  /** A value read from either reader: maps, lists, strings, number literals, booleans, NULL. */
  private static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** Throws AssertionError if the two readers disagree on {@code bytes}. */
  static void check(byte[] bytes) {
    Object ours;
    String ourRefusal = null;
    try {
      StrictJsonReader reader = StrictJsonReader.of(bytes);
      ours = readOurs(reader);
      reader.end();
    } catch (JsonException e) {
      ours = null;
      ourRefusal = e.getMessage();
    } catch (RuntimeException e) {
      throw new AssertionError("StrictJsonReader threw " + e + " instead of a JsonException", e);
    }
    Object moshi;
    try {
      moshi = readMoshi(bytes);
    } catch (IOException | JsonException | RuntimeException e) {
      moshi = null;
    }
    if (ourRefusal == null && moshi == null) {
      throw new AssertionError("StrictJsonReader accepted what Moshi refuses: " + show(bytes));
    }
    if (ourRefusal != null && moshi != null && !stricterThanMoshi(bytes)) {
      throw new AssertionError("StrictJsonReader refused (" + ourRefusal + ") what Moshi accepts: " + show(bytes));
    }
    if (ourRefusal == null && !Objects.equals(ours, moshi)) {
      throw new AssertionError("values differ: " + ours + " vs " + moshi + " for " + show(bytes));
    }
  }

  private static Object readOurs(StrictJsonReader in) throws JsonException {
    switch (in.peek()) {
      case BEGIN_OBJECT: {
        in.beginObject("object");
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.hasNext()) {
          String name = in.nextName();
          map.putIfAbsent(name, readOurs(in)); // duplicates are the caller's business: first wins
        }
        in.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        in.beginArray("array");
        List<Object> list = new ArrayList<>();
        while (in.hasNext()) {
          list.add(readOurs(in));
        }
        in.endArray();
        return list;
      }
      case STRING:
        return in.nextString("string");
      case NUMBER:
        return in.nextNumberLiteral("number");
      case BOOLEAN:
        return in.nextBoolean("boolean");
      case NULL:
        in.nextNull("null");
        return NULL;
      default:
        throw new JsonException("unexpected token " + in.peek());
    }
  }

  private static Object readMoshi(byte[] bytes) throws IOException, JsonException {
    if (!Utf8.isWellFormed(bytes)) {
      throw new JsonException("not valid UTF-8");
    }
    JsonReader reader = JsonReader.of(new Buffer().write(bytes));
    reader.setLenient(false);
    Object value = readMoshi(reader, 0);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonException("trailing data");
    }
    return value;
  }

  private static Object readMoshi(JsonReader in, int depth) throws IOException, JsonException {
    JsonReader.Token token = in.peek();
    if ((token == JsonReader.Token.BEGIN_OBJECT || token == JsonReader.Token.BEGIN_ARRAY) && depth > Json.MAX_DEPTH) {
      throw new JsonException("too deep");
    }
    switch (token) {
      case BEGIN_OBJECT: {
        in.beginObject();
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.hasNext()) {
          String name = Json.requireScalarValues(in.nextName());
          map.putIfAbsent(name, readMoshi(in, depth + 1));
        }
        in.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        in.beginArray();
        List<Object> list = new ArrayList<>();
        while (in.hasNext()) {
          list.add(readMoshi(in, depth + 1));
        }
        in.endArray();
        return list;
      }
      case STRING:
        return Json.requireScalarValues(in.nextString());
      case NUMBER: {
        String literal = in.nextString(); // the literal as written
        if (literal.length() > StrictJsonReader.MAX_NUMBER_LENGTH) {
          throw new JsonException("number literal too long"); // Json's rule (Moshi's own cap is higher)
        }
        return literal;
      }
      case BOOLEAN:
        return in.nextBoolean();
      case NULL:
        in.nextNull();
        return NULL;
      default:
        throw new JsonException("unexpected token " + token);
    }
  }

  /**
   * True if {@code bytes}, read as a JSON text Moshi accepted, holds inside a string a raw control
   * character or one of the escapes {@code \'} and backslash-newline, or outside strings an upper
   * case letter other than an exponent's {@code E} after a digit. A plain walk that tracks only
   * quotes and backslashes, independent of both readers.
   */
  static boolean stricterThanMoshi(byte[] bytes) {
    boolean inString = false;
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xFF;
      if (!inString) {
        inString = c == '"';
        if (c >= 'A' && c <= 'Z' && !(c == 'E' && i > 0 && bytes[i - 1] >= '0' && bytes[i - 1] <= '9')) {
          return true;
        }
      } else if (c == '"') {
        inString = false;
      } else if (c == '\\') {
        if (i + 1 < bytes.length && (bytes[i + 1] == '\'' || bytes[i + 1] == '\n')) {
          return true;
        }
        i++;
      } else if (c < 0x20) {
        return true;
      }
    }
    return false;
  }

  private static String show(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length && i < 200; i++) {
      int c = bytes[i] & 0xFF;
      if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02X", c));
      }
    }
    return out.toString();
  }
}
