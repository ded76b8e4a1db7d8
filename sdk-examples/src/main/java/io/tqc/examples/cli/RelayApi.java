package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClientException;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The reference relay's HTTP contract as the CLI and the demo use it: discovery, the admin API
 * ({@code Authorization: Bearer}) and raw batch posts, over one OkHttp client. Refusals become a
 * {@link TqcException} with the relay's reason code (or a {@link CliException} for a code this
 * version does not know), so the CLI prints them as {@code error: <code>: <detail>}.
 */
final class RelayApi implements AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String adminToken;
  private volatile String batchEndpoint;

  /** One answer of the relay: status, content type and the body parsed as a JSON object (or null). */
  record Answer(int status, String contentType, JsonObject json, String text) {
    boolean isProblem() {
      return contentType != null && contentType.startsWith("application/problem+json") && json != null;
    }

    String string(String member) {
      try {
        return json == null ? null : json.optString(member);
      } catch (JsonException e) {
        return null;
      }
    }

    /** The problem document's {@code code}, or null. */
    String code() {
      return isProblem() ? string("code") : null;
    }

    /** Every violation of a 422 problem document on one line, or null if it lists none. */
    String violations() {
      Object list = json == null ? null : json.asMap().get("violations");
      if (!(list instanceof List) || ((List<?>) list).isEmpty()) {
        return null;
      }
      List<?> items = (List<?>) list;
      StringBuilder out = new StringBuilder().append(items.size()).append(items.size() == 1 ? " violation: " : " violations: ");
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof JsonObject)) {
          return null;
        }
        Map<String, Object> item = ((JsonObject) items.get(i)).asMap();
        Object index = item.get("index");
        String where = index == null || "-1".equals(index.toString()) ? "batch" : "messages[" + index + "]";
        out.append(i > 0 ? "; " : "").append(where).append(' ').append(item.get("code")).append(": ")
            .append(item.get("detail"));
      }
      return out.toString();
    }

    /** The refusal as an exception: the relay's reason code and detail (every violation of a 422). */
    Exception refusal() {
      String code = code();
      if (code == null) {
        return new CliException(TqcCli.EXIT_IO, "relay answered HTTP " + status + " without a problem document");
      }
      String detail = string("detail");
      String violations = violations();
      if (violations != null) {
        detail = violations;
      }
      ReasonCode reason = ReasonCode.fromCode(code);
      if (reason == null) {
        return new CliException(TqcCli.EXIT_REFUSED, code + ": " + detail);
      }
      return new TqcException(reason, detail == null ? "(no detail)" : detail);
    }
  }

  RelayApi(String relayUrl, String adminToken) throws CliException {
    HttpUrl parsed = HttpUrl.parse(relayUrl);
    if (parsed == null) {
      throw new CliException(TqcCli.EXIT_USAGE, "--relay must be an http(s) URL, e.g. http://127.0.0.1:8080");
    }
    String path = parsed.encodedPath();
    this.base = path.endsWith("/") ? parsed : parsed.newBuilder().encodedPath(path + "/").build();
    this.adminToken = adminToken;
    this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(15))
        .callTimeout(Duration.ofSeconds(30)).build();
  }

  /** The relay base URL, ending with a slash. */
  HttpUrl base() {
    return base;
  }

  /** The shared OkHttp client (connections and threads); derive others with {@code newBuilder()}. */
  OkHttpClient http() {
    return http;
  }

  /** The batch endpoint named by {@code /.well-known/tqc-configuration}. */
  String batchEndpoint() throws Exception {
    String endpoint = batchEndpoint;
    if (endpoint == null) {
      Answer answer = execute(new Request.Builder().url(base.resolve(".well-known/tqc-configuration")).get().build());
      if (answer.status() != 200 || answer.string("batch_endpoint") == null) {
        throw new CliException(TqcCli.EXIT_IO, "relay configuration document has no batch_endpoint (HTTP "
            + answer.status() + ")");
      }
      endpoint = answer.string("batch_endpoint");
      batchEndpoint = endpoint;
    }
    return endpoint;
  }

  /** Registers a reseller; returns the relay's answer ({@code cert_id}, {@code status}, ...). */
  JsonObject register(ResellerId id, String name, VerificationKey key, List<String> senderNumbers, String originCode,
      String actor) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", id.formatted());
    body.put("name", name);
    body.put("public_jwk", Json.parseObject(key.toJwk()));
    body.put("sender_numbers", senderNumbers);
    body.put("origin_code", originCode);
    if (actor != null) {
      body.put("actor", actor);
    }
    return admin("v1/admin/resellers", body);
  }

  /** Suspends, reinstates or revokes ({@code action} is the path segment); returns the new summary. */
  JsonObject changeStatus(ResellerId id, String action, String reason, String actor) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    if (actor != null) {
      body.put("actor", actor);
    }
    return admin("v1/admin/resellers/" + id.value() + "/" + action, body);
  }

  /** The reseller with its status history. */
  JsonObject show(ResellerId id) throws Exception {
    Request request = new Request.Builder().url(base.resolve("v1/admin/resellers/" + id.value()))
        .header("Authorization", "Bearer " + requireAdminToken()).get().build();
    return success(execute(request));
  }

  /** POSTs {@code body} as JSON to an admin path; the JSON answer, or the refusal as an exception. */
  JsonObject adminPost(String path, Map<String, Object> body) throws Exception {
    return admin(path, body);
  }

  private JsonObject admin(String path, Map<String, Object> body) throws Exception {
    Request request = new Request.Builder().url(base.resolve(path))
        .header("Authorization", "Bearer " + requireAdminToken())
        .post(RequestBody.create(Json.writeBytes(body), JSON)).build();
    return success(execute(request));
  }

  private String requireAdminToken() throws CliException {
    if (adminToken == null || adminToken.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    return adminToken;
  }

  private static JsonObject success(Answer answer) throws Exception {
    if (answer.status() / 100 != 2) {
      throw answer.refusal();
    }
    if (answer.json() == null) {
      throw new CliException(TqcCli.EXIT_IO, "relay answered HTTP " + answer.status() + " without a JSON body");
    }
    return answer.json();
  }

  /** Posts batch bytes with the given headers as they are (no interceptor): for tampering and replay. */
  Answer postBatchRaw(byte[] body, Map<String, String> headers) throws Exception {
    Request.Builder request = new Request.Builder().url(batchEndpoint()).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    return execute(request.build());
  }

  /** Executes one call and reads the whole answer; I/O failures are exit code 3. */
  Answer execute(Request request) throws CliException, TqcClientException {
    return execute(http, request);
  }

  /**
   * Executes {@code request} on {@code client}; a TQC client refusal (the interceptor failed closed)
   * is rethrown as is, other I/O failures are exit code 3.
   */
  static Answer execute(OkHttpClient client, Request request) throws CliException, TqcClientException {
    try (Response response = client.newCall(request).execute()) {
      return read(response);
    } catch (TqcClientException e) {
      throw e;
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot reach the relay at " + request.url().host() + ":"
          + request.url().port() + ": " + Files2.describe(e));
    }
  }

  /** Reads {@code response} (not closing it) into an {@link Answer}. */
  static Answer read(Response response) throws IOException {
    byte[] bytes = response.body().bytes();
    String contentType = response.header("Content-Type");
    JsonObject json = null;
    if (contentType != null && (contentType.startsWith("application/json")
        || contentType.startsWith("application/problem+json"))) {
      try {
        json = Json.parseObject(bytes);
      } catch (JsonException e) {
        json = null;
      }
    }
    return new Answer(response.code(), contentType, json, new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
