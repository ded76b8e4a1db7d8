package io.tqc.api.internal;

import com.squareup.moshi.JsonReader;
import io.tqc.api.internal.Json.JsonException;
import java.io.IOException;
import okio.Buffer;

/**
 * A pull reader over strict JSON for parsers that read a fixed shape straight into their model
 * (no intermediate maps): the same rules as {@link Json} (UTF-8 checked first, RFC 8259 only, no
 * unpaired surrogates in names or strings, nothing after the value). Typed reads name the member
 * and refuse any other JSON type, {@code null} included. Callers refuse unknown and duplicate
 * members themselves. Every failure is a {@link JsonException}.
 */
public final class StrictJsonReader {
  private final JsonReader reader;

  private StrictJsonReader(JsonReader reader) {
    this.reader = reader;
  }

  /** A reader over {@code utf8}, which must be well-formed UTF-8. */
  public static StrictJsonReader of(byte[] utf8) throws JsonException {
    if (!Utf8.isWellFormed(utf8)) {
      throw new JsonException("not valid UTF-8");
    }
    JsonReader reader = JsonReader.of(new Buffer().write(utf8));
    reader.setLenient(false);
    return new StrictJsonReader(reader);
  }

  /** The type of the next token. */
  public JsonReader.Token peek() throws JsonException {
    try {
      return reader.peek();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** Enters the object that {@code what} must be. */
  public void beginObject(String what) throws JsonException {
    require(JsonReader.Token.BEGIN_OBJECT, what, "an object");
    try {
      reader.beginObject();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** Leaves the current object. */
  public void endObject() throws JsonException {
    try {
      reader.endObject();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** Enters the array that {@code what} must be. */
  public void beginArray(String what) throws JsonException {
    require(JsonReader.Token.BEGIN_ARRAY, what, "an array");
    try {
      reader.beginArray();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** Leaves the current array. */
  public void endArray() throws JsonException {
    try {
      reader.endArray();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** True if the current object or array has another element. */
  public boolean hasNext() throws JsonException {
    try {
      return reader.hasNext();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** The next member name. */
  public String nextName() throws JsonException {
    try {
      return Json.requireScalarValues(reader.nextName());
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** The next value, which must be a string (member {@code name}). */
  public String nextString(String name) throws JsonException {
    require(JsonReader.Token.STRING, name, "a string");
    try {
      return Json.requireScalarValues(reader.nextString());
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /** The next value, which must be {@code true} or {@code false} (member {@code name}). */
  public boolean nextBoolean(String name) throws JsonException {
    require(JsonReader.Token.BOOLEAN, name, "a boolean");
    try {
      return reader.nextBoolean();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /**
   * The next value, which must be a JSON integer literal (an optional minus sign and digits: no
   * fraction, no exponent) in {@code [min, max]} (member {@code name}).
   */
  public long nextLong(String name, long min, long max) throws JsonException {
    String literal = nextNumberLiteral(name);
    int start = literal.startsWith("-") ? 1 : 0;
    boolean digits = literal.length() > start && literal.length() - start <= 19;
    for (int i = start; digits && i < literal.length(); i++) {
      digits = literal.charAt(i) >= '0' && literal.charAt(i) <= '9';
    }
    if (!digits) {
      throw new JsonException(name + " is not an integer literal");
    }
    long value;
    try {
      value = Long.parseLong(literal);
    } catch (NumberFormatException e) {
      throw new JsonException(name + " is not an integer in range");
    }
    if (value < min || value > max) {
      throw new JsonException(name + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Requires the end of the document (no trailing data). */
  public void end() throws JsonException {
    if (peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonException("trailing data after the JSON value");
    }
  }

  /** The next value, which must be a number: its literal exactly as written. */
  String nextNumberLiteral(String name) throws JsonException {
    require(JsonReader.Token.NUMBER, name, "a number");
    try {
      return reader.nextString();
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  private void require(JsonReader.Token expected, String what, String description) throws JsonException {
    JsonReader.Token actual = peek();
    if (actual != expected) {
      throw new JsonException(what + " is " + (actual == JsonReader.Token.NULL ? "null" : "not " + description));
    }
  }

  private static JsonException invalid(Exception e) {
    return new JsonException("invalid JSON: " + Json.sanitize(Json.describe(e)));
  }
}
