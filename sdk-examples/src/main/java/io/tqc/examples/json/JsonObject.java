package io.tqc.examples.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable JSON object read by {@link Json}, with typed reads of its members. A read of the
 * wrong type, of a missing required member or of a value out of range throws a
 * {@link JsonException} naming the member by its dotted path ({@code "public_jwk.kty" is missing}).
 * Optional reads ({@code opt…}) return null (or the fallback) for an absent member, but refuse a
 * member present with another type or {@code null}.
 */
public final class JsonObject {
  private final String path;
  private final Map<String, Object> members;

  JsonObject(String path, Map<String, Object> members) {
    this.path = path;
    this.members = Collections.unmodifiableMap(members);
  }

  /** The members in document order (values as described by {@link Json}). */
  public Map<String, Object> asMap() {
    return members;
  }

  /** The member names, in document order. */
  public Set<String> names() {
    return members.keySet();
  }

  /** True if the member is present, even as {@code null}. */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** Refuses any member whose name is not in {@code allowed}; {@code what} names this object in the message. */
  public void requireOnly(Set<String> allowed, String what) throws JsonException {
    for (String name : members.keySet()) {
      if (!allowed.contains(name)) {
        throw new JsonException(what + " has member \"" + Json.printable(name) + "\" which is not allowed", where(name));
      }
    }
  }

  /** A required string. */
  public String string(String name) throws JsonException {
    String value = optString(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** An optional string: null if absent. */
  public String optString(String name) throws JsonException {
    return optional(name, String.class, "a string");
  }

  /** A required boolean. */
  public boolean bool(String name) throws JsonException {
    Boolean value = optional(name, Boolean.class, "a boolean");
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** An optional boolean: {@code fallback} if absent. */
  public boolean optBool(String name, boolean fallback) throws JsonException {
    Boolean value = optional(name, Boolean.class, "a boolean");
    return value == null ? fallback : value;
  }

  /**
   * A required integer in {@code [min, max]}, written as an integer literal: {@code 10} is one,
   * {@code 10.0} and {@code 1e1} are not.
   */
  public long integer(String name, long min, long max) throws JsonException {
    Object value = optional(name, Object.class, "an integer");
    if (value == null) {
      throw missing(name);
    }
    if (value instanceof BigInteger) {
      throw new JsonException("\"" + where(name) + "\" is out of range [" + min + ", " + max + "]", where(name));
    }
    if (!(value instanceof Long)) {
      throw wrongType(name, "an integer");
    }
    long result = (Long) value;
    if (result < min || result > max) {
      throw new JsonException("\"" + where(name) + "\" is out of range [" + min + ", " + max + "]", where(name));
    }
    return result;
  }

  /** A required object. */
  public JsonObject object(String name) throws JsonException {
    JsonObject value = optObject(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** An optional object: null if absent. */
  public JsonObject optObject(String name) throws JsonException {
    return optional(name, JsonObject.class, "an object");
  }

  /** A required array (its items as described by {@link Json}). */
  public List<Object> array(String name) throws JsonException {
    @SuppressWarnings("unchecked")
    List<Object> value = optional(name, List.class, "an array");
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** A required array of at most {@code maxItems} strings. */
  public List<String> stringArray(String name, int maxItems) throws JsonException {
    List<Object> items = array(name);
    if (items.size() > maxItems) {
      throw new JsonException("\"" + where(name) + "\" has more than " + maxItems + " items", where(name));
    }
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String)) {
        throw new JsonException("\"" + where(name) + "\" holds a non-string item", where(name));
      }
      out.add((String) item);
    }
    return Collections.unmodifiableList(out);
  }

  private <T> T optional(String name, Class<T> type, String what) throws JsonException {
    Object value = members.get(name);
    if (value == null) {
      if (members.containsKey(name)) {
        throw new JsonException("\"" + where(name) + "\" is null", where(name));
      }
      return null;
    }
    if (!type.isInstance(value)) {
      throw wrongType(name, what);
    }
    return type.cast(value);
  }

  private String where(String name) {
    return Json.printable(path.isEmpty() ? name : path + "." + name);
  }

  private JsonException missing(String name) {
    return new JsonException("\"" + where(name) + "\" is missing", where(name));
  }

  private JsonException wrongType(String name, String what) {
    return new JsonException("\"" + where(name) + "\" is not " + what, where(name));
  }

  /** The object as compact JSON. */
  @Override
  public String toString() {
    return Json.write(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonObject && members.equals(((JsonObject) other).members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }
}
