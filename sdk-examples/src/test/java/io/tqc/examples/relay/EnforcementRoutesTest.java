package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.KeySet;
import io.tqc.relay.enforcement.EvidenceVerification;
import io.tqc.relay.enforcement.EvidenceVerifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enforcement admin API of the reference relay: reports, CSV import, cases, sanctions, quotas, evidence. */
class EnforcementRoutesTest {
  static final String ISSUER = "https://relay.enforcement.test";
  static final String TEXT = "(광고)테스트상점 할인 안내 문의 02-1234-5678 무료거부 080-123-4567";

  @TempDir
  static Path data;
  static RelayServer server;
  static RelayHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static byte[] body(String to, String text) {
    return new Batch.Builder().senderNumber("02-1234-5678").advertising(true).advertiser("테스트상점", "02-1234-5678")
        .addMessage(new BatchMessage(to, text, true)).build().toJsonBytes();
  }

  static int number(Object value) {
    return ((Number) value).intValue();
  }

  static String now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(9)).toString();
  }

  RelayHttp.Reseller registered() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of("origin_code", "123456789")).status()).isEqualTo(201);
    return reseller;
  }

  static RelayHttp.Response send(RelayHttp.Reseller reseller, String token, byte[] body) throws Exception {
    return http.batch(token, reseller.proof(token, body, 1), body);
  }

  static RelayHttp.Response csv(String text) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(http.base + "/v1/admin/reports/csv"))
        .header("Content-Type", "text/csv; charset=utf-8").header("Authorization", "Bearer " + http.adminToken)
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
  }

  @Test
  void report_tracesToTheBatch_opensACase_andTheSanctionSuspendsTheReseller() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    RelayHttp.Response accepted = send(reseller, token, body("010-3333-4444", TEXT + " 1"));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

    RelayHttp.Response report = http.admin("/v1/admin/reports", Map.of("received_at", now(),
        "recipient", "+82 10 3333 4444", "sender_number", "02-1234-5678", "text", "[Web발신]\n" + TEXT + " 1",
        "source", "kisa_118", "reference", "KISA-" + reseller.id.value()));
    assertThat(report.status()).as(report.body()).isEqualTo(201);
    assertThat(report.string("rank")).isEqualTo("exact");
    Map<String, Object> match = report.objects("matches").get(0);
    assertThat(match).containsEntry("reseller_id", reseller.id.value()).containsEntry("origin_code", "123456789")
        .containsEntry("token", token).containsKeys("batch_id", "proof", "node");
    assertThat(number(match.get("message_index"))).isZero();
    String caseId = report.string("case_id");

    RelayHttp.Response duplicate = http.admin("/v1/admin/reports", Map.of("received_at", now(),
        "recipient", "010-3333-4444", "text", "다른", "source", "kisa_118", "reference", "KISA-" + reseller.id.value()));
    RelayServerEndToEndTest.assertProblem(duplicate, ReasonCode.REPORT_DUPLICATE);

    assertThat(http.admin("/v1/admin/cases/" + caseId + "/confirm", Map.of("reason", "확인", "actor", "kim")).status())
        .isEqualTo(200);
    // First sanction of the example ladder: a warning and a reduced daily quota.
    RelayHttp.Response warning = http.admin("/v1/admin/cases/" + caseId + "/sanction", Map.of("actor", "kim"));
    assertThat(warning.status()).as(warning.body()).isEqualTo(201);
    assertThat(warning.string("kind")).isEqualTo("warning");
    assertThat(number(http.adminGet("/v1/admin/quotas/reseller/" + reseller.id.value()).json().asMap()
        .get("per_day"))).isEqualTo(10_000);

    RelayHttp.Response shown = http.adminGet("/v1/admin/cases/" + caseId);
    assertThat(shown.string("state")).isEqualTo("sanctioned");
    assertThat(shown.objects("history")).extracting(h -> h.get("action"))
        .containsExactly("opened", "confirmed", "sanctioned");

    // A second confirmed case within 90 days: suspension; the relay refuses the reseller's batches.
    send(reseller, token, body("010-3333-5555", TEXT + " 2"));
    String second = http.admin("/v1/admin/reports", Map.of("received_at", now(), "recipient", "010-3333-5555",
        "text", TEXT + " 2", "source", "spam_trap")).string("case_id");
    http.admin("/v1/admin/cases/" + second + "/confirm", Map.of());
    RelayHttp.Response suspension = http.admin("/v1/admin/cases/" + second + "/sanction", Map.of("reason", "2차"));
    assertThat(suspension.string("kind")).isEqualTo("suspension");
    RelayServerEndToEndTest.assertProblem(send(reseller, token, body("010-3333-6666", TEXT)),
        ReasonCode.CERTIFICATION_SUSPENDED);
  }

  @Test
  void badReports_areTypedErrors() throws Exception {
    RelayServerEndToEndTest.assertProblem(http.admin("/v1/admin/reports", Map.of("received_at", now(),
        "recipient", "02-123-4567", "text", "x", "source", "user")), ReasonCode.REQUEST_INVALID);
    RelayServerEndToEndTest.assertProblem(http.admin("/v1/admin/reports", Map.of("received_at", "yesterday",
        "recipient", "010-1234-5678", "text", "x", "source", "user")), ReasonCode.REQUEST_INVALID);
    RelayServerEndToEndTest.assertProblem(http.admin("/v1/admin/reports", Map.of("received_at", now(),
        "recipient", "010-1234-5678", "text", "x", "source", "fax")), ReasonCode.REQUEST_INVALID);
    RelayServerEndToEndTest.assertProblem(http.admin("/v1/admin/reports", Map.of("received_at",
        "2020-01-01T00:00:00+09:00", "recipient", "010-1234-5678", "text", "x", "source", "user")),
        ReasonCode.REPORT_OUT_OF_RETENTION);
    RelayServerEndToEndTest.assertProblem(http.admin("/v1/admin/reports", Map.of("nonsense", 1)),
        ReasonCode.REQUEST_INVALID);
    RelayServerEndToEndTest.assertProblem(http.adminGet("/v1/admin/resellers/124-81-00998/evidence?from="
        + "2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z"), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void csvImport_namesEveryBadLine_andRecordsNothingUntilAllAreValid() throws Exception {
    String header = EnforcementRoutes.CSV_HEADER + "\n";
    String good = now() + ",010-1111-2222,,\"첫 줄\n둘째 줄, 쉼표\",,user,csv-a\n";
    RelayHttp.Response refused = csv(header + good + now() + ",02-1234-5678,,x,,user,\n" + now() + ",010-1,,x\n");
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("request_invalid");
    assertThat(refused.objects("lines")).extracting(l -> number(l.get("line"))).containsExactly(4, 5);

    RelayHttp.Response imported = csv(header + good + now() + ",010-1111-3333,,본문,,carrier,csv-b\n");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.objects("reports")).extracting(r -> number(r.get("line")), r -> r.get("rank"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "none"), org.assertj.core.groups.Tuple.tuple(4, "none"));
    // Importing again: each line is named as a duplicate, nothing is lost or doubled.
    RelayHttp.Response again = csv(header + good);
    assertThat(again.objects("reports").get(0)).containsEntry("code", "report_duplicate");
    assertThat(number(again.objects("reports").get(0).get("line"))).isEqualTo(2);

    RelayServerEndToEndTest.assertProblem(csv("wrong,header\n"), ReasonCode.REQUEST_INVALID);
    StringBuilder oversized = new StringBuilder(header);
    for (int i = 0; i <= EnforcementRoutes.MAX_CSV_ROWS; i++) {
      oversized.append(now()).append(",010-1111-2222,,x,,user,big-").append(i).append('\n');
    }
    RelayHttp.Response tooMany = csv(oversized.toString());
    RelayServerEndToEndTest.assertProblem(tooMany, ReasonCode.REQUEST_INVALID);
    assertThat(tooMany.string("detail")).contains("more than " + EnforcementRoutes.MAX_CSV_ROWS);
    RelayServerEndToEndTest.assertProblem(csv(header + "\"unterminated,quote\n"), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void quota_refusesWith429AndRetryAfter() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    RelayHttp.Response set = http.send(HttpRequest.newBuilder(URI.create(http.base + "/v1/admin/quotas/reseller/"
        + reseller.id.value())).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + http.adminToken)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"per_minute\":1}")));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(send(reseller, token, body("010-4444-0001", TEXT)).status()).isEqualTo(202);
    RelayHttp.Response refused = send(reseller, token, body("010-4444-0002", TEXT));
    RelayServerEndToEndTest.assertProblem(refused, ReasonCode.QUOTA_EXCEEDED);
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
  }

  @Test
  void evidenceBundle_verifiesWithThePublishedKeys() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    Instant from = Instant.now().minusSeconds(60);
    send(reseller, token, body("010-5555-0001", TEXT));
    send(reseller, token, body("010-5555-0002", TEXT));
    RelayHttp.Response bundle = http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/evidence?from="
        + from + "&to=" + Instant.now().plus(Duration.ofMinutes(1)));
    assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
    assertThat(bundle.header("Content-Type")).startsWith("application/jsonl");
    EvidenceVerification result = EvidenceVerifier.verify(bundle.body().getBytes(StandardCharsets.UTF_8),
        KeySet.parse(http.get("/.well-known/jwks.json").body()));
    assertThat(result.failures()).isEmpty();
    assertThat(result.records()).isEqualTo(2);
    assertThat(result.checkpoints()).isEqualTo(1);
    List<String> lines = List.of(bundle.body().split("\n"));
    assertThat(lines.get(lines.size() - 1)).startsWith("{\"part\":\"signature\"");
  }
}
