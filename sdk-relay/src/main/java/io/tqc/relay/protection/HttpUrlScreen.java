package io.tqc.relay.protection;

import io.tqc.api.compliance.Link;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.relay.internal.JdkHttp;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.time.Duration;

/**
 * A {@link UrlScreen} asking an external screening service over HTTP (the JDK's client):
 * {@code GET <endpoint>?url=<host and path>} answered with {@code {"verdict": "clean"}} or
 * {@code {"verdict": "malicious", "category": "smishing"}}. Anything else is an {@link IOException}.
 * Immutable and thread-safe.
 */
public final class HttpUrlScreen implements UrlScreen {
  private final String endpoint;
  private final String bearerToken;
  private final int timeoutMillis;

  /**
   * A screen against {@code endpoint} (e.g. {@code https://screen.example.kr/v1/url-verdicts}).
   *
   * @param bearerToken the service's credential, or null; never logged
   * @param timeout connect and read timeout of one request
   */
  public HttpUrlScreen(String endpoint, String bearerToken, Duration timeout) {
    if (endpoint == null || !endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL");
    }
    try {
      new URL(endpoint);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("endpoint must be an http(s) URL");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.endpoint = endpoint;
    this.bearerToken = bearerToken;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public UrlVerdict screen(Link link) throws IOException {
    String query;
    try {
      query = URLEncoder.encode(link.hostAndPath(), "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e); // UTF-8 is always there
    }
    JsonObject answer = JdkHttp.getJson(new URL(endpoint + (endpoint.contains("?") ? "&" : "?") + "url=" + query),
        bearerToken, timeoutMillis);
    try {
      String verdict = answer.string("verdict");
      if (verdict.equals("clean")) {
        return UrlVerdict.clean();
      }
      if (verdict.equals("malicious")) {
        String category = answer.optString("category");
        return UrlVerdict.malicious(category == null || category.isEmpty() ? "malicious"
            : Json.sanitize(category.length() > 60 ? category.substring(0, 60) : category));
      }
    } catch (Json.JsonException | IllegalArgumentException e) {
      // fall through
    }
    throw new IOException("the URL screening service's answer is not the expected JSON");
  }

  @Override
  public String toString() {
    return "HttpUrlScreen{" + endpoint + "}";
  }
}
