package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.testing.ResellerIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only admin endpoints the console's screens use: search, overview, evidence verification. */
class ConsoleRoutesTest {
  @TempDir
  static Path data;
  static RelayServer server;
  static RelayHttp http;
  static ResellerId first;

  @BeforeAll
  static void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).build());
    http = new RelayHttp(server.url(), server.adminToken());
    first = ResellerIds.random();
    SigningKey key = SigningKey.generate();
    server.relay().registry().register(new Registration.Builder().id(first).name("한빛문자").addKey(key.verificationKey())
        .senderNumbers(List.of("0212345678")).originCode("123456789").build(), "setup");
    ResellerId second = ResellerIds.random();
    server.relay().registry().register(new Registration.Builder().id(second).name("Blue SMS").addKey(key.verificationKey())
        .senderNumbers(List.of("15881234")).originCode("987654321").build(), "setup");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  List<Object> ids(String query) throws Exception {
    RelayHttp.Response found = http.adminGet("/v1/admin/resellers?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(found.status()).isEqualTo(200);
    return found.objects("resellers").stream().map(r -> r.get("reseller_id")).toList();
  }

  @Test
  void search_byNameOriginCodeOrSenderNumber() throws Exception {
    assertThat(ids("한빛")).containsExactly(first.value());
    assertThat(ids("123456789")).containsExactly(first.value());
    assertThat(ids("02-1234-5678")).containsExactly(first.value());
    assertThat(ids("blue")).hasSize(1).doesNotContain(first.value());
    assertThat(ids("")).hasSize(2);
    assertThat(ids("없는 이름")).isEmpty();
  }

  @Test
  void search_needsTheAdminCredential() throws Exception {
    RelayServerEndToEndTest.assertProblem(http.get("/v1/admin/resellers?q="), ReasonCode.UNAUTHORIZED);
    RelayServerEndToEndTest.assertProblem(http.get("/v1/admin/overview"), ReasonCode.UNAUTHORIZED);
  }

  @Test
  void perMinute_isTheCounterDifferenceOverEachMinute() {
    Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
    ConsoleRoutes.Sample[] history = {sample(t0, 0, 0), sample(t0.plusSeconds(60), 10, 1), sample(t0.plusSeconds(120), 25, 1)};
    ConsoleRoutes.Sample now = sample(t0.plusSeconds(150), 30, 4);
    Map<String, Object> series = ConsoleRoutes.perMinute(history, now, 3);
    assertThat(series.get("minute_starts")).isEqualTo(List.of(t0.getEpochSecond(), t0.getEpochSecond() + 60,
        t0.getEpochSecond() + 120));
    assertThat(series.get("accepted")).isEqualTo(List.of(10L, 15L, 5L));
    assertThat(series.get("refused")).isEqualTo(List.of(1L, 0L, 3L));
    // Before the first sample nothing is known: zero, not the whole counter.
    assertThat(ConsoleRoutes.perMinute(new ConsoleRoutes.Sample[0], now, 5).get("accepted"))
        .isEqualTo(List.of(0L, 0L, 0L, 0L, 0L));
  }

  @Test
  void evidenceVerify_refusesATamperedBundle() throws Exception {
    RelayHttp.Response verified = http.send(HttpRequest.newBuilder(URI.create(http.base + "/v1/admin/evidence/verify"))
        .header("Authorization", "Bearer " + http.adminToken)
        .POST(HttpRequest.BodyPublishers.ofString("{\"part\":\"header\"}\n")));
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().asMap().get("ok")).isEqualTo(false);
    assertThat(verified.objects("failures")).isNotEmpty();
  }

  static ConsoleRoutes.Sample sample(Instant at, long accepted, long refused) {
    return new ConsoleRoutes.Sample(at, accepted, refused, 0, 0, Map.of());
  }
}
