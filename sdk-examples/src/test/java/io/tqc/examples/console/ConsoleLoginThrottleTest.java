package io.tqc.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.internal.Json;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login rate limiting: per account name (known or not, so the answer tells nothing about which
 * names exist) and per client address, answered 429 {@code rate_limited} with {@code Retry-After}
 * until the window ends, even for the right password; with the limits out of reach (the control)
 * the same attempts are only refused as wrong.
 */
class ConsoleLoginThrottleTest {
  @TempDir
  Path data;
  final ConsoleSessionTest.MovableClock clock = new ConsoleSessionTest.MovableClock();
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  RelayServer server;

  void start(int perAccount, int perAddress) throws Exception {
    start(perAccount, perAddress, java.util.List.of());
  }

  void start(int perAccount, int perAddress, java.util.List<String> trustedProxies) throws Exception {
    ConsoleConfig console = new ConsoleConfig.Builder()
        .addOperator(Operator.withPassword("kim", Role.OPERATOR, "operator-pass".toCharArray()))
        .loginFailureLimits(perAccount, perAddress).loginWindow(Duration.ofMinutes(15)).clock(clock).build();
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).console(console)
        .trustedProxies(trustedProxies).build());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> login(String name, String password) throws Exception {
    return login(name, password, null);
  }

  /** A login as if through a proxy that sent {@code forwardedFor} as {@code X-Forwarded-For} (null: none). */
  HttpResponse<String> login(String name, String password, String forwardedFor) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/console/session"));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return client.send(request
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name, "password", password)))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String code(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    return Json.parseObject(response.body()).string("code");
  }

  @Test
  void accountOverItsFailures_isRefusedWithRetryAfter_evenWithTheRightPassword_untilTheWindowEnds() throws Exception {
    start(3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(code(login("kim", "wrong-" + i))).isEqualTo("unauthorized");
    }
    HttpResponse<String> throttled = login("kim", "operator-pass");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(code(throttled)).isEqualTo("rate_limited");
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(throttled.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(Json.parseObject(throttled.body()).string("detail")).isEqualTo("too many failed logins; retry in 900 s");

    clock.advance(Duration.ofMinutes(10));
    assertThat(login("kim", "operator-pass").headers().firstValue("Retry-After")).hasValue("300");
    clock.advance(Duration.ofMinutes(5));
    assertThat(login("kim", "operator-pass").statusCode()).isEqualTo(201);
  }

  @Test
  void unknownName_isThrottledExactlyLikeAKnownOne_soNamesCannotBeEnumerated() throws Exception {
    start(3, 100);
    for (int i = 0; i < 3; i++) {
      login("kim", "wrong-" + i);
      login("nobody", "wrong-" + i);
    }
    HttpResponse<String> known = login("kim", "wrong");
    HttpResponse<String> unknown = login("nobody", "wrong");
    assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(429);
    assertThat(unknown.body()).isEqualTo(known.body());
    assertThat(unknown.headers().firstValue("Retry-After")).isEqualTo(known.headers().firstValue("Retry-After"));
  }

  @Test
  void clientAddressOverItsFailures_isRefused_whateverNameItTries() throws Exception {
    start(100, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(code(login("name-" + i, "wrong-password"))).isEqualTo("unauthorized");
    }
    HttpResponse<String> throttled = login("kim", "operator-pass");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void successfulLogin_clearsTheAccountsFailures() throws Exception {
    start(3, 100);
    login("kim", "wrong-1");
    login("kim", "wrong-2");
    assertThat(login("kim", "operator-pass").statusCode()).isEqualTo(201);
    login("kim", "wrong-3");
    login("kim", "wrong-4");
    assertThat(login("kim", "operator-pass").statusCode()).isEqualTo(201);
  }

  @Test
  void control_limitsOutOfReach_sameAttemptsAreOnlyWrong() throws Exception {
    start(1_000, 1_000);
    for (int i = 0; i < 6; i++) {
      assertThat(code(login("kim", "wrong-" + i))).isEqualTo("unauthorized");
    }
    assertThat(login("kim", "operator-pass").statusCode()).isEqualTo(201);
  }

  @Test
  void forgedForwardedFor_fromAnUntrustedPeer_changesNothing() throws Exception {
    // Only 10.0.0.0/8 is trusted; the test connects from 127.0.0.1, so its header is not believed.
    start(100, 4, java.util.List.of("10.0.0.0/8"));
    for (int i = 0; i < 4; i++) {
      assertThat(code(login("name-" + i, "wrong-password", "198.51.100." + i))).isEqualTo("unauthorized");
    }
    // A fresh forged address does not escape the limit: every attempt counted against the peer.
    assertThat(login("kim", "operator-pass", "203.0.113.9").statusCode()).isEqualTo(429);
    assertThat(login("kim", "operator-pass").statusCode()).isEqualTo(429);
  }

  @Test
  void forgedForwardedFor_withNoTrustedProxy_changesNothing() throws Exception {
    start(100, 4);
    for (int i = 0; i < 4; i++) {
      login("name-" + i, "wrong-password", "198.51.100." + i);
    }
    assertThat(login("kim", "operator-pass", "203.0.113.9").statusCode()).isEqualTo(429);
  }

  @Test
  void trustedProxy_forwardedAddressIsCounted_andOtherClientsBehindItStillLogIn() throws Exception {
    start(100, 4, java.util.List.of("127.0.0.1/32"));
    for (int i = 0; i < 4; i++) {
      assertThat(code(login("name-" + i, "wrong-password", "198.51.100.7"))).isEqualTo("unauthorized");
    }
    assertThat(login("kim", "operator-pass", "198.51.100.7").statusCode()).isEqualTo(429);
    // What the client itself put in front is not believed: the right-most untrusted entry counts.
    assertThat(login("kim", "operator-pass", "203.0.113.9, 198.51.100.7").statusCode()).isEqualTo(429);
    // Another client behind the same balancer is not locked out by the first one's failures.
    assertThat(login("kim", "operator-pass", "198.51.100.8").statusCode()).isEqualTo(201);
  }
}
