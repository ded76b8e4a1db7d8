package io.tqc.relay.protection;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.relay.internal.JdkHttp;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A {@link SenderNumberCheck} asking an external number-validity service over HTTP (the JDK's
 * client; no dependency): {@code GET <endpoint>/<digits>} answered with
 * {@code {"status": "valid" | "terminated" | "suspended" | "unassigned" | "stolen", "list_version": "...",
 * "list_time": "2026-12-01T00:00:00Z"}}. Anything else, a non-200 answer or no answer within the
 * timeout is an {@link IOException}; the relay caches answers and fails closed as its
 * {@link ScreeningOptions} say. Immutable and thread-safe.
 */
public final class HttpSenderNumberCheck implements SenderNumberCheck {
  private final String endpoint;
  private final String bearerToken;
  private final int timeoutMillis;

  /**
   * A check against {@code endpoint} (e.g. {@code https://numbers.example.kr/v1/sender-numbers}).
   *
   * @param bearerToken the service's credential, or null; never logged
   * @param timeout connect and read timeout of one request
   */
  public HttpSenderNumberCheck(String endpoint, String bearerToken, Duration timeout) {
    try {
      new URL(endpoint);
    } catch (MalformedURLException | NullPointerException e) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL");
    }
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.bearerToken = bearerToken;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public SenderNumberStatus check(String digits) throws IOException {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        throw new IllegalArgumentException("digits only");
      }
    }
    JsonObject answer = JdkHttp.getJson(new URL(endpoint + "/" + digits), bearerToken, timeoutMillis);
    try {
      String status = answer.string("status").toUpperCase(Locale.ROOT);
      SenderNumberStatus.State state = SenderNumberStatus.State.valueOf(status);
      String version = answer.optString("list_version");
      String time = answer.optString("list_time");
      return SenderNumberStatus.of(state, version, time == null ? null : Instant.parse(time));
    } catch (Json.JsonException | IllegalArgumentException | DateTimeParseException e) {
      throw new IOException("the number-validity service's answer is not the expected JSON");
    }
  }

  @Override
  public String toString() {
    return "HttpSenderNumberCheck{" + endpoint + "}";
  }
}
