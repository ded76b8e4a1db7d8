package io.tqc.examples.cli;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.client.AdvertisingBatch;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.examples.json.JsonObject;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.RelayStats;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.SanctionLadder;
import io.tqc.relay.enforcement.SanctionStep;
import io.tqc.relay.enforcement.TracebackKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The one-command story of TQC (issue 5): an embedded reference relay on a free loopback port with
 * a temporary data directory, a reseller registered with it, and the real client SDK sending,
 * failing closed on suspension, resuming with a new token, and the relay refusing a tampered and a
 * replayed batch and a revoked certification. Every step checks what it shows; the first surprise
 * ends the demo with exit code 1, so it doubles as a smoke test.
 */
final class Demo {
  static final String RESELLER_ID = "124-81-00998";
  static final String RESELLER_NAME = "(주)예시문자";
  static final List<String> SENDER_NUMBERS = List.of(DemoBatches.BAKERY_SENDER, DemoBatches.MALL_SENDER);
  static final String ORIGIN_CODE = "123456789";
  static final String OPERATOR = "operator-kim";
  static final String SUSPEND_REASON = "불법스팸 전송 확인";
  static final String REINSTATE_REASON = "소명 자료 확인, 정지 해제";
  static final String REVOKE_REASON = "불법스팸 재전송, 전송자격 취소";
  static final int STEPS = 8;
  static final String SANCTION_REASON = "KISA 118 신고 확인";
  /** Longest wait of any step (a bound for the smoke test, not an expectation). */
  static final Duration BOUND = Duration.ofSeconds(20);

