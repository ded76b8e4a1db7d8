package io.tqc.examples.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.internal.Json;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.Registration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's session layer over HTTP (no browser): login, the cookie's attributes, CSRF, roles,
 * idle and absolute timeouts (on a clock the test moves), and the security headers of the page.
 */
class ConsoleSessionTest {
  static final ResellerId RESELLER = id("2208162517");

  @TempDir
  Path data;
  final MovableClock clock = new MovableClock();
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  RelayServer server;

  static ResellerId id(String text) {
    try {
      return ResellerId.parse(text);
    } catch (io.tqc.api.TqcException e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    ConsoleConfig console = new ConsoleConfig.Builder()
        .addOperator(Operator.withPassword("kim", Role.OPERATOR, "operator-pass".toCharArray()))
        .addOperator(Operator.withPassword("lee", Role.VIEWER, "viewer-pass!".toCharArray()))
        .idleTimeout(Duration.ofMinutes(15)).absoluteTimeout(Duration.ofHours(8)).clock(clock).build();
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).console(console).build());
    server.relay().registry().register(new Registration.Builder().id(RESELLER).name("테스트")
        .addKey(SigningKey.generate().verificationKey()).senderNumbers(List.of("0212345678"))
        .originCode("123456789").build(), "setup");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  record Session(String cookie, String csrf) {}

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> login(String name, String password) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.url() + "/console/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name, "password", password)))));
  }

  Session session(String name, String password) throws Exception {
    HttpResponse<String> response = login(name, password);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(setCookie.substring(0, setCookie.indexOf(';')), Json.parseObject(response.body()).string("csrf_token"));
  }

  HttpResponse<String> suspend(Session session, String csrf, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/resellers/"
        + RESELLER.value() + "/suspend")).header("Cookie", session.cookie()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"신고 다수\",\"actor\":\"someone-else\"}"));
    if (csrf != null) {
      request.header(Console.CSRF_HEADER, csrf);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  HttpResponse<String> show(Session session) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/admin/resellers/" + RESELLER.value()))
        .header("Cookie", session.cookie()).GET());
  }

  static String code(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    return Json.parseObject(response.body()).string("code");
  }

  String status() {
    return server.relay().registry().get(RESELLER).status().name();
  }

  @Test
  void login_setsHttpOnlyStrictCookie_andWrongPasswordIsUnauthorized() throws Exception {
    HttpResponse<String> ok = login("kim", "operator-pass");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict")
        .doesNotContain("Secure"); // plain HTTP here; over TLS it carries Secure
    assertThat(ok.body()).doesNotContain("operator-pass");
    HttpResponse<String> wrong = login("kim", "operator-pasS");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(code(wrong)).isEqualTo("unauthorized");
    assertThat(wrong.body()).contains("operator name or password wrong").doesNotContain("operator-pasS");
    assertThat(code(login("nobody", "operator-pass"))).isEqualTo("unauthorized");
  }

  @Test
  void stateChange_needsTheCsrfToken_andRecordsTheOperator() throws Exception {
    Session kim = session("kim", "operator-pass");
    HttpResponse<String> missing = suspend(kim, null, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).contains("CSRF");
    assertThat(code(suspend(kim, kim.csrf() + "x", null))).isEqualTo("unauthorized");
    assertThat(status()).isEqualTo("ACTIVE");
    // Control: the same request with the token goes through, recorded under the session's operator.
    HttpResponse<String> ok = suspend(kim, kim.csrf(), server.url());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(status()).isEqualTo("SUSPENDED");
    assertThat(server.relay().registry().history(RESELLER)).last()
        .satisfies(change -> assertThat(change.actor()).isEqualTo("kim"));
  }

  @Test
  void crossOriginChange_isRefusedEvenWithTheToken() throws Exception {
    Session kim = session("kim", "operator-pass");
    HttpResponse<String> forged = suspend(kim, kim.csrf(), "http://evil.example");
    assertThat(code(forged)).isEqualTo("unauthorized");
    assertThat(status()).isEqualTo("ACTIVE");
  }

  @Test
  void viewer_readsButCannotChange() throws Exception {
    Session lee = session("lee", "viewer-pass!");
    assertThat(show(lee).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = suspend(lee, lee.csrf(), null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("scope_insufficient");
    assertThat(status()).isEqualTo("ACTIVE");
  }

  @Test
  void idleSession_expires_butUseKeepsItAlive() throws Exception {
    Session kim = session("kim", "operator-pass");
    clock.advance(Duration.ofMinutes(14));
    assertThat(show(kim).statusCode()).isEqualTo(200); // restarts the idle clock
    clock.advance(Duration.ofMinutes(14));
    assertThat(show(kim).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(15));
    HttpResponse<String> expired = show(kim);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("session expired");
  }

  @Test
  void busySession_endsAtTheAbsoluteTimeout() throws Exception {
    Session kim = session("kim", "operator-pass");
    for (int i = 0; i < 34; i++) { // 7 h 56 min of use, never 15 minutes idle
      clock.advance(Duration.ofMinutes(14));
      assertThat(show(kim).statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(14)); // past 8 hours since the login
    assertThat(code(show(kim))).isEqualTo("unauthorized");
  }

  @Test
  void logout_needsCsrf_andEndsTheSession() throws Exception {
    Session kim = session("kim", "operator-pass");
    HttpResponse<String> who = send(HttpRequest.newBuilder(URI.create(server.url() + "/console/session"))
        .header("Cookie", kim.cookie()).GET());
    assertThat(who.statusCode()).isEqualTo(200);
    assertThat(Json.parseObject(who.body()).string("csrf_token")).isEqualTo(kim.csrf());
    HttpRequest.Builder logout = HttpRequest.newBuilder(URI.create(server.url() + "/console/session"))
        .header("Cookie", kim.cookie()).DELETE();
    assertThat(send(logout).statusCode()).isEqualTo(401);
    assertThat(send(logout.header(Console.CSRF_HEADER, kim.csrf())).statusCode()).isEqualTo(204);
    assertThat(show(kim).statusCode()).isEqualTo(401);
  }

  @Test
  void page_hasStrictCsp_andNoInlineScript() throws Exception {
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.url() + "/console/")).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
    assertThat(page.body()).doesNotContainPattern("<script(?![^>]*src=)").doesNotContain("http://", "https://");
    assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/console/vendor/uPlot.iife.min.js")).GET())
        .statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/console/nothing.js")).GET()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void config_refusesWeakPasswordsAndDuplicates() {
    assertThatThrownBy(() -> Operator.withPassword("kim", Role.OPERATOR, "short".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("short");
    Operator kim = Operator.withPassword("kim", Role.OPERATOR, "operator-pass".toCharArray());
    assertThatThrownBy(() -> new ConsoleConfig.Builder().addOperator(kim).addOperator(kim).build())
        .hasMessageContaining("twice");
    assertThat(kim.toString()).doesNotContain("pass");
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    final Instant start = Instant.parse("2026-12-01T01:00:00Z");
    volatile Instant now = start;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
