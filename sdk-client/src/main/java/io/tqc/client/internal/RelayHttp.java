package io.tqc.client.internal;

import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.TqcHeaders;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * JSON over HTTP to the relay: one synchronous call, strict checks of status, content type, size
 * and JSON syntax, and non-2xx answers turned into {@link RelayHttpException} with the problem
 * document's code. No retries here: {@link Resilience} wraps these calls.
 */
public final class RelayHttp {
  /** Largest relay answer read: 256 KiB (a JWKS of 32 keys is far below). */
  static final long MAX_BODY_BYTES = 256 * 1024;
  private static final MediaType JSON = MediaType.get(MediaTypes.JSON_UTF8);

  private final OkHttpClient client;
  private final Clock clock;
  private final DateObserver dateObserver;

  /**
   * Calls go through {@code client}; {@code clock} is local time (HTTP-date {@code Retry-After}
   * values, receipt of the relay's {@code Date} header, which goes to {@code dateObserver}).
   */
  public RelayHttp(OkHttpClient client, Clock clock, DateObserver dateObserver) {
    this.client = client;
    this.clock = clock;
    this.dateObserver = dateObserver;
  }

  /** Receives the relay's {@code Date} header and the local time it arrived. */
  public interface DateObserver {
    /** Called once per relay answer that has a {@code Date} header. */
    void observed(Instant relayDate, Instant localReceipt);
  }

  /** GETs a JSON object from {@code url}; {@code what} names it in errors. */
  public JsonObject getJson(HttpUrl url, String what) throws IOException {
    return getJsonAnswer(url, what).body;
  }

  /** GETs a JSON object from {@code url} with the answer's headers (for its caching directives). */
  public JsonAnswer getJsonAnswer(HttpUrl url, String what) throws IOException {
    return execute(new Request.Builder().url(url).header(TqcHeaders.ACCEPT, MediaTypes.JSON).get().build(), what);
  }

  /** A JSON object the relay answered, with the answer's headers. Immutable. */
  public static final class JsonAnswer {
    /** The parsed body. */
    public final JsonObject body;
    /** The answer's headers. */
    public final Headers headers;

    JsonAnswer(JsonObject body, Headers headers) {
      this.body = body;
      this.headers = headers;
    }
  }

  /** Hands the {@code Date} header of {@code response}, if any, to the observer. */
  void observeDate(Response response) {
    Date date = response.headers().getDate("Date");
    if (date != null) {
      dateObserver.observed(date.toInstant(), clock.instant());
    }
  }

  /** POSTs {@code body} as JSON to {@code url} and reads a JSON object back. */
  public JsonObject postJson(HttpUrl url, Map<String, Object> body, String what) throws IOException {
    Request request = new Request.Builder().url(url).header(TqcHeaders.ACCEPT, MediaTypes.JSON)
        .post(RequestBody.create(Json.writeBytes(body), JSON)).build();
    return execute(request, what).body;
  }

  /** POSTs {@code body} as JSON to {@code url} with {@code Authorization: authorization}; reads a JSON object back. */
  public JsonObject postJson(HttpUrl url, Map<String, Object> body, String what, String authorization)
      throws IOException {
    Request request = new Request.Builder().url(url).header(TqcHeaders.ACCEPT, MediaTypes.JSON)
        .header(TqcHeaders.AUTHORIZATION, authorization).post(RequestBody.create(Json.writeBytes(body), JSON)).build();
    return execute(request, what).body;
  }

  private JsonAnswer execute(Request request, String what) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      observeDate(response);
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        byte[] bytes = readCapped(body, 16 * 1024, what, false);
        MediaType type = body.contentType();
        throw new RelayHttpException(what, response.code(), Problems.code(type, bytes),
            Problems.detail(type, bytes), Problems.retryAfterMillis(response.header(TqcHeaders.RETRY_AFTER), clock.instant()));
      }
      MediaType type = body.contentType();
      if (!Problems.isJson(type)) {
        throw new RelayContractException(what + ": expected application/json but the relay sent "
            + (type == null ? "no content type" : Texts.clean(type.type() + "/" + type.subtype(), 80)));
      }
      byte[] bytes = readCapped(body, MAX_BODY_BYTES, what, true);
      try {
        return new JsonAnswer(Json.parseObject(bytes), response.headers());
      } catch (JsonException e) {
        throw new RelayContractException(what + " is not valid JSON: " + e.getMessage());
      }
    }
  }

  private static byte[] readCapped(ResponseBody body, long max, String what, boolean strict) throws IOException {
    BufferedSource source = body.source();
    if (source.request(max + 1)) {
      if (strict) {
        throw new RelayContractException(what + " is larger than " + max + " bytes");
      }
      return source.readByteArray(max);
    }
    return source.readByteArray();
  }
}