  /** A step did not behave as the story says. */
  static final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    DemoFailure(String message) {
      super(message);
    }
  }

  private final PrintWriter out;
  private final boolean verbose;
  private final DemoTally tally = new DemoTally();
  private final DemoEvents events = new DemoEvents();
  private final DemoBatches batches = new DemoBatches();
  private final CompliancePolicy policy = CompliancePolicy.defaults();
  private final ResellerId id;
  private int step;
  private RelayServer server;
  private RelayApi api;
  private TqcClient tqc;
  private OkHttpClient certifying;

  Demo(PrintWriter out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
    try {
      this.id = ResellerId.parse(RESELLER_ID);
    } catch (TqcException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the story; returns 0 if every step behaved as described, 1 otherwise. */
  int run() {
    long started = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tqc-demo-");
      out.println("TQC demo — 대량문자 전송자격인증제 (bulk text-message transmission qualification certification)");
      setUp(dir);
      sendBatches();
      suspend();
      reinstate();
      reportAndSanction();
      tamperAndReplay();
      revoke();
      summary(started);
      return TqcCli.EXIT_OK;
    } catch (DemoFailure e) {
      failed(e.getMessage(), null);
    } catch (Exception e) {
      failed("unexpected " + e, e);
    } finally {
      close();
      delete(dir);
      out.flush();
    }
    return TqcCli.EXIT_REFUSED;
  }

  private void failed(String message, Exception e) {
    printEvents();
    out.println();
    out.println("✗ DEMO FAILED at step " + step + "/" + STEPS + ": " + message);
    out.println("  The demo is also a smoke test: TQC did not behave as described.");
    if (e != null && verbose) {
      e.printStackTrace(out);
    }
  }

  // ---- 1 ---------------------------------------------------------------------------------------

  private void setUp(Path dir) throws Exception {
    step("Relay, keys and registration", "중계사 서버 · 서명키 · 전송자격인증 등록");
    // The demo's sanction ladder suspends at the first confirmed case (the example ladder warns first).
    server = RelayServer.start(new RelayServerConfig.Builder().port(0).dataDirectory(dir.resolve("relay"))
        .relayOptions(b -> b.enforcement(new EnforcementConfig.Builder().tracebackKey(TracebackKey.generate())
            .ladder(new SanctionLadder.Builder().step(SanctionStep.suspension(Duration.ofDays(7))).build()).build()))
        .build());
    api = new RelayApi(server.url(), server.adminToken());
    line("relay (문자중계사업자)", "listening on " + server.url() + ", data in " + dir + " (deleted at the end)");
    line("relay signing key (중계사 서명키)", "Ed25519, kid " + server.relay().activeKeyId()
        + ", published at /.well-known/jwks.json");

    SigningKey resellerKey = SigningKey.generate();
    Path keyFile = dir.resolve("reseller-key.jwk");
    Files2.writeSecret(keyFile, resellerKey.exportPrivateJwk() + "\n");
    line("reseller key (재판매사 서명키)", "Ed25519, thumbprint " + resellerKey.verificationKey().thumbprint()
        + "; private JWK in " + keyFile.getFileName() + " (mode 0600), only the public JWK goes to the relay");

    JsonObject registered = api.register(id, RESELLER_NAME, resellerKey.verificationKey(), SENDER_NUMBERS,
        ORIGIN_CODE, OPERATOR);
    expect("ACTIVE".equals(registered.string("status")), "registration answered status "
        + registered.string("status"));
    line("registered (전송자격인증 등록)", id.formatted() + " " + RESELLER_NAME + " → certification "
        + registered.string("cert_id") + ", ACTIVE, valid until " + AdminCommand.seoul(registered.string("cert_expires_at")));
    line("  business reg. no. (사업자등록번호)", id.formatted() + " (check digit valid)");
    line("  sender numbers (발신번호 사전등록)", DemoBatches.BAKERY_CONTACT + " (" + DemoBatches.BAKERY + "), "
        + DemoBatches.MALL_CONTACT + " (" + DemoBatches.MALL + ")");
    line("  origin code (최초 발신자 식별코드)", ORIGIN_CODE);

    long start = System.nanoTime();
    tqc = new TqcClient.Builder()
        .relayUrl(server.url())
        .resellerId(id)
        .signingKeyFile(keyFile)
        .okHttpClient(api.http())
        .listener(events)
        .build();
    tqc.awaitReady(BOUND);
    // Listeners run just after the state changes: let the two events land before telling them.
    awaitEvent(() -> events.tokenCount() > 0 && events.statusSeenAt(CertificationStatus.ACTIVE) != null,
        "the client's token and status events");
    certifying = api.http().newBuilder().addInterceptor(tqc.interceptor()).build();
    line("reseller client (TqcClient)", "ready in " + DemoTally.millis(System.nanoTime() - start)
        + ": discovery, relay JWKS, token, status stream (SSE)");
    printEvents();
    ok("reseller certified and its client ready");
  }

  // ---- 2 ---------------------------------------------------------------------------------------

  private void sendBatches() throws Exception {
    step("Sending advertising batches", "광고 문자 전송");
    line("content (광고 표시)", "(광고) + advertiser name, contact, 무료거부 080 number (정보통신망법 제50조); "
        + "recipients have night-time consent (야간 수신 동의)");
    int tokensBefore = events.tokenCount();
    String firstJti = null;
    Batch[] toSend = {batches.bakery(3), batches.mall(4), batches.bakery(5)};
    for (int i = 0; i < toSend.length; i++) {
      JsonObject accepted = sendExpectingAccepted(toSend[i], "batch " + (i + 1) + "/" + toSend.length);
      String jti = events.certifiedWith();
      firstJti = firstJti == null ? jti : firstJti;
      expect(jti.equals(firstJti), "batch " + (i + 1) + " was certified with another token (" + jti + ")");
      line("", "    origin code " + accepted.string("origin_code") + ", token jti=" + jti
          + (i == 0 ? "" : " (cached: no token request)"));
    }
    expect(events.tokenCount() == tokensBefore, (events.tokenCount() - tokensBefore)
        + " extra token requests while sending");
    printEvents();
    ok(toSend.length + " batches accepted with one token: fetched once, reused from the cache "
        + "(certify does no network I/O)");
  }

  /** Pre-checks the content, sends through the TQC interceptor and expects 202. */
  private JsonObject sendExpectingAccepted(Batch batch, String label) throws Exception {
    byte[] body = compliantBytes(batch);
    RelayApi.Answer answer = sendCertified(body, batch.messageCount());
    expect(answer.status() == 202, label + ": relay answered " + answer.status() + " " + answer.code());
    tally.accepted(batch.messageCount());
    line(label, batch.advertiserName() + " · sender " + DemoBatches.display(batch.senderNumber()) + " · " + batch.messageCount()
        + " messages → relay 202 Accepted, batch_id " + answer.string("batch_id"));
    return answer.json();
  }

  private byte[] compliantBytes(Batch batch) throws DemoFailure {
    ComplianceReport report = policy.check(batch, SENDER_NUMBERS, Instant.now());
    expect(report.isCompliant(), "demo batch is not compliant: " + report.errorCodes());
    return batch.toJsonBytes();
  }

  /** POSTs {@code body} through the OkHttp client with the TQC interceptor. */
  private RelayApi.Answer sendCertified(byte[] body, int messages) throws Exception {
    Request request = new Request.Builder().url(api.batchEndpoint())
        .post(RequestBody.create(body, RelayApi.JSON))
        .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(messages))
        .build();
    return RelayApi.execute(certifying, request);
  }

  // ---- 3 ---------------------------------------------------------------------------------------

  private void suspend() throws Exception {
    step("Suspension", "전송자격 일시정지");
    Batch inFlightBatch = batches.mall(2);
    byte[] inFlightBody = compliantBytes(inFlightBatch);
    CertifiedBatch inFlight = tqc.certify(inFlightBody, inFlightBatch.messageCount());

    long callStart = System.nanoTime();
    JsonObject ack = api.changeStatus(id, "suspend", SUSPEND_REASON, OPERATOR);
    long ackAt = System.nanoTime();
    expect("SUSPENDED".equals(ack.string("status")), "suspension answered " + ack.string("status"));
    line("operator (중계사 운영자)", "suspends \"" + SUSPEND_REASON + "\" → 200, SUSPENDED, seq " + ack.asMap().get("seq")
        + " (admin call " + DemoTally.millis(ackAt - callStart) + ")");

    Batch next = batches.bakery(3);
    byte[] nextBody = compliantBytes(next);
    Refusal refusal = certifyUntilRefused(nextBody, next.messageCount(), ackAt, CertificationSuspendedException.class);
    tally.suspensionToRefusalNanos = refusal.nanosAfterAck;
    tally.refusedByClient(refusal.error.reason().code());
    expect(Arrays.equals(refusal.error.refusedBatch(), nextBody), "the refusal did not hand the batch back");
    line("client (SDK)", "refused the next batch " + DemoTally.millis(refusal.nanosAfterAck)
        + " after the suspension was acknowledged  ← measured");
    line("", "    (System.nanoTime from the admin call's return to the first refused certify; "
        + refusal.certifiedAfterAck + " certify calls succeeded in between"
        + seenRelativeToAck(CertificationStatus.SUSPENDED, ackAt) + ")");
    line("", "    refusal: " + refusal.error.reason().code() + " (전송자격 일시정지) — nothing sent, "
        + next.messageCount() + " messages handed back to the application (refusedBatch)");

    Batch viaHttp = batches.mall(3);
    TqcClientException thrown = sendExpectingClientRefusal(compliantBytes(viaHttp), viaHttp.messageCount(),
        ReasonCode.CERTIFICATION_SUSPENDED);
    line("client via OkHttp", "the interceptor throws " + thrown.getClass().getSimpleName() + " (an IOException): "
        + "the request never leaves");

    RelayApi.Answer late = api.postBatchRaw(inFlightBody, inFlight.headers());
    expectRelayRefusal(late, ReasonCode.CERTIFICATION_SUSPENDED);
    line("relay", "a batch certified just before the suspension, arriving now → " + late.status() + " "
        + late.code() + " (the relay checks the live status on every batch)");
    printEvents();
    ok("suspension in force at the client and at the relay");
  }

  /** The outcome of {@link #certifyUntilRefused}. */
  private record Refusal(TqcClientException error, long nanosAfterAck, int certifiedAfterAck) {}

  /** Calls certify in a tight loop until it throws {@code expected}; the first refusal's time after {@code ackAt}. */
  private Refusal certifyUntilRefused(byte[] body, int messages, long ackAt,
      Class<? extends TqcClientException> expected) throws DemoFailure {
    int certified = 0;
    long deadline = ackAt + BOUND.toNanos();
    while (true) {
      try {
        tqc.certify(body, messages);
        certified++;
      } catch (TqcClientException e) {
        long refusedAt = System.nanoTime();
        expect(expected.isInstance(e), "the client refused with " + e.reason().code() + " instead of "
            + expected.getSimpleName() + ": " + e.detail());
        return new Refusal(e, refusedAt - ackAt, certified);
      }
      expect(System.nanoTime() - deadline < 0, "the client still certifies " + BOUND.getSeconds()
          + " s after the status change");
      Thread.onSpinWait();
    }
  }

  private String seenRelativeToAck(CertificationStatus status, long ackAt) {
    Long seen = events.statusSeenAt(status);
    if (seen == null) {
      return "";
    }
    long delta = seen - ackAt;
    return delta <= 0 ? "; the relay-signed " + status + " status had reached it over SSE "
        + DemoTally.millis(-delta) + " before the ack"
        : "; the relay-signed " + status + " status reached it over SSE " + DemoTally.millis(delta) + " after the ack";
  }

  private TqcClientException sendExpectingClientRefusal(byte[] body, int messages, ReasonCode expected)
      throws Exception {
    try {
      RelayApi.Answer answer = sendCertified(body, messages);
      throw new DemoFailure("the client let a batch through (relay answered " + answer.status() + ")");
    } catch (TqcClientException e) {
      expect(e.reason() == expected, "the interceptor refused with " + e.reason().code() + " instead of "
          + expected.code());
      expect(Arrays.equals(e.refusedBatch(), body), "the refused batch was not handed back");
      tally.refusedByClient(e.reason().code());
      return e;
    }
  }

  private void expectRelayRefusal(RelayApi.Answer answer, ReasonCode expected) throws DemoFailure {
    expect(answer.status() == expected.httpStatus() && expected.code().equals(answer.code()),
        "expected the relay to answer " + expected.httpStatus() + " " + expected.code() + ", got " + answer.status()
            + " " + answer.code());
    expect(answer.contentType().startsWith("application/problem+json"), "refusal is not problem+json");
    tally.refusedByRelay(answer.code(), answer.status());
  }

  // ---- 4 ---------------------------------------------------------------------------------------

  private void reinstate() throws Exception {
    step("Reinstatement", "정지 해제 · 전송 재개");
    String oldJti = events.tokenId();
    int tokensBefore = events.tokenCount();
    JsonObject ack = api.changeStatus(id, "reinstate", REINSTATE_REASON, OPERATOR);
    long ackAt = System.nanoTime();
    expect("ACTIVE".equals(ack.string("status")), "reinstatement answered " + ack.string("status"));
    line("operator (중계사 운영자)", "reinstates \"" + REINSTATE_REASON + "\" → 200, ACTIVE, seq " + ack.asMap().get("seq"));
    try {
      tqc.awaitReady(BOUND);
    } catch (TqcClientException e) {
      throw new DemoFailure("the client did not resume within " + BOUND.getSeconds() + " s: " + e.reason().code());
    }
    tally.reinstatementToReadyNanos = System.nanoTime() - ackAt;
    awaitEvent(() -> events.tokenCount() > tokensBefore, "the new token's event");
    line("client (SDK)", "ready again " + DemoTally.millis(tally.reinstatementToReadyNanos)
        + " after the ack: ACTIVE status with a higher seq, then a NEW token");
    printEvents();
    String newJti = events.tokenId();
    expect(events.tokenCount() > tokensBefore && !newJti.equals(oldJti), "no new token after the reinstatement");
    line("token jti (토큰 ID)", oldJti + " → " + newJti + " (the suspended token was dropped for good)");
    Batch[] toSend = {batches.bakery(2), batches.mall(3)};
    for (int i = 0; i < toSend.length; i++) {
      sendExpectingAccepted(toSend[i], "batch " + (i + 1) + "/" + toSend.length);
      expect(newJti.equals(events.certifiedWith()), "a batch was certified with " + events.certifiedWith());
    }
    ok("sending resumed with the new token");
  }

  // ---- 5 ---------------------------------------------------------------------------------------

  /** A spam report for a message the demo sent is traced to the reseller; the sanction suspends it. */
  private void reportAndSanction() throws Exception {
    step("Spam report, traceback and sanction", "불법스팸 신고 · 발송 추적 · 제재");
    Batch batch = batches.mall(2);
    JsonObject accepted = sendExpectingAccepted(batch, "batch");
    BatchMessage reported = batch.messages().get(1);
    // What the phone showed: the carrier's label, a line break, the number written differently.
    String shown = "[Web발신]\n" + reported.text();
    String recipient = "+82 " + reported.to().substring(1);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("received_at", OffsetDateTime.now(ZoneOffset.ofHours(9)).toString());
    report.put("recipient", recipient);
    report.put("sender_number", DemoBatches.MALL_CONTACT);
    report.put("text", shown);
    report.put("source", "kisa_118");
    report.put("reference", "118-DEMO-" + accepted.string("batch_id"));
    report.put("actor", "kisa-118-import");
    JsonObject traced = api.adminPost("v1/admin/reports", report);
    line("KISA 118 report (불법스팸 신고)", "to " + recipient + ", shown as \"[Web발신]…\" → traced "
        + traced.string("rank"));
    expect("exact".equals(traced.string("rank")), "the report traced " + traced.string("rank") + ", not exact");
    JsonObject match = (JsonObject) traced.array("matches").get(0);
    expect(id.value().equals(match.string("reseller_id")) && accepted.string("batch_id").equals(match.string("batch_id"))
        && ((Number) match.asMap().get("message_index")).intValue() == 1,
        "the report was traced to " + match.string("reseller_id") + " batch " + match.string("batch_id"));
    line("", "    reseller " + id.formatted() + ", origin code " + match.string("origin_code") + ", batch "
        + match.string("batch_id") + " message #1, node " + match.string("node") + ", with its token and proof");
    String caseId = traced.string("case_id");
    expect(caseId != null, "no case was opened");
    Map<String, Object> review = new LinkedHashMap<>();
    review.put("reason", SANCTION_REASON);
    review.put("actor", OPERATOR);
    api.adminPost("v1/admin/cases/" + caseId + "/confirm", review);
    CertifiedBatch inFlight = tqc.certify(compliantBytes(batches.bakery(1)), 1);
    JsonObject sanction = api.adminPost("v1/admin/cases/" + caseId + "/sanction", review);
    long ackAt = System.nanoTime();
    expect("suspension".equals(sanction.string("kind")), "the sanction was " + sanction.string("kind"));
    line("case (제재 심사)", caseId + ": opened → confirmed → sanctioned: " + sanction.string("kind") + " until "
        + AdminCommand.seoul(sanction.string("ends_at")) + " (lifted automatically then)");
    Batch next = batches.bakery(2);
    byte[] nextBody = compliantBytes(next);
    Refusal refusal = certifyUntilRefused(nextBody, next.messageCount(), ackAt, CertificationSuspendedException.class);
    tally.refusedByClient(refusal.error.reason().code());
    line("client (SDK)", "refused the next batch " + DemoTally.millis(refusal.nanosAfterAck)
        + " after the sanction: " + refusal.error.reason().code() + " (the same status machinery as a manual suspension)");
    RelayApi.Answer late = api.postBatchRaw(inFlight.body(), inFlight.headers());
    expectRelayRefusal(late, ReasonCode.CERTIFICATION_SUSPENDED);
    line("relay", "a batch certified before the sanction → " + late.status() + " " + late.code());

    JsonObject lifted = api.changeStatus(id, "reinstate", "제재 조기 해제 (데모)", OPERATOR);
    expect("ACTIVE".equals(lifted.string("status")), "lifting the sanction answered " + lifted.string("status"));
    try {
      tqc.awaitReady(BOUND);
    } catch (TqcClientException e) {
      throw new DemoFailure("the client did not resume within " + BOUND.getSeconds() + " s: " + e.reason().code());
    }
    line("operator (중계사 운영자)", "lifts the suspension early for the rest of the demo → ACTIVE; the timed "
        + "reinstatement will then find nothing to undo");
    printEvents();
    ok("report traced to the batch, case sanctioned, client and relay refused, lifted");
  }

  private void tamperAndReplay() throws Exception {
    step("Tampered and replayed batches", "변조 · 재전송 공격");
    Batch original = batches.discounted(3);
    byte[] body = compliantBytes(original);
    CertifiedBatch certified = tqc.certify(body, original.messageCount());
    byte[] tampered = new String(body, StandardCharsets.UTF_8)
        .replace(DemoBatches.DISCOUNT, DemoBatches.TAMPERED_DISCOUNT).getBytes(StandardCharsets.UTF_8);
    expect(!Arrays.equals(body, tampered), "tampering changed nothing");
    RelayApi.Answer answer = api.postBatchRaw(tampered, certified.headers());
    expectRelayRefusal(answer, ReasonCode.BATCH_DIGEST_MISMATCH);
    line("tampered (변조)", "\"" + DemoBatches.DISCOUNT + "\" changed to \"" + DemoBatches.TAMPERED_DISCOUNT
        + "\" after signing, sent with the original headers → " + answer.status() + " " + answer.code());

    Batch replayed = batches.mall(2);
    byte[] replayBody = compliantBytes(replayed);
    CertifiedBatch once = tqc.certify(replayBody, replayed.messageCount());
    RelayApi.Answer first = api.postBatchRaw(replayBody, once.headers());
    expect(first.status() == 202, "the original of the replayed batch was refused: " + first.code());
    tally.accepted(replayed.messageCount());
    RelayApi.Answer again = api.postBatchRaw(replayBody, once.headers());
    expectRelayRefusal(again, ReasonCode.BATCH_REPLAYED);
    line("replayed (재전송)", "batch " + once.batchId() + " sent twice, byte for byte → 202, then " + again.status()
        + " " + again.code());
    ok("the relay refused both, with their reason codes (problem+json)");
  }

  // ---- 6 ---------------------------------------------------------------------------------------

  private void revoke() throws Exception {
    step("Revocation", "전송자격 취소");
    JsonObject ack = api.changeStatus(id, "revoke", REVOKE_REASON, OPERATOR);
    long ackAt = System.nanoTime();
    expect("REVOKED".equals(ack.string("status")), "revocation answered " + ack.string("status"));
    line("operator (중계사 운영자)", "revokes \"" + REVOKE_REASON + "\" → 200, REVOKED, seq " + ack.asMap().get("seq"));
    Batch next = batches.bakery(2);
    Refusal refusal = certifyUntilRefused(compliantBytes(next), next.messageCount(), ackAt,
        CertificationRevokedException.class);
    tally.revocationToRefusalNanos = refusal.nanosAfterAck;
    tally.refusedByClient(refusal.error.reason().code());
    line("client (SDK)", "refused the next batch " + DemoTally.millis(refusal.nanosAfterAck) + " after the ack: "
        + refusal.error.reason().code());
    Batch viaHttp = batches.mall(2);
    sendExpectingClientRefusal(compliantBytes(viaHttp), viaHttp.messageCount(), ReasonCode.CERTIFICATION_REVOKED);
    line("client via OkHttp", "refused too: certification_revoked");
    try {
      api.changeStatus(id, "reinstate", "재개 요청", OPERATOR);
      throw new DemoFailure("the relay reinstated a revoked certification");
    } catch (TqcException e) {
      expect(e.reason() == ReasonCode.TRANSITION_NOT_ALLOWED, "reinstating answered " + e.reason().code());
      line("operator (중계사 운영자)", "tries to reinstate → " + e.reason().httpStatus() + " " + e.reason().code()
          + ": revocation is final");
    }
    try {
      tqc.awaitReady(Duration.ZERO);
      throw new DemoFailure("the client reports ready after the revocation");
    } catch (CertificationRevokedException e) {
      line("client (SDK)", "isReady() = " + tqc.isReady() + ", awaitReady throws certification_revoked at once");
    }
    out.println("  history (이력) at the relay:");
    JsonObject shown = api.show(id);
    for (Object item : shown.array("history")) {
      JsonObject change = (JsonObject) item;
      String why = AdminCommand.text(change, "reason");
      out.printf("    seq %s  %-10s %-9s %s%s%n", change.asMap().get("seq"), change.string("event"),
          change.string("status"), change.string("actor"), why == null ? "" : "  " + why);
    }
    printEvents();
    ok("refused for good");
  }

  // ---- 7 ---------------------------------------------------------------------------------------

  private void summary(long started) throws DemoFailure {
    step("Summary", "요약");
    tally.print(out, events.tokenCount());
    RelayStats stats = server.relay().stats();
    expect(stats.acceptedBatches() == tally.accepted, "the relay counted " + stats.acceptedBatches()
        + " accepted batches, the demo " + tally.accepted);
    for (Map.Entry<String, Integer> refused : tally.refusedByRelay.entrySet()) {
      long counted = stats.rejected(ReasonCode.fromCode(refused.getKey()));
      expect(counted == refused.getValue(), "the relay counted " + counted + " " + refused.getKey()
          + " refusals, the demo " + refused.getValue());
    }
    expect(tally.accepted == 7 && tally.refusedByClientTotal() == 5 && tally.refusedByRelayTotal() == 4,
        "unexpected totals: " + tally.accepted + " accepted, " + tally.refusedByClientTotal() + " refused by the client, "
            + tally.refusedByRelayTotal() + " by the relay");
    out.println("  relay statistics agree: " + stats.acceptedBatches() + " accepted, refusals "
        + stats.rejectedBatches());
    out.println();
    out.println("✓ Demo complete in " + String.format("%.1f s", (System.nanoTime() - started) / 1e9)
        + ": every step behaved as described. (exit 0)");
  }

  // ---- output and checks -----------------------------------------------------------------------

  private void step(String english, String korean) {
    step++;
    out.println();
    out.println("[" + step + "/" + STEPS + "] " + english + " · " + korean);
  }

  private void line(String label, String text) {
    out.println("  " + DemoTally.pad(label, 36) + " " + text);
  }

  private void ok(String text) {
    out.println("  ✓ " + text);
    out.flush();
  }

  private void printEvents() {
    for (String event : events.drain()) {
      out.println("  · client event: " + event);
    }
  }

  /** Waits (at most {@link #BOUND}) for a listener event that follows a state change the story already saw. */
  private static void awaitEvent(java.util.function.BooleanSupplier arrived, String what)
      throws DemoFailure, InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!arrived.getAsBoolean()) {
      expect(System.nanoTime() - deadline < 0, what + " never arrived");
      Thread.sleep(1);
    }
  }

  private static void expect(boolean condition, String failure) throws DemoFailure {
    if (!condition) {
      throw new DemoFailure(failure);
    }
  }

  private void close() {
    if (tqc != null) {
      tqc.close();
    }
    if (api != null) {
      api.close();
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException | RuntimeException e) {
        out.println("  (closing the relay failed: " + e + ")");
      }
    }
  }

  private void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      out.println("  (could not delete " + dir + ": " + e.getMessage() + ")");
    }
  }
}
