package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.UrlRules;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference relay's recipient-protection endpoints and their effect on the batch path. */
class ProtectionRoutesTest {
  static final String ISSUER = "https://relay.protection.test";
  static final String PROVIDER = "provider-080-credential-0123";
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  static Path data;
  static RelayProtection protection;
  static RelayServer server;
  static RelayHttp http;

  @BeforeAll
  static void start() throws Exception {
    protection = RelayProtection.open(data, SECRET, PROVIDER);
    UrlRules rules = UrlRules.defaults().newBuilder().blockDomain("evil-parcel.xyz")
        .allowlist("허용상점", List.of("allowed-shop.kr")).build();
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .compliancePolicy(new CompliancePolicy.Builder().urlRules(rules).build())
        .protection(protection).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    protection.close();
  }

  static RelayHttp.Reseller registered() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    return reseller;
  }

  static int num(RelayHttp.Response response, String member) {
    return ((Number) response.json().asMap().get(member)).intValue();
  }

  RelayHttp.Response push(String credential, Map<String, Object> event) throws Exception {
    return http.postJson("/v1/optout/events", event, "Authorization", "Bearer " + credential);
  }

  RelayHttp.Response check(String token, Object body) throws Exception {
    return http.postJson("/v1/suppression/check", body, "Authorization", "TQC " + token);
  }

  @Test
  void pushedOptOut_refusesTheNextBatch_andTheCheckEndpointReportsIt() throws Exception {
    RelayHttp.Reseller r = registered();
    String token = r.token();
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 3); // to 01012340000..2
    assertThat(r.send(token, body, 3).status()).isEqualTo(202);
    Map<String, Object> event = Map.of("event_id", "ars-1001", "advertiser", RelayHttp.ADVERTISER,
        "number", "010-1234-0002", "opt_out_number", "080-123-4567", "opted_out_at", "2026-12-01T10:00:00+09:00");
    RelayHttp.Response pushed = push(PROVIDER, event);
    assertThat(pushed.status()).isEqualTo(200);
    assertThat(pushed.string("outcome")).isEqualTo("recorded");
    assertThat(push(PROVIDER, event).string("outcome")).as("idempotent").isEqualTo("duplicate");

    RelayHttp.Response refused = r.send(token, RelayHttp.body(RelayHttp.SENDERS.get(0), 3), 3);
    assertProblem(refused, ReasonCode.RECIPIENT_OPTED_OUT);
    assertThat(refused.body()).contains("\"index\":2").doesNotContain("01012340002");

    RelayHttp.Response answer = check(token, Map.of("advertiser", RelayHttp.ADVERTISER,
        "numbers", List.of("01012340000", "010-1234-0002")));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat((List<?>) answer.json().asMap().get("suppressed")).singleElement()
        .satisfies(i -> assertThat(((Number) i).intValue()).isEqualTo(1));
  }

  @Test
  void pushWithBadCredentialOrReusedEventId_isATypedError() throws Exception {
    Map<String, Object> event = Map.of("event_id", "ars-2001", "advertiser", "봄빛마트", "number", "01022223333");
    assertProblem(push("wrong-credential-0000000", event), ReasonCode.UNAUTHORIZED);
    assertProblem(http.admin("/v1/optout/events", event), ReasonCode.UNAUTHORIZED);
    assertThat(push(PROVIDER, event).status()).isEqualTo(200);
    assertProblem(push(PROVIDER, Map.of("event_id", "ars-2001", "advertiser", "봄빛마트", "number", "01099998888")),
        ReasonCode.EVENT_ID_CONFLICT);
    assertProblem(push(PROVIDER, Map.of("event_id", "ars-2002", "advertiser", "봄빛마트", "number", "02-123-4567")),
        ReasonCode.REQUEST_INVALID);
  }

  @Test
  void adminBulkAndCsvImport_reportBadItems() throws Exception {
    RelayHttp.Response bulk = http.admin("/v1/admin/suppressions", Map.of("advertiser", "봄빛마트",
        "numbers", List.of("01055556666", "bad", "01055556666"), "source", "web"));
    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    assertThat(num(bulk, "added")).isEqualTo(1);
    assertThat(num(bulk, "already_suppressed")).isEqualTo(1);
    assertThat(num(bulk, "refused")).isEqualTo(1);
    HttpRequest.Builder csv = HttpRequest.newBuilder(URI.create(server.url()
            + "/v1/admin/suppressions/import?advertiser=%EB%B4%84%EB%B9%9B%EB%A7%88%ED%8A%B8"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString("number,source\n01077778888,080_ars\nnot-a-number\n"));
    RelayHttp.Response imported = http.send(csv);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(num(imported, "added")).isEqualTo(1);
    assertThat(num(imported, "refused")).isEqualTo(1);
    assertThat(imported.body()).contains("line 3: the number is not a valid Korean mobile number");
    assertThat(http.adminGet("/v1/admin/suppressions/history?limit=1000").body()).contains("\"ADDED\"");
    assertProblem(http.postJson("/v1/admin/suppressions", Map.of("advertiser", "x", "number", "01011112222")),
        ReasonCode.UNAUTHORIZED);
  }

  @Test
  void stolenNumberList_importedThroughTheAdminApi_refusesTheSender() throws Exception {
    HttpRequest.Builder list = HttpRequest.newBuilder(URI.create(server.url()
            + "/v1/admin/sender-number-lists/stolen?version=KISA-2026-12&published_at=2026-12-01T00:00:00%2B09:00"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("1588-1234\n12\n"));
    RelayHttp.Response imported = http.send(list);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(num(imported, "numbers")).isEqualTo(1);
    assertThat(num(imported, "refused")).isEqualTo(1);
    RelayHttp.Reseller r = registered();
    assertProblem(r.send(r.token(), RelayHttp.body(RelayHttp.SENDERS.get(1), 1), 1), ReasonCode.SENDER_NUMBER_STOLEN);
    assertThat(http.adminGet("/v1/admin/sender-number-lists").body()).contains("KISA-2026-12");
  }

  @Test
  void blocklistAndAllowlist_refuseLinksOverHttp() throws Exception {
    RelayHttp.Reseller r = registered();
    String token = r.token();
    byte[] blocked = RelayHttp.advertising(RelayHttp.SENDERS.get(0)).addMessage(new io.tqc.api.batch.BatchMessage(
        "01011112222", RelayHttp.compliantText(0) + " http://m.evil-parcel.xyz/a", true)).build().toJsonBytes();
    assertProblem(r.send(token, blocked, 1), ReasonCode.URL_BLOCKED);
    byte[] outside = new io.tqc.api.batch.Batch.Builder().senderNumber(RelayHttp.SENDERS.get(0)).advertising(true)
        .advertiser("허용상점", RelayHttp.CONTACT).addMessage(new io.tqc.api.batch.BatchMessage("01011112222",
            "(광고)허용상점 할인 문의 02-1234-5678 https://other-shop.kr 무료거부 0801234567", true))
        .build().toJsonBytes();
    assertProblem(r.send(token, outside, 1), ReasonCode.URL_NOT_ALLOWED);
  }

  @Test
  void blocklistImportedAtRunTime_refusesTheNextBatch() throws Exception {
    RelayHttp.Reseller r = registered();
    String token = r.token();
    byte[] body = RelayHttp.advertising(RelayHttp.SENDERS.get(0)).addMessage(new io.tqc.api.batch.BatchMessage(
        "01011112222", RelayHttp.compliantText(0) + " https://fresh-parcel.top/a", true)).build().toJsonBytes();
    assertThat(r.send(token, body, 1).status()).isEqualTo(202);
    HttpRequest.Builder feed = HttpRequest.newBuilder(URI.create(server.url()
            + "/v1/admin/url-blocklist?version=feed-7&published_at=2026-12-01T00:00:00%2B09:00"))
        .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("# reported\nfresh-parcel.top\nbad..host\n"));
    RelayHttp.Response imported = http.send(feed);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(num(imported, "entries")).isEqualTo(1);
    assertThat(imported.body()).contains("line 3: not a domain name or URL");
    byte[] again = RelayHttp.advertising(RelayHttp.SENDERS.get(0)).addMessage(new io.tqc.api.batch.BatchMessage(
        "01011113333", RelayHttp.compliantText(1) + " https://fresh-parcel.top/a", true)).build().toJsonBytes();
    assertProblem(r.send(token, again, 1), ReasonCode.URL_BLOCKED);
    assertThat(http.adminGet("/v1/admin/url-blocklist").body()).contains("feed-7");
  }

  @Test
  void checkEndpoint_needsAnActiveCertificationAndIsBounded() throws Exception {
    assertProblem(http.postJson("/v1/suppression/check", Map.of("advertiser", "x", "numbers", List.of())),
        ReasonCode.TOKEN_MALFORMED);
    RelayHttp.Reseller r = registered();
    String token = r.token();
    java.util.List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i <= ProtectionRoutes.MAX_CHECK; i++) {
      many.add(String.format("0101%07d", i));
    }
    assertProblem(check(token, Map.of("advertiser", "x", "numbers", many)), ReasonCode.BATCH_TOO_LARGE);
    http.suspend(r.id, "spam");
    assertProblem(check(token, Map.of("advertiser", "x", "numbers", List.of("01011112222"))),
        ReasonCode.CERTIFICATION_SUSPENDED);
  }
}
