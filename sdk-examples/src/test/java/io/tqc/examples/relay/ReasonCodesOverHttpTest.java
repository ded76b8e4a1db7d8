package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.store.FileSigningKeyStore;
import io.tqc.relay.store.StoredSigningKey;
import io.tqc.relay.testing.ResellerIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reason code the batch verifier and the token endpoint give is reachable through HTTP.
 * Tokens with bad claims are forged the way an insider holding the relay key would: with the key
 * read from the relay's data directory.
 */
class ReasonCodesOverHttpTest {
  static final String ISSUER = "https://relay.codes.test";
  static final String OTHER = "https://other-relay.test";

  @TempDir
  static Path data;
  static RelayServer server;
  static RelayHttp http;
  static SigningKey relayKey;

  @BeforeAll
  static void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER).build());
    http = new RelayHttp(server.url(), server.adminToken());
    for (StoredSigningKey key : new FileSigningKeyStore(data.resolve("signing-keys.json")).load()) {
      if (key.active()) {
        relayKey = key.key();
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static RelayHttp.Reseller registered() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    return reseller;
  }

  /** A case: the expected reason and the request that must produce it. */
  record Case(ReasonCode reason, String name, Callable<RelayHttp.Response> request) {}

  static String forge(CertificationClaims.Builder claims, SigningKey key) {
    return CertificationToken.sign(claims.build(), key).compact();
  }

  static String rawJws(Map<String, Object> header, Map<String, Object> claims, SigningKey key) {
    return CompactJws.sign(header, claims, key::sign);
  }

  static Map<String, Object> proofClaims(String token, byte[] body, int n, String aud, Instant iat) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("jti", Digests.randomId());
    claims.put("iat", iat.getEpochSecond());
    claims.put("aud", aud);
    claims.put("ath", Digests.sha256Base64Url(token));
    claims.put("bh", Digests.sha256Base64Url(body));
    claims.put("n", n);
    return claims;
  }

  static Map<String, Object> proofHeader(String alg, String typ, SigningKey key) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put("x", Base64Url.encode(key.verificationKey().rawBytes()));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    header.put("typ", typ);
    header.put("jwk", jwk);
    return header;
  }

  @TestFactory
  Stream<DynamicTest> everyBatchReasonCode_isReachableOverHttp() throws Exception {
    RelayHttp.Reseller r = registered();
    String token = r.token();
    CertificationClaims valid = CertificationToken.decodeUnverified(token).claims();
    Instant now = Instant.now();
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 2);
    Map<String, Object> tokenHeader = new LinkedHashMap<>();
    tokenHeader.put("alg", "EdDSA");
    tokenHeader.put("typ", "tqc-cert+jwt");
    tokenHeader.put("kid", relayKey.keyId());
    Map<String, Object> tokenPayload = CompactJws.parse(token, CompactJws.MAX_LENGTH).payload().asMap();

    RelayHttp.Reseller suspended = registered();
    String suspendedToken = suspended.token();
    http.suspend(suspended.id, "spam");
    RelayHttp.Reseller revoked = registered();
    String revokedToken = revoked.token();
    http.revoke(revoked.id);
    String replayProof = r.proof(token, body, 2);
    assertThat(http.batch(token, replayProof, body).status()).isEqualTo(202);
    String otherToken = r.token();

    List<Case> cases = new ArrayList<>();
    // Token
    cases.add(new Case(ReasonCode.TOKEN_MALFORMED, "no Authorization", () -> http.batch(null, r.proof(token, body, 2),
        body)));
    cases.add(new Case(ReasonCode.TOKEN_MALFORMED, "garbage token", () -> http.batch("not-a-jws", r.proof("x", body, 2),
        body)));
    Map<String, Object> hs256 = new LinkedHashMap<>(tokenHeader);
    hs256.put("alg", "HS256");
    cases.add(tokenCase(r, ReasonCode.TOKEN_ALG_NOT_ALLOWED, "alg HS256", rawJws(hs256, tokenPayload, relayKey), body));
    Map<String, Object> jwtTyp = new LinkedHashMap<>(tokenHeader);
    jwtTyp.put("typ", "JWT");
    cases.add(tokenCase(r, ReasonCode.TOKEN_TYPE_INVALID, "typ JWT", rawJws(jwtTyp, tokenPayload, relayKey), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_KEY_UNKNOWN, "unknown kid",
        forge(valid.newBuilder(), SigningKey.generate()), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_SIGNATURE_INVALID, "wrong signature",
        forge(valid.newBuilder(), SigningKey.generate().withKeyId(relayKey.keyId())), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_ISSUER_INVALID, "other issuer",
        forge(valid.newBuilder().issuer(OTHER).audience(List.of(ISSUER)), relayKey), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_AUDIENCE_INVALID, "other audience",
        forge(valid.newBuilder().audience(List.of(OTHER)), relayKey), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_NOT_YET_VALID, "nbf in 10 min", forge(valid.newBuilder()
        .notBefore(now.plusSeconds(600)).expiresAt(now.plusSeconds(1200)), relayKey), body));
    cases.add(tokenCase(r, ReasonCode.TOKEN_EXPIRED, "expired 5 min ago", forge(valid.newBuilder()
        .issuedAt(now.minusSeconds(1200)).notBefore(now.minusSeconds(1200)).expiresAt(now.minusSeconds(300)),
        relayKey), body));
    cases.add(tokenCase(r, ReasonCode.CERTIFICATION_EXPIRED, "certification ended", forge(valid.newBuilder()
        .certificationExpiresAt(now.minusSeconds(60)), relayKey), body));
    // Live status and scope
    cases.add(tokenCase(r, ReasonCode.CERTIFICATION_UNKNOWN, "unregistered reseller",
        forge(valid.newBuilder().subject(ResellerIds.random()), relayKey), body));
    cases.add(tokenCase(r, ReasonCode.CERTIFICATION_UNKNOWN, "other certification id",
        forge(valid.newBuilder().certificationId("cert-other"), relayKey), body));
    cases.add(new Case(ReasonCode.CERTIFICATION_SUSPENDED, "suspended", () -> suspended.send(suspendedToken)));
    cases.add(new Case(ReasonCode.CERTIFICATION_REVOKED, "revoked", () -> revoked.send(revokedToken)));
    cases.add(tokenCase(r, ReasonCode.SCOPE_INSUFFICIENT, "no advertising scope",
        forge(valid.newBuilder().scope(List.of("transactional")), relayKey), body));
    // Proof
    cases.add(new Case(ReasonCode.PROOF_MALFORMED, "no TQC-Proof", () -> http.batch(token, null, body)));
    cases.add(new Case(ReasonCode.PROOF_MALFORMED, "garbage proof", () -> http.batch(token, "x.y.z", body)));
    cases.add(new Case(ReasonCode.PROOF_ALG_NOT_ALLOWED, "proof alg ES256", () -> http.batch(token,
        rawJws(proofHeader("ES256", "tqc-batch+jwt", r.key), proofClaims(token, body, 2, ISSUER, Instant.now()), r.key),
        body)));
    cases.add(new Case(ReasonCode.PROOF_TYPE_INVALID, "proof typ JWT", () -> http.batch(token,
        rawJws(proofHeader("EdDSA", "JWT", r.key), proofClaims(token, body, 2, ISSUER, Instant.now()), r.key), body)));
    cases.add(new Case(ReasonCode.PROOF_SIGNATURE_INVALID, "proof signed by another key", () -> http.batch(token,
        rawJws(proofHeader("EdDSA", "tqc-batch+jwt", r.key), proofClaims(token, body, 2, ISSUER, Instant.now()),
            SigningKey.generate()), body)));
    cases.add(new Case(ReasonCode.PROOF_AUDIENCE_INVALID, "proof for another relay", () -> http.batch(token,
        new BatchProofSigner(r.key, OTHER).sign(Digests.sha256Base64Url(token), body, 2, Instant.now()).compact(),
        body)));
    cases.add(new Case(ReasonCode.PROOF_KEY_MISMATCH, "proof by unbound key", () -> http.batch(token,
        new BatchProofSigner(SigningKey.generate(), ISSUER).sign(Digests.sha256Base64Url(token), body, 2, Instant.now())
            .compact(), body)));
    cases.add(new Case(ReasonCode.PROOF_STALE, "proof 2 min old", () -> http.batch(token,
        r.signer.sign(Digests.sha256Base64Url(token), body, 2, Instant.now().minusSeconds(120)).compact(), body)));
    cases.add(new Case(ReasonCode.PROOF_TOKEN_MISMATCH, "proof bound to another token", () -> http.batch(token,
        r.proof(otherToken, body, 2), body)));
    // Batch
    cases.add(new Case(ReasonCode.BATCH_DIGEST_MISMATCH, "body altered", () -> http.batch(token, r.proof(token, body, 2),
        RelayHttp.body(RelayHttp.SENDERS.get(1), 2))));
    cases.add(new Case(ReasonCode.BATCH_COUNT_MISMATCH, "n=3 for 2 messages", () -> r.send(token, body, 3)));
    cases.add(new Case(ReasonCode.BATCH_REPLAYED, "replayed proof", () -> http.batch(token, replayProof, body)));
    cases.add(new Case(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, "unregistered sender",
        () -> r.send(token, RelayHttp.body("0299998888", 1), 1)));
    byte[] notJson = "{\"sender_number\":\"0212345678\"}".getBytes(StandardCharsets.UTF_8);
    cases.add(new Case(ReasonCode.BATCH_MALFORMED, "body not a batch", () -> r.send(token, notJson, 1)));
    byte[] huge = new byte[4 * 1024 * 1024 + 1];
    cases.add(new Case(ReasonCode.BATCH_TOO_LARGE, "body over 4 MiB", () -> http.batch(token, "x", huge)));
    byte[] tooMany = RelayHttp.body(RelayHttp.SENDERS.get(0), 10_001);
    cases.add(new Case(ReasonCode.BATCH_TOO_LARGE, "10,001 messages", () -> r.send(token, tooMany, 10_001)));
    complianceCases(r, token, cases);

    return cases.stream().map(c -> dynamicTest(c.reason().code() + ": " + c.name(),
        () -> assertProblem(c.request().call(), c.reason())));
  }

  /**
   * One case per compliance rule of the default content policy: a batch whose first (here only)
   * violation is that rule's code.
   */
  static void complianceCases(RelayHttp.Reseller r, String token, List<Case> cases) throws Exception {
    String sender = RelayHttp.SENDERS.get(0);
    String fine = RelayHttp.compliantText(0);
    Map<ReasonCode, String> texts = new LinkedHashMap<>();
    texts.put(ReasonCode.AD_MARKER_MISSING, "테스트상점 할인 문의 02-1234-5678 무료거부 0801234567");
    texts.put(ReasonCode.AD_MARKER_MALFORMED, "（광고）테스트상점 할인 문의 02-1234-5678 무료거부 0801234567");
    texts.put(ReasonCode.ADVERTISER_NAME_MISSING, "(광고) 할인 테스트상점 문의 02-1234-5678 무료거부 0801234567");
    texts.put(ReasonCode.ADVERTISER_CONTACT_MISSING, "(광고)테스트상점 할인 무료거부 0801234567");
    texts.put(ReasonCode.OPT_OUT_MISSING, "(광고)테스트상점 할인 문의 02-1234-5678 수신거부 0801234567");
    texts.put(ReasonCode.OPT_OUT_NUMBER_INVALID, "(광고)테스트상점 할인 문의 02-1234-5678 무료거부 1588-1234");
    texts.put(ReasonCode.TEXT_NOT_ENCODABLE, "(광고)테스트상점 할인 🎁 문의 02-1234-5678 무료거부 0801234567");
    texts.put(ReasonCode.TEXT_TOO_LONG, fine + " 상세 안내".repeat(400));
    texts.put(ReasonCode.URL_SHORTENER, fine + " bit.ly/3AbCdE");
    texts.put(ReasonCode.LOOKALIKE_DOMAIN, fine + " http://kbstar-security.com/login");
    texts.put(ReasonCode.URL_OBFUSCATED, fine + " hxxp://shop.example.kr/a");
    for (Map.Entry<ReasonCode, String> text : texts.entrySet()) {
      byte[] body = RelayHttp.advertising(sender)
          .addMessage(new io.tqc.api.batch.BatchMessage("01011112222", text.getValue(), true)).build().toJsonBytes();
      cases.add(new Case(text.getKey(), "compliance", () -> r.send(token, body, 1)));
    }
    Instant tomorrowNight = java.time.ZonedDateTime.now(io.tqc.api.compliance.CompliancePolicy.KOREA).plusDays(1)
        .withHour(23).withMinute(0).withSecond(0).withNano(0).toInstant();
    byte[] night = RelayHttp.advertising(sender).sendAt(tomorrowNight)
        .addMessage(new io.tqc.api.batch.BatchMessage("01011112222", fine, false)).build().toJsonBytes();
    cases.add(new Case(ReasonCode.NIGHT_CONSENT_MISSING, "compliance: send_at 23:00 KST", () -> r.send(token, night, 1)));
    byte[] mislabelled = new io.tqc.api.batch.Batch.Builder().senderNumber(sender).advertising(false)
        .addMessage("01011112222", fine).build().toJsonBytes();
    cases.add(new Case(ReasonCode.ADVERTISING_MISLABELLED, "compliance", () -> r.send(token, mislabelled, 1)));
    byte[] landline = RelayHttp.advertising(sender)
        .addMessage(new io.tqc.api.batch.BatchMessage("0212345678", fine, true)).build().toJsonBytes();
    cases.add(new Case(ReasonCode.RECIPIENT_NUMBER_INVALID, "compliance", () -> r.send(token, landline, 1)));
    byte[] twice = RelayHttp.advertising(sender)
        .addMessage(new io.tqc.api.batch.BatchMessage("01011112222", fine, true))
        .addMessage(new io.tqc.api.batch.BatchMessage("010-1111-2222", fine, true)).build().toJsonBytes();
    cases.add(new Case(ReasonCode.RECIPIENT_DUPLICATE, "compliance", () -> r.send(token, twice, 2)));
    // LMS/MMS limits: subject over 40 bytes, four images, an image over 300 KiB.
    io.tqc.api.batch.BatchImage photo = io.tqc.api.batch.BatchImage.ofContent(new byte[] {(byte) 0xFF, (byte) 0xD8});
    String mmsText = "봄 사진 안내 문의 02-1234-5678 무료거부 0801234567";
    Map<ReasonCode, io.tqc.api.batch.BatchMessage> mms = new LinkedHashMap<>();
    mms.put(ReasonCode.SUBJECT_TOO_LONG, mms("(광고)테스트상점 " + "봄".repeat(20), mmsText, photo));
    mms.put(ReasonCode.MMS_TOO_MANY_IMAGES, mms("(광고)테스트상점", mmsText, photo, photo, photo, photo));
    mms.put(ReasonCode.MMS_IMAGE_TOO_LARGE, mms("(광고)테스트상점", mmsText,
        io.tqc.api.batch.BatchImage.of(photo.sha256(), 300 * 1024 + 1)));
    for (Map.Entry<ReasonCode, io.tqc.api.batch.BatchMessage> message : mms.entrySet()) {
      byte[] body = RelayHttp.advertising(sender).addMessage(message.getValue()).build().toJsonBytes();
      cases.add(new Case(message.getKey(), "compliance (MMS)", () -> r.send(token, body, 1)));
    }
    // A 050 number can be registered (8-11 digits) but is no valid caller id.
    RelayHttp.Reseller safeNumber = http.reseller(ISSUER);
    assertThat(safeNumber.register(Map.of("sender_numbers", List.of("05051234567"))).status()).isEqualTo(201);
    String safeNumberToken = safeNumber.token();
    byte[] fromSafeNumber = RelayHttp.body("05051234567", 1);
    cases.add(new Case(ReasonCode.SENDER_NUMBER_INVALID, "compliance",
        () -> safeNumber.send(safeNumberToken, fromSafeNumber, 1)));
  }

  static io.tqc.api.batch.BatchMessage mms(String subject, String text, io.tqc.api.batch.BatchImage... images) {
    io.tqc.api.batch.BatchMessage.Builder b = new io.tqc.api.batch.BatchMessage.Builder().to("01011112222").text(text)
        .nightConsent(true).type(io.tqc.api.batch.MessageType.MMS).subject(subject);
    for (io.tqc.api.batch.BatchImage image : images) {
      b.addImage(image);
    }
    return b.build();
  }

  @Test
  void everyComplianceRule_hasAnHttpCase() throws Exception {
    List<Case> cases = new ArrayList<>();
    complianceCases(registered(), "unused", cases);
    // url_blocked and url_not_allowed need a blocklist / allowlist: ProtectionRoutesTest covers them.
    java.util.Set<ReasonCode> covered = java.util.EnumSet.of(ReasonCode.SENDER_NUMBER_NOT_REGISTERED,
        ReasonCode.URL_BLOCKED, ReasonCode.URL_NOT_ALLOWED);
    cases.forEach(c -> covered.add(c.reason()));
    assertThat(covered).containsAll(io.tqc.api.compliance.CompliancePolicy.rules());
  }

  static Case tokenCase(RelayHttp.Reseller r, ReasonCode reason, String name, String token, byte[] body) {
    return new Case(reason, name, () -> http.batch(token, r.proof(token, body, 2), body));
  }

  @Test
  void tokenEndpoint_reasonCodes() throws Exception {
    RelayHttp.Reseller r = registered();
    assertProblem(http.token("123", r.assertion()), ReasonCode.RESELLER_ID_INVALID);
    assertProblem(http.token(ResellerIds.random().value(), r.assertion()), ReasonCode.RESELLER_UNKNOWN);
    assertProblem(http.token(r.id.value(), "garbage"), ReasonCode.ASSERTION_INVALID);
    String assertion = r.assertion();
    assertThat(http.token(r.id.value(), assertion).status()).isEqualTo(200);
    assertProblem(http.token(r.id.value(), assertion), ReasonCode.ASSERTION_INVALID);
    assertProblem(http.postJson("/v1/token", Map.of("reseller_id", r.id.value())), ReasonCode.REQUEST_INVALID);
    assertProblem(http.postJson("/v1/token", "not json"), ReasonCode.REQUEST_INVALID);
  }

  @Test
  void endedCertification_isRefusedAtTheTokenAndBatchEndpoints() throws Exception {
    RelayHttp.Reseller r = http.reseller(ISSUER);
    String end = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusSeconds(3).withNano(0).toString();
    assertThat(r.register(Map.of("cert_expires_at", end)).status()).isEqualTo(201);
    String token = r.token();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .until(() -> r.requestToken().status() == 403);
    assertProblem(r.requestToken(), ReasonCode.CERTIFICATION_EXPIRED);
    assertProblem(r.send(token), ReasonCode.CERTIFICATION_EXPIRED);
  }

  @Test
  void fullReplayCache_isRateLimited() throws Exception {
    Path smallData = data.resolve("small");
    try (RelayServer small = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(smallData)
        .issuer(ISSUER).relayOptions(b -> b.replayCache(ReplayCache.inMemory(2))).build())) {
      RelayHttp smallHttp = new RelayHttp(small.url(), small.adminToken());
      RelayHttp.Reseller r = smallHttp.reseller(ISSUER);
      assertThat(r.register(Map.of()).status()).isEqualTo(201);
      String token = r.token();
      assertThat(r.send(token).status()).isEqualTo(202);
      RelayHttp.Response limited = r.send(token);
      assertProblem(limited, ReasonCode.RATE_LIMITED);
      assertThat(limited.header("Retry-After")).isEqualTo("1");
    }
  }

  @Test
  void replayCacheThatCannotAnswer_isRelayUnavailableWithRetryAfter_forBatchesAndTokens() throws Exception {
    Path downData = data.resolve("down");
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    ReplayCache memory = ReplayCache.inMemory(1000);
    ReplayCache switchable = (id, expiresAt, now) ->
        down.get() ? ReplayCache.Result.UNAVAILABLE : memory.remember(id, expiresAt, now);
    try (RelayServer relay = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(downData)
        .issuer(ISSUER).relayOptions(b -> b.replayCache(switchable)).build())) {
      RelayHttp downHttp = new RelayHttp(relay.url(), relay.adminToken());
      RelayHttp.Reseller r = downHttp.reseller(ISSUER);
      assertThat(r.register(Map.of()).status()).isEqualTo(201);
      String token = r.token();
      down.set(true);
      RelayHttp.Response batch = r.send(token);
      assertProblem(batch, ReasonCode.RELAY_UNAVAILABLE);
      assertThat(batch.status()).isEqualTo(503);
      assertThat(batch.header("Retry-After")).isEqualTo("1");
      RelayHttp.Response tokenAnswer = r.requestToken();
      assertProblem(tokenAnswer, ReasonCode.RELAY_UNAVAILABLE);
      assertThat(tokenAnswer.header("Retry-After")).isEqualTo("1");
      down.set(false);
      assertThat(r.send(token).status()).isEqualTo(202);
    }
  }
}
