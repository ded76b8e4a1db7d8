package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * The admin endpoints behind the console's case list, sanction choice, a reseller's recent batches
 * and the dashboard's open cases and resellers near their quota (with the admin token; the console
 * reaches the same endpoints through its session).
 */
class ConsoleScreensRoutesTest {
  static final String ISSUER = "https://relay.screens.test";
  static final String TEXT = EnforcementRoutesTest.TEXT;

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

  RelayHttp.Reseller registered() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of("origin_code", "123456789")).status()).isEqualTo(201);
    return reseller;
  }

  /** Sends one message to {@code to} and reports it: the report opens (or joins) the reseller's case. */
  String reportedCase(RelayHttp.Reseller reseller, String to) throws Exception {
    String token = reseller.token();
    byte[] body = EnforcementRoutesTest.body(to, TEXT + " " + to);
    assertThat(http.batch(token, reseller.proof(token, body, 1), body).status()).isEqualTo(202);
    RelayHttp.Response report = http.admin("/v1/admin/reports", Map.of("received_at", EnforcementRoutesTest.now(),
        "recipient", to, "text", TEXT + " " + to, "source", "kisa_118", "reference", "R-" + to));
    assertThat(report.status()).as(report.body()).isEqualTo(201);
    return report.string("case_id");
  }

  @Test
  void caseList_isNewestFirst_filteredByStateAndReseller_withCounts() throws Exception {
    RelayHttp.Reseller a = registered();
    RelayHttp.Reseller b = registered();
    String caseA = reportedCase(a, "010-5555-0001");
    String caseB = reportedCase(b, "010-5555-0002");
    assertThat(http.admin("/v1/admin/cases/" + caseA + "/dismiss", Map.of("reason", "not ours")).status()).isEqualTo(200);

    List<Map<String, Object>> all = http.adminGet("/v1/admin/cases?limit=500").objects("cases");
    assertThat(all).extracting(c -> c.get("case_id")).containsSubsequence(caseB, caseA);
    assertThat(http.adminGet("/v1/admin/cases?state=open&reseller=" + b.id.value()).objects("cases"))
        .extracting(c -> c.get("case_id")).containsExactly(caseB);
    assertThat(http.adminGet("/v1/admin/cases?state=open&reseller=" + a.id.value()).objects("cases")).isEmpty();
    assertThat(http.adminGet("/v1/admin/cases?state=dismissed&reseller=" + a.id.value()).objects("cases"))
        .extracting(c -> c.get("case_id")).containsExactly(caseA);
    assertThat(http.adminGet("/v1/admin/cases?limit=1").objects("cases")).hasSize(1);
    Map<String, Object> counts = ((io.tqc.api.internal.JsonObject) http.adminGet("/v1/admin/cases").json().asMap()
        .get("counts")).asMap();
    assertThat(((Number) counts.get("dismissed")).longValue()).isGreaterThanOrEqualTo(1);
    assertThat(http.adminGet("/v1/admin/cases?state=closed").code()).isEqualTo(ReasonCode.REQUEST_INVALID.code());
    assertThat(http.adminGet("/v1/admin/cases?limit=501").code()).isEqualTo(ReasonCode.REQUEST_INVALID.code());
  }

  @Test
  void sanctionOtherThanTheLaddersProposal_needsAReason_andATimedSuspensionShowsItsEnd() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String caseId = reportedCase(reseller, "010-5555-0003");
    assertThat(http.admin("/v1/admin/cases/" + caseId + "/confirm", Map.of("reason", "matches")).status()).isEqualTo(200);
    // The case shows what the ladder proposes (the example ladder starts with a warning).
    Map<String, Object> proposed = ((io.tqc.api.internal.JsonObject) http.adminGet("/v1/admin/cases/" + caseId).json()
        .asMap().get("proposed_sanction")).asMap();
    assertThat(proposed).containsEntry("kind", "warning");
    assertThat(((Number) proposed.get("step")).intValue()).isEqualTo(1);

    RelayHttp.Response noReason = http.admin("/v1/admin/cases/" + caseId + "/sanction",
        Map.of("kind", "suspension", "suspension", "P3D"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("needs a reason");
    assertThat(http.admin("/v1/admin/cases/" + caseId + "/sanction", Map.of("kind", "suspension", "reason", "x"))
        .body()).contains("suspension, e.g. P7D");
    assertThat(http.adminGet("/v1/admin/resellers/" + reseller.id.value()).string("status")).isEqualTo("ACTIVE");

    RelayHttp.Response applied = http.admin("/v1/admin/cases/" + caseId + "/sanction",
        Map.of("kind", "suspension", "suspension", "P3D", "reason", "flagrant: 1,000 reports in an hour"));
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    assertThat(applied.string("kind")).isEqualTo("suspension");
    Instant imposed = Instant.parse(applied.string("imposed_at"));
    assertThat(Instant.parse(applied.string("ends_at"))).isEqualTo(imposed.plus(Duration.ofDays(3)));
    assertThat(applied.string("reason")).isEqualTo("flagrant: 1,000 reports in an hour");
    assertThat(http.adminGet("/v1/admin/resellers/" + reseller.id.value()).string("status")).isEqualTo("SUSPENDED");
    RelayHttp.Response shown = http.adminGet("/v1/admin/cases/" + caseId);
    assertThat(shown.string("state")).isEqualTo("sanctioned");
    assertThat(shown.objects("history").get(shown.objects("history").size() - 1).get("reason").toString())
        .contains("ladder proposed WARNING", "chose SUSPENSION PT72H");
    Map<String, Object> sanction = ((io.tqc.api.internal.JsonObject) shown.json().asMap().get("sanction")).asMap();
    assertThat(sanction).containsEntry("ends_at", applied.string("ends_at"));
  }

  @Test
  void resellersBatches_areNewestFirst_boundedAndPaged() throws Exception {
    RelayHttp.Reseller reseller = registered();
    RelayHttp.Reseller other = registered();
    String token = reseller.token();
    for (int i = 0; i < 3; i++) {
      byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), i + 1);
      assertThat(http.batch(token, reseller.proof(token, body, i + 1), body).status()).isEqualTo(202);
      Thread.sleep(5); // distinct acceptance times, so the page boundary is exact
    }
    assertThat(other.send(other.token()).status()).isEqualTo(202);
    RelayHttp.Response page = http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches?limit=2");
    List<Map<String, Object>> batches = page.objects("batches");
    assertThat(batches).extracting(b -> ((Number) b.get("messages")).intValue()).containsExactly(3, 2);
    assertThat(batches).allSatisfy(b -> assertThat(b).containsEntry("outcome", "accepted").containsKeys("batch_id",
        "accepted_at"));
    String next = page.string("next_before");
    List<Map<String, Object>> rest = http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches?limit=2&before="
        + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8)).objects("batches");
    assertThat(rest).extracting(b -> ((Number) b.get("messages")).intValue()).containsExactly(1);
    assertThat(http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches?limit=501").code())
        .isEqualTo(ReasonCode.REQUEST_INVALID.code());
    assertThat(http.adminGet("/v1/admin/resellers/2208162517/batches").code())
        .isEqualTo(ReasonCode.RESELLER_UNKNOWN.code());
  }

  @Test
  void resellersRefusedBatches_listThisNodesRecentRefusals_newestFirst() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    assertThat(reseller.send(token).status()).isEqualTo(202);
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 1);
    String mismatch = reseller.proof(token, body, 3);
    assertThat(http.batch(token, mismatch, body).code()).isEqualTo(ReasonCode.BATCH_COUNT_MISMATCH.code());
    assertThat(http.suspend(reseller.id, "spam reports").status()).isEqualTo(200);
    assertThat(reseller.send(token).code()).isEqualTo(ReasonCode.CERTIFICATION_SUSPENDED.code());
    // A forged token names no reseller: not listed.
    assertThat(http.batch("forged", mismatch, body).status()).isEqualTo(401);

    RelayHttp.Response page = http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches?outcome=refused");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().asMap()).containsEntry("durable", false);
    List<Map<String, Object>> refused = page.objects("batches");
    assertThat(refused).extracting(b -> b.get("reason"))
        .containsExactly(ReasonCode.CERTIFICATION_SUSPENDED.code(), ReasonCode.BATCH_COUNT_MISMATCH.code());
    assertThat(refused).allSatisfy(b -> assertThat(b).containsEntry("outcome", "refused").containsKeys("refused_at",
        "node"));
    assertThat(((Number) refused.get(1).get("messages")).intValue()).isEqualTo(3);
    assertThat(refused.get(1).get("batch_id")).isEqualTo(io.tqc.api.internal.CompactJws.parse(mismatch, 8192)
        .payload().string("jti"));
    // The accepted batch stays in the default (accepted) list only.
    assertThat(http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches").objects("batches"))
        .singleElement().satisfies(b -> assertThat(b).containsEntry("outcome", "accepted"));
    assertThat(http.adminGet("/v1/admin/resellers/" + reseller.id.value() + "/batches?outcome=lost").code())
        .isEqualTo(ReasonCode.REQUEST_INVALID.code());
  }

  @Test
  void overview_countsOpenCases_andListsResellersNearTheirQuota() throws Exception {
    RelayHttp.Reseller near = registered();
    RelayHttp.Reseller below = registered();
    reportedCase(below, "010-5555-0004");
    for (RelayHttp.Reseller r : List.of(near, below)) {
      assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base + "/v1/admin/quotas/reseller/"
          + r.id.value())).header("Content-Type", "application/json").header("Authorization", "Bearer " + http.adminToken)
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"per_day\":10}"))).status()).isEqualTo(200);
    }
    String token = near.token();
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 8); // 8 of 10: 80 %
    assertThat(http.batch(token, near.proof(token, body, 8), body).status()).isEqualTo(202);
    // The first overview of this server: the near-quota list (cached for a few seconds) is computed now.

    RelayHttp.Response overview = http.adminGet("/v1/admin/overview");
    assertThat(((Number) overview.json().asMap().get("open_cases")).longValue()).isGreaterThanOrEqualTo(1);
    List<Map<String, Object>> nearQuota = overview.objects("near_quota");
    assertThat(nearQuota).anySatisfy(item -> {
      assertThat(item).containsEntry("reseller_id", near.id.value());
      assertThat(((Number) item.get("share")).doubleValue()).isEqualTo(0.8);
      assertThat(((Number) item.get("used_today")).longValue()).isEqualTo(8);
    });
    // 1 of 10 (the reported message) is below the threshold.
    assertThat(nearQuota).noneSatisfy(item -> assertThat(item).containsEntry("reseller_id", below.id.value()));
  }
}
