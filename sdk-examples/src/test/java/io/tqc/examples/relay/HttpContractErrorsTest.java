package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.ContentPolicy;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the reference server can produce — its routes, its limits and the web server under
 * them — is an RFC 9457 problem document with a TQC reason code, in UTF-8 with
 * {@code charset=utf-8} (issue 15, items 8, 9 and 16).
 */
class HttpContractErrorsTest {
  static final String ISSUER = "https://relay.contract.test";

  @TempDir
  static Path data;
  static RelayServer server;
  static RelayHttp http;
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A raw answer: status, content type and the body decoded as UTF-8 from its bytes. */
  record Raw(int status, String contentType, String retryAfter, String body) {
    JsonObject json() throws Json.JsonException {
      return Json.parseObject(body);
    }
  }

  static Raw send(HttpRequest.Builder request) throws Exception {
    HttpResponse<byte[]> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Raw(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Retry-After").orElse(null),
        new String(response.body(), StandardCharsets.UTF_8));
  }

  static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path));
  }

  /** {@code contentType} is {@code media} with {@code charset=utf-8} (spacing and case as the server writes it). */
  static void assertUtf8(String contentType, String media) {
    assertThat(contentType).isNotNull();
    assertThat(contentType.replace(" ", "").toLowerCase(java.util.Locale.ROOT)).isEqualTo(media + ";charset=utf-8");
  }

  static void assertProblem(Raw answer, int status, ReasonCode reason) throws Exception {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertUtf8(answer.contentType(), "application/problem+json");
    JsonObject problem = answer.json();
    assertThat(problem.string("code")).isEqualTo(reason.code());
    assertThat(problem.string("type")).isEqualTo(reason.problemType());
    assertThat(problem.string("title")).isEqualTo(reason.title());
    assertThat(problem.asMap().get("status").toString()).isEqualTo(Integer.toString(status));
    assertThat(problem.string("detail")).isNotBlank();
  }

  @Test
  void unknownRoute_is404NotFound() throws Exception {
    assertProblem(send(request("/v1/nothing-here").GET()), 404, ReasonCode.NOT_FOUND);
    assertProblem(send(request("/").GET()), 404, ReasonCode.NOT_FOUND);
  }

  @Test
  void wrongMethod_is405MethodNotAllowed() throws Exception {
    assertProblem(send(request("/v1/batches").GET()), 405, ReasonCode.METHOD_NOT_ALLOWED);
    assertProblem(send(request("/v1/token").DELETE()), 405, ReasonCode.METHOD_NOT_ALLOWED);
    assertProblem(send(request("/.well-known/jwks.json").POST(HttpRequest.BodyPublishers.ofString("{}"))), 405,
        ReasonCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void wrongContentType_is415OnEveryJsonEndpoint() throws Exception {
    for (String path : List.of("/v1/token", "/v1/batches")) {
      assertProblem(send(request(path).header("Content-Type", "text/plain; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, ReasonCode.UNSUPPORTED_MEDIA_TYPE);
    }
    assertProblem(send(request("/v1/admin/resellers").header("Authorization", "Bearer " + server.adminToken())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("reseller_id=1"))), 415, ReasonCode.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void malformedJson_isRequestInvalid() throws Exception {
    for (String body : List.of("not json", "{\"reseller_id\":", "[]", "{\"a\":1,\"a\":2}")) {
      assertProblem(send(request("/v1/token").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))), 400, ReasonCode.REQUEST_INVALID);
    }
  }

  @Test
  void oversizedBodies_areProblems() throws Exception {
    byte[] big = new byte[HttpSupport.SMALL_BODY + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertProblem(send(request("/v1/token").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(big))), 400, ReasonCode.REQUEST_INVALID);
    byte[] huge = new byte[server.relay().config().maxBatchBytes() + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertProblem(send(request("/v1/batches").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(huge))), 413, ReasonCode.BATCH_TOO_LARGE);
  }

  @Test
  void tokenOrProofOverItsCap_reachesTheVerifier_andIsMalformed() throws Exception {
    String overCap = "a".repeat(CertificationToken.MAX_LENGTH + 1);
    Raw token = send(request("/v1/batches").header("Content-Type", "application/json")
        .header("Authorization", "TQC " + overCap).header("TQC-Proof", "x.y.z")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertProblem(token, 401, ReasonCode.TOKEN_MALFORMED);
    assertThat(token.json().string("detail")).doesNotContain(overCap.substring(0, 100));
  }

  @Test
  void tokenAndProofEachUnderTheirCaps_butTogetherOverEightKib_reachTheVerifier() throws Exception {
    // Each is under its 8192-character cap; together they pass the web server's default 8 KiB limit.
    String token = "a".repeat(CertificationToken.MAX_LENGTH - 200) + ".b.c";
    String proof = "d".repeat(BatchProof.MAX_LENGTH - 200) + ".e.f";
    Raw answer = send(request("/v1/batches").header("Content-Type", "application/json")
        .header("Authorization", "TQC " + token).header("TQC-Proof", proof)
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertProblem(answer, 401, ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void headerSectionOverTheLimit_is431ProblemJson() throws Exception {
    Raw answer = send(request("/v1/batches").header("Content-Type", "application/json")
        .header("Authorization", "TQC " + "a".repeat(HttpSupport.MAX_REQUEST_HEADER_BYTES))
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertProblem(answer, 431, ReasonCode.REQUEST_HEADERS_TOO_LARGE);
    assertThat(answer.json().string("detail")).contains(Integer.toString(HttpSupport.MAX_REQUEST_HEADER_BYTES));
  }

  @Test
  void headerLimit_isSizedFromTheDocumentedCaps() {
    assertThat(HttpSupport.MAX_REQUEST_HEADER_BYTES)
        .isEqualTo(CertificationToken.MAX_LENGTH + BatchProof.MAX_LENGTH + HttpSupport.HEADER_MARGIN);
  }

  @Test
  void requestThatIsNotHttp_isProblemJson() throws Exception {
    String answer = raw("GET /v1/token HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer.toLowerCase(java.util.Locale.ROOT).replace("; ", ";"))
        .contains("content-type: application/problem+json;charset=utf-8");
    assertThat(answer).contains("\"code\":\"request_invalid\"").doesNotContain("<html");
  }

  /** Writes {@code request} on a plain socket and reads the answer until the server closes. */
  static String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0) {
        bytes.write(buffer, 0, n);
        if (bytes.toString(StandardCharsets.UTF_8).contains("}")) {
          break;
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void requestsWhileTheRelayStarts_get503WithRetryAfter(@TempDir Path other) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    int chosen = port;
    AtomicReference<Raw> duringStart = new AtomicReference<>();
    AtomicReference<Raw> unknownDuringStart = new AtomicReference<>();
    // The relay options are applied after the port is bound and before the relay opens.
    try (RelayServer starting = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(other)
        .issuer(ISSUER).port(chosen).contentPolicy(ContentPolicy.NONE).relayOptions(b -> {
          try {
            duringStart.set(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chosen
                + "/.well-known/tqc-configuration")).GET()));
            unknownDuringStart.set(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chosen
                + "/v1/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return b;
        }).build())) {
      for (Raw answer : List.of(duringStart.get(), unknownDuringStart.get())) {
        assertProblem(answer, 503, ReasonCode.RELAY_UNAVAILABLE);
        assertThat(answer.retryAfter()).isEqualTo("1");
      }
      assertThat(send(request("/.well-known/tqc-configuration").GET()).status()).isEqualTo(200);
      assertThat(new RelayHttp(starting.url(), starting.adminToken()).get("/.well-known/tqc-configuration")
          .status()).isEqualTo(200);
    }
  }

  @Test
  void hangulAndEmoji_roundTripThroughSuccessAndErrorAnswers() throws Exception {
    String name = "(주)예시문자 🎉";
    String suspension = "불법스팸 전송 확인 🚫";
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    RelayHttp.Response registered = reseller.register(Map.of("name", name, "reason", "등록 완료 ✅"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    assertUtf8(registered.header("Content-Type"), "application/json");

    // Success paths: the admin API answers with the names and reasons as sent.
    Raw shown = send(request("/v1/admin/resellers/" + reseller.id.value())
        .header("Authorization", "Bearer " + server.adminToken()).GET());
    assertUtf8(shown.contentType(), "application/json");
    assertThat(shown.json().string("name")).isEqualTo(name);
    assertThat(shown.json().string("status_reason")).isEqualTo("등록 완료 ✅");
    String token = reseller.token();
    RelayHttp.Response accepted = reseller.send(token);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertUtf8(accepted.header("Content-Type"), "application/json");

    // Error paths: a compliance refusal names the marker, an invalid member is echoed.
    byte[] unmarked = RelayHttp.advertising(RelayHttp.SENDERS.get(0))
        .addMessage(new io.tqc.api.batch.BatchMessage("01012340000", "테스트상점 할인 🎁 문의 02-1234-5678 무료거부 0801234567",
            true)).build().toJsonBytes();
    Raw refused = send(request("/v1/batches").header("Content-Type", "application/json")
        .header("Authorization", "TQC " + token).header("TQC-Proof", reseller.proof(token, unmarked, 1))
        .POST(HttpRequest.BodyPublishers.ofByteArray(unmarked)));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertUtf8(refused.contentType(), "application/problem+json");
    assertThat(refused.body()).contains("(광고)").doesNotContain("??");
    Raw invalid = send(request("/v1/admin/resellers").header("Authorization", "Bearer " + server.adminToken())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"이름🎉\":1}", StandardCharsets.UTF_8)));
    assertProblem(invalid, 400, ReasonCode.REQUEST_INVALID);
    assertThat(invalid.json().string("detail")).contains("이름🎉");

    RelayHttp.Response suspended = http.suspend(reseller.id, suspension);
    assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
    Raw history = send(request("/v1/admin/resellers/" + reseller.id.value())
        .header("Authorization", "Bearer " + server.adminToken()).GET());
    assertThat(history.json().string("status_reason")).isEqualTo(suspension);
    assertThat(history.body()).contains(suspension);
  }

  @Test
  void otherAnswers_sayTheirCharsetWhereTheMediaTypeAllowsIt() throws Exception {
    assertUtf8(send(request("/.well-known/jwks.json").GET()).contentType(), "application/jwk-set+json");
    assertUtf8(send(request("/.well-known/tqc-configuration").GET()).contentType(), "application/json");
  }

  @Test
  void certificationEnd_beyondWhatATokenCarries_isAClearRequestInvalid() throws Exception {
    for (String end : List.of("+10000-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00")) {
      RelayHttp.Response refused = http.reseller(ISSUER).register(Map.of("cert_expires_at", end));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo(ReasonCode.REQUEST_INVALID.code());
      assertThat(refused.string("detail")).contains("9999-12-31T23:59:59Z");
    }
    RelayHttp.Reseller latest = http.reseller(ISSUER);
    RelayHttp.Response registered = latest.register(Map.of("cert_expires_at", "9999-12-31T23:59:59Z"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    assertThat(latest.send(latest.token()).status()).isEqualTo(202); // the relay can read its own token
  }

  @Test
  void originCode_isNineDigits_dashesAndSpacesDropped_onTheAdminApiAndInTheBatchEcho() throws Exception {
    for (String code : List.of("EXM24001", "ORG1", "12345678", "1234567890")) {
      RelayHttp.Response refused = http.reseller(ISSUER).register(Map.of("origin_code", code));
      assertThat(refused.status()).as(code + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.string("detail")).contains("9-digit");
    }
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of("origin_code", "987-65 4321")).status()).isEqualTo(201);
    RelayHttp.Response accepted = reseller.send(reseller.token());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.string("origin_code")).isEqualTo("987654321");
  }

  @Test
  void statusEvents_areUtf8EventStreams() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    HttpResponse<java.io.InputStream> stream = CLIENT.send(request("/v1/resellers/" + reseller.id.value()
        + "/status/events").header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    stream.body().close();
    assertThat(stream.statusCode()).isEqualTo(200);
    assertUtf8(stream.headers().firstValue("Content-Type").orElse(null), "text/event-stream");
  }
}
