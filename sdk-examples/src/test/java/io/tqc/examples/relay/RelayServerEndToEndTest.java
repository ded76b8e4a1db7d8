package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.key.KeySet;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.testing.ResellerIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract of issue 3, end to end over loopback against a real server. */
class RelayServerEndToEndTest {
  static final String ISSUER = "https://relay.e2e.test";

  @TempDir
  static Path data;
  static RelayServer server;
  static RelayHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .heartbeatInterval(Duration.ofMillis(300)).build()); // default content policy: the compliance engine
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static RelayHttp.Reseller registered() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    RelayHttp.Response response = reseller.register(Map.of());
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return reseller;
  }

  static void assertProblem(RelayHttp.Response response, ReasonCode reason) {
    assertThat(response.status()).as(response.body()).isEqualTo(reason.httpStatus());
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.code()).isEqualTo(reason.code());
    assertThat(response.string("type")).isEqualTo("urn:tqc:error:" + reason.code());
    assertThat(response.string("title")).isEqualTo(reason.title());
    assertThat(response.json().asMap()).containsKeys("status", "detail");
  }

  @Test
  void discoveryDocument_listsAbsoluteEndpoints() throws Exception {
    RelayHttp.Response response = http.get("/.well-known/tqc-configuration");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.string("issuer")).isEqualTo(ISSUER);
    for (String member : List.of("jwks_uri", "token_endpoint", "batch_endpoint", "status_endpoint",
        "status_events_endpoint", "status_list_endpoint")) {
      assertThat(response.string(member)).startsWith(server.url() + "/");
    }
    assertThat(response.string("batch_endpoint")).isEqualTo(server.url() + "/v1/batches");
    KeySet jwks = KeySet.parse(http.get("/.well-known/jwks.json").body());
    assertThat(jwks.find(server.relay().activeKeyId())).isNotNull();
  }

  @Test
  void registerTokenBatch_isAccepted_andAudited() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    RelayHttp.Response registered = reseller.register(Map.of("cert_expires_at", "2099-12-31T23:59:59+09:00"));
    assertThat(registered.status()).isEqualTo(201);
    assertThat(registered.string("status")).isEqualTo("ACTIVE");
    assertThat(registered.string("cert_id")).isNotEmpty();
    RelayHttp.Response tokenResponse = reseller.requestToken();
    assertThat(tokenResponse.status()).isEqualTo(200);
    assertThat(tokenResponse.string("token_type")).isEqualTo("TQC");
    assertThat(tokenResponse.json().asMap().get("expires_in").toString()).isEqualTo("600");
    String token = tokenResponse.string("token");
    assertThat(CertificationToken.decodeUnverified(token).claims().certificationId())
        .isEqualTo(registered.string("cert_id"));
    RelayHttp.Response accepted = reseller.send(token);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().asMap().get("accepted").toString()).isEqualTo("2");
    assertThat(accepted.string("origin_code")).isEqualTo("123456789");
    io.tqc.relay.AuditRecord audited = server.relay().auditRecord(accepted.string("batch_id"));
    assertThat(audited.resellerId()).isEqualTo(reseller.id);
    assertThat(audited.originCode()).isEqualTo("123456789");
    assertThat(audited.messageCount()).isEqualTo(2);
  }

  @Test
  void suspension_refusesTheVeryNextBatchAndTokens_reinstatementRestores() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    assertThat(reseller.send(token).status()).isEqualTo(202);
    RelayHttp.Response suspended = http.suspend(reseller.id, "spam reports");
    assertThat(suspended.status()).isEqualTo(200);
    assertThat(suspended.string("status")).isEqualTo("SUSPENDED");
    assertProblem(reseller.send(token), ReasonCode.CERTIFICATION_SUSPENDED);
    assertProblem(reseller.requestToken(), ReasonCode.CERTIFICATION_SUSPENDED);
    assertThat(http.reinstate(reseller.id).string("status")).isEqualTo("ACTIVE");
    assertThat(reseller.send(token).status()).isEqualTo(202);
    assertThat(reseller.send(reseller.token()).status()).isEqualTo(202);
  }

  @Test
  void revocation_isForever() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    assertThat(http.revoke(reseller.id).string("status")).isEqualTo("REVOKED");
    assertProblem(reseller.send(token), ReasonCode.CERTIFICATION_REVOKED);
    assertProblem(reseller.requestToken(), ReasonCode.CERTIFICATION_REVOKED);
    assertProblem(http.reinstate(reseller.id), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertProblem(http.suspend(reseller.id, "again"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertProblem(reseller.send(token), ReasonCode.CERTIFICATION_REVOKED);
  }

  @Test
  void replay_is409_unregisteredSender_is422_alteredBody_is401() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(1), 1);
    String proof = reseller.proof(token, body, 1);
    assertThat(http.batch(token, proof, body).status()).isEqualTo(202);
    assertProblem(http.batch(token, proof, body), ReasonCode.BATCH_REPLAYED);
    assertProblem(reseller.send(token, RelayHttp.body("0299998888", 1), 1), ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    byte[] signed = RelayHttp.body(RelayHttp.SENDERS.get(0), 2);
    String proofForSigned = reseller.proof(token, signed, 2);
    byte[] altered = new String(signed, java.nio.charset.StandardCharsets.UTF_8).replace("01012340001", "01099999999")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertProblem(http.batch(token, proofForSigned, altered), ReasonCode.BATCH_DIGEST_MISMATCH);
  }

  @Test
  void batchWithSeveralViolations_is422ListingEveryViolation_andNothingIsRecorded() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String token = reseller.token();
    Instant tomorrowNight = ZonedDateTime.now(CompliancePolicy.KOREA).plusDays(1).withHour(22).withMinute(30)
        .withSecond(0).withNano(0).toInstant();
    byte[] body = RelayHttp.advertising("0299998888") // a valid caller id, but not registered
        .sendAt(tomorrowNight)
        .addMessage(new BatchMessage("01011112222", RelayHttp.compliantText(0), true))
        .addMessage(new BatchMessage("01011113333", "테스트상점 할인 문의 02-1234-5678 무료거부 0801234567", true))
        .addMessage(new BatchMessage("01011114444", "(광고)테스트상점 할인 문의 02-1234-5678 수신거부 0801234567", false))
        .addMessage(new BatchMessage("0212345678", RelayHttp.compliantText(3), true))
        .addMessage(new BatchMessage("01011112222", RelayHttp.compliantText(4), true))
        .addMessage(new BatchMessage("01011115555", "(광고)테스트상점 봄꽃 🌸 할인 02-1234-5678 무료거부 0801234567", true))
        .build().toJsonBytes();
    long acceptedBefore = server.relay().stats().acceptedBatches();

    RelayHttp.Response response = reseller.send(token, body, 6);

    assertProblem(response, ReasonCode.SENDER_NUMBER_NOT_REGISTERED);
    assertThat(response.objects("violations")).extracting(v -> v.get("index").toString(), v -> v.get("code"))
        .containsExactly(
            tuple("-1", "sender_number_not_registered"),
            tuple("1", "ad_marker_missing"),
            tuple("2", "opt_out_missing"),
            tuple("2", "night_consent_missing"),
            tuple("3", "recipient_number_invalid"),
            tuple("4", "recipient_duplicate"),
            tuple("5", "text_not_encodable"));
    assertThat(response.objects("violations")).allSatisfy(v -> assertThat(v.get("detail").toString())
        .isNotBlank().doesNotContain("01011112222"));
    assertThat(response.string("detail")).startsWith("7 content violations");
    assertThat(server.relay().stats().acceptedBatches()).isEqualTo(acceptedBefore);
  }

  @Test
  void compliantBatch_is202EchoingTheOriginCode_whichTheAuditRecordCarries() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of("origin_code", "555666777")).status()).isEqualTo(201);
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(1), 3);

    RelayHttp.Response accepted = reseller.send(reseller.token(), body, 3);

    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.string("origin_code")).isEqualTo("555666777");
    io.tqc.relay.AuditRecord audited = server.relay().auditRecord(accepted.string("batch_id"));
    assertThat(audited.originCode()).isEqualTo("555666777");
    assertThat(audited.messageCount()).isEqualTo(3);
  }

  @Test
  void statusEndpoints_serveSignedStatusAndStatusList() throws Exception {
    RelayHttp.Reseller reseller = registered();
    http.suspend(reseller.id, "spam");
    RelayHttp.Response status = http.get("/v1/resellers/" + reseller.id.value() + "/status");
    assertThat(status.status()).isEqualTo(200);
    KeySet keys = KeySet.parse(http.get("/.well-known/jwks.json").body());
    assertThat(io.tqc.api.status.SignedStatus.verify(status.string("status"), keys, ISSUER, reseller.id,
        Instant.now(), Duration.ofSeconds(5)).status()).isEqualTo(io.tqc.api.status.CertificationStatus.SUSPENDED);
    int index = server.relay().registry().get(reseller.id).statusListIndex();
    RelayHttp.Response list = http.get("/v1/status-lists/0");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.header("Content-Type")).startsWith("application/statuslist+jwt");
    StatusList decoded = StatusListToken.verify(list.body(), keys, server.url() + "/v1/status-lists/0", Instant.now());
    assertThat(decoded.get(index)).isEqualTo(2);
    assertProblem(http.get("/v1/resellers/" + ResellerIds.random().value() + "/status"),
        ReasonCode.CERTIFICATION_UNKNOWN);
    assertProblem(http.get("/v1/resellers/123/status"), ReasonCode.RESELLER_ID_INVALID);
    assertProblem(http.get("/v1/status-lists/x"), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void statusEvents_pushSuspensionWithinOneSecond_andHeartbeats() throws Exception {
    RelayHttp.Reseller reseller = registered();
    KeySet keys = KeySet.parse(http.get("/.well-known/jwks.json").body());
    try (StatusEventStream stream = new StatusEventStream(http.client, server.url(), reseller.id, keys, ISSUER)) {
      assertThat(stream.httpStatus).isEqualTo(200);
      assertThat(stream.contentType).startsWith("text/event-stream");
      StatusEventStream.Event first = stream.next(Duration.ofSeconds(10));
      assertThat(first).isNotNull();
      assertThat(first.name()).isEqualTo("status");
      assertThat(first.status().status()).isEqualTo(io.tqc.api.status.CertificationStatus.ACTIVE);
      // Heartbeats (every 300 ms here) keep a fresh signed status flowing without any change.
      for (int i = 0; i < 3; i++) {
        StatusEventStream.Event beat = stream.next(Duration.ofSeconds(10));
        assertThat(beat).isNotNull();
        assertThat(beat.status().sequence()).isEqualTo(1);
      }
      assertThat(http.suspend(reseller.id, "spam").status()).isEqualTo(200);
      long acknowledged = System.nanoTime();
      StatusEventStream.Event suspended = null;
      while (suspended == null) {
        StatusEventStream.Event event = stream.next(Duration.ofSeconds(10));
        assertThat(event).as("a status event").isNotNull();
        if (event.status().status() == io.tqc.api.status.CertificationStatus.SUSPENDED) {
          suspended = event;
        }
      }
      assertThat(Duration.ofNanos(suspended.receivedNanos() - acknowledged)).isLessThan(Duration.ofSeconds(1));
      assertThat(suspended.status().sequence()).isEqualTo(2);
      assertThat(suspended.id()).isEqualTo("2");
      assertThat(server.relay().stats().statusSubscribers()).isPositive();
    }
    // A closed connection is noticed at the latest at the next heartbeat and its subscription dropped.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> server.relay().stats().statusSubscribers() == 0);
  }

  @Test
  void statusEvents_refuseUnknownResellerWithProblem() throws Exception {
    assertProblem(http.get("/v1/resellers/" + ResellerIds.random().value() + "/status/events",
        "Accept", "text/event-stream"), ReasonCode.CERTIFICATION_UNKNOWN);
  }

  @Test
  void adminApi_requiresTheBearerToken_andShowsHistory() throws Exception {
    RelayHttp.Reseller reseller = registered();
    String path = "/v1/admin/resellers/" + reseller.id.value();
    RelayHttp.Response noToken = http.get(path);
    assertProblem(noToken, ReasonCode.UNAUTHORIZED);
    assertThat(noToken.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertProblem(http.get(path, "Authorization", "Bearer " + server.adminToken() + "x"), ReasonCode.UNAUTHORIZED);
    assertProblem(http.postJson(path + "/suspend", Map.of("reason", "x"), "Authorization", "Basic abc"),
        ReasonCode.UNAUTHORIZED);
    http.suspend(reseller.id, "spam reports");
    RelayHttp.Response shown = http.adminGet(path);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.string("status")).isEqualTo("SUSPENDED");
    List<Map<String, Object>> history = shown.objects("history");
    assertThat(history).extracting(h -> h.get("event")).containsExactly("REGISTERED", "SUSPENDED");
    assertThat(history.get(1)).containsEntry("actor", "kim").containsEntry("reason", "spam reports")
        .containsEntry("status", "SUSPENDED").containsKey("at");
    assertProblem(http.adminGet("/v1/admin/resellers/" + ResellerIds.random().value()), ReasonCode.RESELLER_UNKNOWN);
  }

  @Test
  void adminApi_refusesInvalidRegistrations() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertProblem(reseller.register(Map.of("public_jwk", Map.of("kty", "RSA"))), ReasonCode.KEY_INVALID);
    assertProblem(reseller.register(Map.of("reseller_id", "123-45")), ReasonCode.RESELLER_ID_INVALID);
    assertProblem(reseller.register(Map.of("sender_numbers", List.of("12"))), ReasonCode.REQUEST_INVALID);
    assertProblem(reseller.register(Map.of("cert_expires_at", "tomorrow")), ReasonCode.REQUEST_INVALID);
    assertProblem(reseller.register(Map.of("extra", 1)), ReasonCode.REQUEST_INVALID);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    assertProblem(reseller.register(Map.of()), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void unknownEndpoint_isProblem404() throws Exception {
    RelayHttp.Response response = http.get("/v1/nothing-here");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }
}
