package io.tqc.api.http;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /v1/token}: {@code {"reseller_id":"1248100998","assertion":"<client
 * assertion>"}}, both strings, no other member. Immutable. The relay checks the values themselves
 * ({@code reseller_id_invalid}, {@code assertion_invalid}); this type only reads the document.
 */
public final class TokenRequest {
  /** Longest body {@link #parse} reads (64 KiB, far above an assertion at its size cap). */
  public static final int MAX_BYTES = 64 * 1024;
  private static final Set<String> MEMBERS = new HashSet<String>(Arrays.asList("reseller_id", "assertion"));

  private final String resellerId;
  private final String assertion;

  /** A request for reseller {@code resellerId} with a signed client assertion. */
  public TokenRequest(String resellerId, String assertion) {
    if (resellerId == null || assertion == null) {
      throw new IllegalArgumentException("resellerId and assertion are required");
    }
    this.resellerId = resellerId;
    this.assertion = assertion;
  }

  /** The reseller id as sent (ten digits, dashes allowed). */
  public String resellerId() {
    return resellerId;
  }

  /** The client assertion (a compact JWS), as sent. */
  public String assertion() {
    return assertion;
  }

  /** The request as compact JSON, UTF-8. */
  public byte[] toJsonBytes() {
    Map<String, Object> out = new LinkedHashMap<String, Object>();
    out.put("reseller_id", resellerId);
    out.put("assertion", assertion);
    return Json.writeBytes(out);
  }

  /**
   * Reads a token request (strict JSON: duplicate or unknown members refused).
   *
   * @throws ProblemFormatException the body is not a token request; answer {@code request_invalid}
   */
  public static TokenRequest parse(byte[] json) throws ProblemFormatException {
    if (json == null || json.length > MAX_BYTES) {
      throw new ProblemFormatException("token request larger than " + MAX_BYTES + " bytes");
    }
    try {
      JsonObject o = Json.parseObject(json);
      o.requireOnly(MEMBERS, "token request");
      return new TokenRequest(o.string("reseller_id"), o.string("assertion"));
    } catch (JsonException e) {
      throw new ProblemFormatException("token request: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "TokenRequest{reseller=" + resellerId + "}";
  }
}
