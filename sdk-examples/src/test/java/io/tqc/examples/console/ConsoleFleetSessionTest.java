package io.tqc.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.examples.json.Json;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.relay.FleetStores;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.Registration;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.postgres.KeyEncryptionKey;
import io.tqc.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console sessions on a fleet behind a round-robin balancer (no sticky sessions): two nodes on one
 * PostgreSQL database share the sessions, so a login on one node is accepted by the other (read and
 * change, with the operator recorded), and a logout on either ends it on both; failed logins count
 * on every node, so the limit holds across them. The controls: with each node's default in-memory
 * stores, the other node refuses the same cookie, and each node counts only its own failures.
 */
class ConsoleFleetSessionTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();
  static final ResellerId RESELLER = ConsoleSessionTest.id("2208162517");

  @TempDir
  Path data;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  record Session(String cookie, String csrf) {}

  /** Two nodes on one new database; {@code shared} puts their console sessions in it. */
  List<RelayServer> fleet(boolean shared) throws Exception {
    String url = PG.createDatabase();
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    TracebackKey tracebackKey = TracebackKey.generate();
    List<RelayServer> nodes = new ArrayList<>();
    for (String node : List.of("n1", "n2")) {
      FleetStores stores = FleetStores.open(url, null, null, node, kek, tracebackKey);
      open.add(stores::close);
      ConsoleConfig.Builder console = new ConsoleConfig.Builder()
          .addOperator(Operator.withPassword("kim", Role.OPERATOR, "operator-pass".toCharArray()));
      if (shared) {
        console.sessionStore(stores.consoleSessions());
      }
      RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data.resolve(node))
          .issuer("https://relay.fleet.test").adminToken("fleet-admin-token-0123456789")
          .relayOptions(stores.relayOptions()).console(console.build()).build());
      open.add(server::close);
      nodes.add(server);
    }
    nodes.get(0).relay().registry().register(new Registration.Builder().id(RESELLER).name("플릿")
        .addKey(SigningKey.generate().verificationKey()).senderNumbers(List.of("0212345678"))
        .originCode("123456789").build(), "setup");
    return nodes;
  }

  Session login(RelayServer node) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", "kim", "password", "operator-pass"))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Session(cookie.substring(0, cookie.indexOf(';')), Json.parseObject(r.body()).string("csrf_token"));
  }

  HttpResponse<String> show(RelayServer node, Session s) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/admin/resellers/" + RESELLER.value()))
        .header("Cookie", s.cookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> suspend(RelayServer node, Session s) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/admin/resellers/" + RESELLER.value()
        + "/suspend")).header("Cookie", s.cookie()).header(Console.CSRF_HEADER, s.csrf())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"신고\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> logout(RelayServer node, Session s) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/session")).header("Cookie", s.cookie())
        .header(Console.CSRF_HEADER, s.csrf()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void loginOnOneNode_actsOnTheOther_andLogoutOnOneEndsItOnBoth() throws Exception {
    List<RelayServer> nodes = fleet(true);
    Session session = login(nodes.get(0));
    assertThat(show(nodes.get(1), session).statusCode()).isEqualTo(200);
    HttpResponse<String> suspended = suspend(nodes.get(1), session);
    assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
    List<?> history = (List<?>) Json.parseObject(show(nodes.get(0), session).body()).asMap().get("history");
    assertThat(((io.tqc.examples.json.JsonObject) history.get(history.size() - 1)).string("actor")).isEqualTo("kim");

    // The dashboard of the first node shows the status-feed lag of the change the second one made.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
      HttpResponse<String> overview = client.send(HttpRequest.newBuilder(URI.create(nodes.get(0).url()
          + "/v1/admin/overview")).header("Cookie", session.cookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(overview.statusCode()).isEqualTo(200);
      assertThat(Json.parseObject(overview.body()).asMap().get("registry_feed_lag_ms")).isNotNull();
    });

    assertThat(logout(nodes.get(1), session).statusCode()).isEqualTo(204);
    for (RelayServer node : nodes) {
      HttpResponse<String> after = show(node, session);
      assertThat(after.statusCode()).isEqualTo(401);
      assertThat(Json.parseObject(after.body()).string("code")).isEqualTo("unauthorized");
    }
  }

  HttpResponse<String> login(RelayServer node, String name, String password) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(node.url() + "/console/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("name", name, "password", password))))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void loginFailures_countOnEveryNode_soTheLimitHoldsBehindTheBalancer() throws Exception {
    List<RelayServer> nodes = fleet(true);
    // Five failures (the default limit), alternating nodes as a round-robin balancer would.
    for (int i = 0; i < 5; i++) {
      assertThat(login(nodes.get(i % 2), "kim", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    for (RelayServer node : nodes) {
      HttpResponse<String> refused = login(node, "kim", "operator-pass");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }
  }

  @Test
  void control_inMemoryLoginFailures_eachNodeCountsOnlyItsOwn() throws Exception {
    List<RelayServer> nodes = fleet(false);
    for (int i = 0; i < 5; i++) {
      assertThat(login(nodes.get(i % 2), "kim", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // 3 failures on the first node, 2 on the second: neither reached 5 on its own.
    assertThat(login(nodes.get(1), "kim", "operator-pass").statusCode()).isEqualTo(201);
  }

  @Test
  void control_inMemorySessions_theOtherNodeRefusesTheCookie() throws Exception {
    List<RelayServer> nodes = fleet(false);
    Session session = login(nodes.get(0));
    assertThat(show(nodes.get(0), session).statusCode()).isEqualTo(200);
    assertThat(show(nodes.get(1), session).statusCode()).isEqualTo(401);
  }
}
