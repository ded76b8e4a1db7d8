package io.tqc.adapters.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** JSON request bodies written with Moshi's streaming writer, and answers read as plain values. */
public final class JsonBody {
  /** Writes one JSON document. */
  public interface Writer {
    /** Writes the document to {@code json}. */
    void write(JsonWriter json) throws IOException;
  }

  private JsonBody() {}

  /** The document {@code writer} writes, as compact UTF-8 bytes. */
  public static byte[] write(Writer writer) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a Buffer does not fail
    }
    return buffer.readByteArray();
  }

  /** Writes {@code name: value} unless {@code value} is null. */
  public static void optional(JsonWriter json, String name, String value) throws IOException {
    if (value != null) {
      json.name(name).value(value);
    }
  }

  /** The answer as maps, lists, strings, doubles and booleans, or {@code null} if it is not JSON. */
  public static Object read(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body));
      reader.setLenient(false);
      return reader.readJsonValue();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The value at {@code path} (object member names) in {@code value}, as a string, or {@code null}. */
  public static String at(Object value, String... path) {
    Object v = value;
    for (String name : path) {
      if (!(v instanceof Map)) {
        return null;
      }
      v = ((Map<?, ?>) v).get(name);
    }
    if (v == null || v instanceof Map || v instanceof List) {
      return null;
    }
    if (v instanceof Double && ((Double) v) == Math.rint((Double) v)) {
      return Long.toString(((Double) v).longValue());
    }
    return v.toString();
  }
}
