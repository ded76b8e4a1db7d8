package io.tqc.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.internal.Json;
import io.tqc.examples.relay.RelayProtection;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-out and list endpoints through a console session, like every other admin route: a viewer
 * reads them, only an operator changes them, and a change needs the CSRF token; a request with
 * neither the admin token nor a session is still refused.
 */
class ConsoleProtectionScreensTest {
  @TempDir
  Path data;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  RelayProtection protection;
  RelayServer server;

  @BeforeEach
  void start() throws Exception {
    protection = RelayProtection.open(data, new byte[32], "provider-token-0123456789");
    ConsoleConfig console = new ConsoleConfig.Builder()
        .addOperator(Operator.withPassword("kim", Role.OPERATOR, "operator-pass".toCharArray()))
        .addOperator(Operator.withPassword("lee", Role.VIEWER, "viewer-pass!".toCharArray())).build();
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).protection(protection)
        .console(console).build());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    protection.close();
  }

  record Session(String cookie, String csrf) {}

  Session login(String name, String password) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/console/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name, "password", password)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(cookie.substring(0, cookie.indexOf(';')), Json.parseObject(r.body()).string("csrf_token"));
  }

  HttpResponse<String> get(Session s, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (s != null) {
      b.header("Cookie", s.cookie());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> optOut(Session s, boolean csrf) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/suppressions"))
        .header("Cookie", s.cookie()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"advertiser\":\"테스트상점\",\"number\":\"010-1234-5678\"}"));
    if (csrf) {
      b.header(Console.CSRF_HEADER, s.csrf());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> r) throws Exception {
    return Json.parseObject(r.body()).string("code");
  }

  @Test
  void viewer_readsListsAndOptOutHistory_butCannotChangeThem() throws Exception {
    Session viewer = login("lee", "viewer-pass!");
    assertThat(get(viewer, "/v1/admin/sender-number-lists").statusCode()).isEqualTo(200);
    assertThat(get(viewer, "/v1/admin/suppressions/history").statusCode()).isEqualTo(200);
    assertThat(get(viewer, "/v1/admin/url-blocklist").statusCode()).isEqualTo(200);
    HttpResponse<String> refused = optOut(viewer, true);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("scope_insufficient");
  }

  @Test
  void operator_changesWithTheCsrfToken_only() throws Exception {
    Session operator = login("kim", "operator-pass");
    HttpResponse<String> noCsrf = optOut(operator, false);
    assertThat(noCsrf.statusCode()).isEqualTo(401);
    assertThat(noCsrf.body()).contains("CSRF");
    HttpResponse<String> done = optOut(operator, true);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(Json.parseObject(done.body()).integer("added", 0, 10)).isEqualTo(1);
    assertThat(get(operator, "/v1/admin/suppressions/history").body()).contains("\"ADDED\"");
  }

  @Test
  void neitherTokenNorSession_isStillRefused() throws Exception {
    HttpResponse<String> r = get(null, "/v1/admin/sender-number-lists");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(code(r)).isEqualTo("unauthorized");
  }
}
