package io.tqc.api.http;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, the body of every refusal of the TQC contract
 * ({@code Content-Type: application/problem+json}), written and read here only.
 *
 * <pre>{@code
 * {"type":"urn:tqc:error:ad_marker_missing","title":"Advertising marker missing","status":422,
 *  "detail":"2 messages break the content rules","code":"ad_marker_missing",
 *  "violations":[{"index":0,"code":"ad_marker_missing","detail":"..."}]}
 * }</pre>
 *
 * <p>{@code code} is the stable {@link ReasonCode} wire code; {@code type} is
 * {@code urn:tqc:error:<code>}. {@code violations} lists each broken content rule (a message index,
 * or {@code -1} for the batch) and appears only when there are some. Unknown members are ignored when
 * reading (RFC 9457 extension members), and a code this version does not know is kept as text
 * ({@link #reason()} is then {@code null}). Immutable; build one with {@link #of(ReasonCode, String)}
 * or {@link #builder(ReasonCode)}.
 */
public final class Problem {
  private static final String TYPE_PREFIX = "urn:tqc:error:";
  /** Longest document {@link #parse} reads. */
  public static final int MAX_BYTES = 1 << 20;

  private final String type;
  private final String title;
  private final int status;
  private final String detail;
  private final String code;
  private final List<Violation> violations;

  private Problem(Builder b) {
    this.code = b.code;
    this.type = b.type != null ? b.type : TYPE_PREFIX + b.code;
    this.title = b.title;
    this.status = b.status;
    this.detail = b.detail;
    this.violations = Collections.unmodifiableList(new ArrayList<Violation>(b.violations));
  }

  /** The problem for {@code reason} with its title and HTTP status and {@code detail}. */
  public static Problem of(ReasonCode reason, String detail) {
    return builder(reason).detail(detail).build();
  }

  /** A builder preset with {@code reason}'s code, type, title and HTTP status. */
  public static Builder builder(ReasonCode reason) {
    if (reason == null) {
      throw new NullPointerException("reason");
    }
    return new Builder(reason.code()).title(reason.title()).status(reason.httpStatus());
  }

  /** The {@code type} URI, {@code urn:tqc:error:<code>}. */
  public String type() {
    return type;
  }

  /** The short human title, or {@code null}. */
  public String title() {
    return title;
  }

  /** The HTTP status the document was sent with (0 when the document did not say). */
  public int status() {
    return status;
  }

  /** The human-readable detail, or {@code null}. Never parse it: the code is the contract. */
  public String detail() {
    return detail;
  }

  /** The stable wire code, e.g. {@code token_expired} (possibly one this version does not know). */
  public String code() {
    return code;
  }

  /** The reason of {@link #code()}, or {@code null} when this version does not know the code. */
  public ReasonCode reason() {
    return ReasonCode.fromCode(code);
  }

  /** The broken content rules (empty when the refusal is not about content). */
  public List<Violation> violations() {
    return violations;
  }

  /** The document as compact JSON, UTF-8, members in the order of RFC 9457's examples. */
  public byte[] toJsonBytes() {
    Map<String, Object> out = new LinkedHashMap<String, Object>();
    out.put("type", type);
    if (title != null) {
      out.put("title", title);
    }
    if (status != 0) {
      out.put("status", status);
    }
    if (detail != null) {
      out.put("detail", detail);
    }
    out.put("code", code);
    if (!violations.isEmpty()) {
      List<Object> items = new ArrayList<Object>(violations.size());
      for (Violation v : violations) {
        Map<String, Object> item = new LinkedHashMap<String, Object>();
        item.put("index", v.index);
        item.put("code", v.code);
        item.put("detail", v.detail);
        items.add(item);
      }
      out.put("violations", items);
    }
    return Json.writeBytes(out);
  }

  /**
   * Reads a problem document (strict JSON, UTF-8). The code comes from the {@code code} member, or
   * from a {@code urn:tqc:error:} {@code type} when there is none.
   *
   * @throws ProblemFormatException the bytes are not a JSON object, a member has the wrong type,
   *     or neither {@code code} nor a TQC {@code type} names a code
   */
  public static Problem parse(byte[] json) throws ProblemFormatException {
    if (json == null || json.length == 0) {
      throw new ProblemFormatException("problem document is empty");
    }
    if (json.length > MAX_BYTES) {
      throw new ProblemFormatException("problem document larger than " + MAX_BYTES + " bytes");
    }
    try {
      JsonObject o = Json.parseObject(json);
      String type = o.optString("type");
      String code = o.optString("code");
      if (code == null && type != null && type.startsWith(TYPE_PREFIX)) {
        code = type.substring(TYPE_PREFIX.length());
      }
      if (code == null || code.isEmpty()) {
        throw new ProblemFormatException("problem document names no TQC code");
      }
      Builder b = new Builder(code).type(type).title(o.optString("title")).detail(o.optString("detail"));
      if (o.has("status")) {
        b.status((int) o.integer("status", 100, 599));
      }
      if (o.has("violations")) {
        for (Object item : o.array("violations")) {
          if (!(item instanceof JsonObject)) {
            throw new ProblemFormatException("problem violations[] holds a non-object");
          }
          JsonObject v = (JsonObject) item;
          b.violation((int) v.integer("index", -1, Integer.MAX_VALUE), v.string("code"), v.optString("detail"));
        }
      }
      return b.build();
    } catch (JsonException e) {
      throw new ProblemFormatException("not a problem document: " + e.getMessage());
    }
  }

  /**
   * Reads the problem of an answer if its {@code Content-Type} says it is JSON (problem+json or
   * JSON); {@code null} when it is not, or the body is empty or not a TQC problem document.
   */
  public static Problem read(String contentType, byte[] body) {
    if (!MediaTypes.isJsonFamily(contentType) || body == null || body.length == 0) {
      return null;
    }
    try {
      return parse(body);
    } catch (ProblemFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Problem{" + code + ", status=" + status + (violations.isEmpty() ? "" : ", violations=" + violations.size())
        + "}";
  }

  /** One broken rule of a refused batch as the wire carries it. Immutable. */
  public static final class Violation {
    /** The {@link #index()} of a violation that concerns the whole batch. */
    public static final int BATCH = -1;

    private final int index;
    private final String code;
    private final String detail;

    Violation(int index, String code, String detail) {
      this.index = index;
      this.code = code;
      this.detail = detail;
    }

    /** The zero-based message index, or {@link #BATCH}. */
    public int index() {
      return index;
    }

    /** The wire code of the broken rule. */
    public String code() {
      return code;
    }

    /** The reason of {@link #code()}, or {@code null} when this version does not know it. */
    public ReasonCode reason() {
      return ReasonCode.fromCode(code);
    }

    /** The explanation, or {@code null}. */
    public String detail() {
      return detail;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Violation)) {
        return false;
      }
      Violation v = (Violation) o;
      return index == v.index && code.equals(v.code) && (detail == null ? v.detail == null : detail.equals(v.detail));
    }

    @Override
    public int hashCode() {
      return 31 * (31 * index + code.hashCode()) + (detail == null ? 0 : detail.hashCode());
    }

    @Override
    public String toString() {
      return (index == BATCH ? "batch" : "messages[" + index + "]") + ": " + code;
    }
  }

  /** Builds a {@link Problem}. */
  public static final class Builder {
    private final String code;
    private String type;
    private String title;
    private int status;
    private String detail;
    private final List<Violation> violations = new ArrayList<Violation>();

    Builder(String code) {
      if (code == null || code.isEmpty()) {
        throw new IllegalArgumentException("code must not be empty");
      }
      this.code = code;
    }

    Builder type(String type) {
      this.type = type;
      return this;
    }

    /** The title (preset from the reason). */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * The HTTP status (preset from the reason; a server answering an HTTP error it raised itself
     * may send another).
     */
    public Builder status(int status) {
      if (status != 0 && (status < 100 || status > 599)) {
        throw new IllegalArgumentException("status must be an HTTP status (100..599)");
      }
      this.status = status;
      return this;
    }

    /** The human-readable detail, without secrets. */
    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /** Adds a broken rule: message {@code index} (or {@link Violation#BATCH}), its reason and detail. */
    public Builder violation(int index, ReasonCode reason, String detail) {
      return violation(index, reason.code(), detail);
    }

    Builder violation(int index, String code, String detail) {
      if (index < Violation.BATCH) {
        throw new IllegalArgumentException("violation index must be >= -1");
      }
      if (code == null || code.isEmpty()) {
        throw new IllegalArgumentException("violation code must not be empty");
      }
      violations.add(new Violation(index, code, detail));
      return this;
    }

    /** The immutable problem. */
    public Problem build() {
      return new Problem(this);
    }
  }
}
