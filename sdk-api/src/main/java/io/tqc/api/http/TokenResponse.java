package io.tqc.api.http;

import io.tqc.api.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a {@code 200} from {@code POST /v1/token}:
 * {@code {"token":"<certification token>","token_type":"TQC","expires_in":600}}. Immutable;
 * {@link #toString()} never shows the token.
 */
public final class TokenResponse {
  private final String token;
  private final long expiresInSeconds;

  /** A response carrying the compact {@code token}, valid for {@code expiresInSeconds} more seconds. */
  public TokenResponse(String token, long expiresInSeconds) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    if (expiresInSeconds < 0) {
      throw new IllegalArgumentException("expiresInSeconds must not be negative");
    }
    this.token = token;
    this.expiresInSeconds = expiresInSeconds;
  }

  /** The compact certification token. */
  public String token() {
    return token;
  }

  /** Seconds until the token expires. */
  public long expiresInSeconds() {
    return expiresInSeconds;
  }

  /** The response as compact JSON, UTF-8 ({@code token_type} is always {@value TqcHeaders#SCHEME}). */
  public byte[] toJsonBytes() {
    Map<String, Object> out = new LinkedHashMap<String, Object>();
    out.put("token", token);
    out.put("token_type", TqcHeaders.SCHEME);
    out.put("expires_in", expiresInSeconds);
    return Json.writeBytes(out);
  }

  @Override
  public String toString() {
    return "TokenResponse{expiresIn=" + expiresInSeconds + "s}";
  }
}
