package io.tqc.api.internal;

import io.tqc.api.internal.Json.JsonException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An immutable parsed JSON object with typed, strict accessors. */
public final class JsonObject {
  /** Largest NumericDate accepted: 9999-12-31T23:59:59Z. */
  public static final long MAX_NUMERIC_DATE = 253402300799L;

  private final Map<String, Object> members;

  JsonObject(Map<String, Object> members) {
    this.members = Collections.unmodifiableMap(members);
  }

  /** The members, in document order. */
  public Map<String, Object> asMap() {
    return members;
  }

  /** The member names. */
  public Set<String> names() {
    return members.keySet();
  }

  /** True if the member is present (even if null). */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** Throws unless every member name is in {@code allowed}. */
  public void requireOnly(Set<String> allowed, String what) throws JsonException {
    for (String name : members.keySet()) {
      if (!allowed.contains(name)) {
        throw new JsonException(what + " has member \"" + Json.sanitize(name) + "\" which is not allowed");
      }
    }
  }

  /** A required string member. */
  public String string(String name) throws JsonException {
    String value = optString(name);
    if (value == null) {
      throw new JsonException("\"" + name + "\" is missing");
    }
    return value;
  }

  /** An optional string member: {@code null} if absent; an error if present with another type. */
  public String optString(String name) throws JsonException {
    Object value = members.get(name);
    if (value == null) {
      if (members.containsKey(name)) {
        throw new JsonException("\"" + name + "\" is null");
      }
      return null;
    }
    if (!(value instanceof String)) {
      throw new JsonException("\"" + name + "\" is not a string");
    }
    return (String) value;
  }

  /** A required boolean member. */
  public boolean bool(String name) throws JsonException {
    Object value = members.get(name);
    if (!(value instanceof Boolean)) {
      throw new JsonException("\"" + name + "\" is " + (value == null ? "missing" : "not a boolean"));
    }
    return (Boolean) value;
  }

  /** An optional boolean member, {@code fallback} if absent. */
  public boolean optBool(String name, boolean fallback) throws JsonException {
    return members.containsKey(name) ? bool(name) : fallback;
  }

  /**
   * A required integer member in {@code [min, max]}: a JSON integer literal (digits with an optional
   * minus sign; {@code 1.0}, {@code 1e3} or {@code 1.8e9} are refused, as is anything out of range).
   */
  public long integer(String name, long min, long max) throws JsonException {
    Object value = members.get(name);
    if (!(value instanceof BigDecimal)) {
      throw new JsonException("\"" + name + "\" is " + (value == null ? "missing" : "not a number"));
    }
    if (((BigDecimal) value).scale() != 0) {
      throw new JsonException("\"" + name + "\" is not an integer literal");
    }
    long result;
    try {
      result = ((BigDecimal) value).longValueExact();
    } catch (ArithmeticException e) {
      throw new JsonException("\"" + name + "\" is not an integer in range");
    }
    if (result < min || result > max) {
      throw new JsonException("\"" + name + "\" is out of range [" + min + ", " + max + "]");
    }
    return result;
  }

  /** A required NumericDate (integer literal: seconds since the epoch, 0..year 9999). */
  public long numericDate(String name) throws JsonException {
    return integer(name, 0, MAX_NUMERIC_DATE);
  }

  /** A required nested object. */
  public JsonObject object(String name) throws JsonException {
    Object value = members.get(name);
    if (!(value instanceof JsonObject)) {
      throw new JsonException("\"" + name + "\" is " + (value == null ? "missing" : "not an object"));
    }
    return (JsonObject) value;
  }

  /** An optional nested object. */
  public JsonObject optObject(String name) throws JsonException {
    return members.containsKey(name) ? object(name) : null;
  }

  /** A required array member. */
  public List<Object> array(String name) throws JsonException {
    Object value = members.get(name);
    if (!(value instanceof List)) {
      throw new JsonException("\"" + name + "\" is " + (value == null ? "missing" : "not an array"));
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) value;
    return list;
  }

  /** A required array of strings (maxItems elements at most). */
  public List<String> stringArray(String name, int maxItems) throws JsonException {
    List<Object> raw = array(name);
    if (raw.size() > maxItems) {
      throw new JsonException("\"" + name + "\" has more than " + maxItems + " items");
    }
    List<String> out = new ArrayList<>(raw.size());
    for (Object item : raw) {
      if (!(item instanceof String)) {
        throw new JsonException("\"" + name + "\" holds a non-string item");
      }
      out.add((String) item);
    }
    return Collections.unmodifiableList(out);
  }

  /** A string or an array of strings (as JWT {@code aud}). */
  public List<String> stringOrArray(String name, int maxItems) throws JsonException {
    Object value = members.get(name);
    if (value instanceof String) {
      return Collections.singletonList((String) value);
    }
    return stringArray(name, maxItems);
  }
}
