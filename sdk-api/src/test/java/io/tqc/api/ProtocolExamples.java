package io.tqc.api;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.testing.TestKeys;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Produces the generated parts of {@code docs/protocol.md} with the real code: the reason-code
 * table (from {@link ReasonCode}) and the worked examples (keys, token, proof over a batch body,
 * client assertion, signed status, status list token). Run from {@code sdk-api/} after
 * {@code mvn -pl sdk-api test-compile}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.tqc.api.ProtocolExamples ../docs/protocol.md
 * </pre>
 * It rewrites only the text between the {@code BEGIN GENERATED} and {@code END GENERATED} markers.
 * The keys are deterministic (32 bytes of 0x11 and of 0x22) and published: EXAMPLES ONLY.
 * {@code ProtocolDocumentTest} checks that the document still verifies.
 */
public final class ProtocolExamples {
  static final String RELAY = "https://relay.example.kr";
  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  static final SigningKey RELAY_KEY = TestKeys.fromSeed(0x11);
  static final SigningKey RESELLER_KEY = TestKeys.fromSeed(0x22);
  static final String STATUS_LIST_URI = RELAY + "/v1/status-lists/0";

  private ProtocolExamples() {}

  public static void main(String[] args) throws Exception {
    Path doc = Paths.get(args.length > 0 ? args[0] : "../docs/protocol.md");
    String text = new String(Files.readAllBytes(doc), StandardCharsets.UTF_8);
    text = replaceRegion(text, "REASON CODES", reasonCodeTable());
    text = replaceRegion(text, "EXAMPLES", examples());
    Files.write(doc, text.getBytes(StandardCharsets.UTF_8));
  }

  static String replaceRegion(String text, String name, String content) throws IOException {
    String begin = "<!-- BEGIN GENERATED " + name + " -->\n";
    String end = "<!-- END GENERATED " + name + " -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException("markers for " + name + " not found");
    }
    return text.substring(0, from + begin.length()) + content + text.substring(to);
  }

  /** What each code means and who raises it: a new {@link ReasonCode} must be described here. */
  private static final Map<ReasonCode, String[]> DESCRIPTIONS = new java.util.EnumMap<>(ReasonCode.class);

  private static void describe(ReasonCode reason, String meaning, String raisedBy) {
    DESCRIPTIONS.put(reason, new String[] {meaning, raisedBy});
  }

  static {
    describe(ReasonCode.TOKEN_MALFORMED,
        "Token is not a strict compact JWS of the token shape (structure, size, header or claims).",
        "Verifier, §11.1 step 1");
    describe(ReasonCode.TOKEN_ALG_NOT_ALLOWED,
        "Token `alg` is not exactly `EdDSA` (`none`, HMAC and everything else are refused).",
        "Verifier, step 3");
    describe(ReasonCode.TOKEN_TYPE_INVALID,
        "Token `typ` is not exactly `tqc-cert+jwt`.",
        "Verifier, step 5");
    describe(ReasonCode.TOKEN_KEY_UNKNOWN,
        "Token `kid` names no key of the relay's current JWKS (unknown or retired).",
        "Verifier, step 7");
    describe(ReasonCode.TOKEN_SIGNATURE_INVALID,
        "Token signature does not verify with the named relay key.",
        "Verifier, step 8");
    describe(ReasonCode.TOKEN_ISSUER_INVALID,
        "Token `iss` is not this relay.",
        "Verifier, step 10");
    describe(ReasonCode.TOKEN_AUDIENCE_INVALID,
        "Token `aud` does not include this relay.",
        "Verifier, step 11");
    describe(ReasonCode.TOKEN_NOT_YET_VALID,
        "Token `nbf` is later than now plus the clock skew.",
        "Verifier, step 13");
    describe(ReasonCode.TOKEN_EXPIRED,
        "Token `exp` has passed by at least the clock skew.",
        "Verifier, step 14");
    describe(ReasonCode.CERTIFICATION_EXPIRED,
        "The certification itself (`tqc.cert_exp`) has ended.",
        "Verifier, step 15; relay token endpoint");
    describe(ReasonCode.PROOF_MALFORMED,
        "Proof is not a strict compact JWS of the proof shape (structure, size, header `jwk` or claims).",
        "Verifier, step 2");
    describe(ReasonCode.PROOF_ALG_NOT_ALLOWED,
        "Proof `alg` is not exactly `EdDSA`.",
        "Verifier, step 4");
    describe(ReasonCode.PROOF_TYPE_INVALID,
        "Proof `typ` is not exactly `tqc-batch+jwt`.",
        "Verifier, step 6");
    describe(ReasonCode.PROOF_SIGNATURE_INVALID,
        "Proof signature does not verify with the key in its own `jwk` header.",
        "Verifier, step 9");
    describe(ReasonCode.PROOF_AUDIENCE_INVALID,
        "Proof `aud` is not this relay.",
        "Verifier, step 12");
    describe(ReasonCode.PROOF_KEY_MISMATCH,
        "The proof was signed by a key other than the one the token is bound to (`cnf.jkt`).",
        "Verifier, step 16");
    describe(ReasonCode.PROOF_STALE,
        "Proof `iat` is more than 60 s old or more than 5 s ahead (configurable).",
        "Verifier, step 17");
    describe(ReasonCode.PROOF_TOKEN_MISMATCH,
        "Proof `ath` is not the digest of the token it came with.",
        "Verifier, step 18");
    describe(ReasonCode.BATCH_DIGEST_MISMATCH,
        "Proof `bh` is not the SHA-256 of the body bytes received.",
        "Verifier, step 19");
    describe(ReasonCode.BATCH_COUNT_MISMATCH,
        "Proof `n` is not the number of messages in the body.",
        "Verifier, step 20");
    describe(ReasonCode.CERTIFICATION_SUSPENDED,
        "The certification is suspended; it may be reinstated.",
        "Relay (live status)");
    describe(ReasonCode.CERTIFICATION_REVOKED,
        "The certification is revoked; this is final.",
        "Relay (live status)");
    describe(ReasonCode.CERTIFICATION_UNKNOWN,
        "The relay knows no certification for this reseller or certification id.",
        "Relay (live status)");
    describe(ReasonCode.SCOPE_INSUFFICIENT,
        "The token does not grant the `advertising` scope the batch needs.",
        "Relay");
    describe(ReasonCode.BATCH_REPLAYED,
        "The proof's `jti` was already used (within the acceptance window, or accepted at any time before).",
        "Relay (replay cache, audit log)");
    describe(ReasonCode.SENDER_NUMBER_NOT_REGISTERED,
        "The batch's `sender_number` is not one of the token's `sender_numbers`.",
        "Relay");
    describe(ReasonCode.BATCH_MALFORMED,
        "The body is not strict JSON of the batch shape (§6).",
        "Relay (body parser)");
    describe(ReasonCode.BATCH_TOO_LARGE,
        "The body exceeds the relay's size or message-count cap.",
        "Relay (body parser)");
    describe(ReasonCode.ASSERTION_INVALID,
        "The client assertion is malformed, badly signed, expired, for another relay or replayed.",
        "Relay token endpoint, §11.2");
    describe(ReasonCode.RESELLER_UNKNOWN,
        "The relay has no registered reseller with this id.",
        "Relay token endpoint");
    describe(ReasonCode.RESELLER_ID_INVALID,
        "A reseller id is not a valid business registration number (사업자등록번호).",
        "Any API taking a reseller id");
    describe(ReasonCode.KEY_INVALID,
        "A JWK, JWK set or PEM is malformed or not an allowed Ed25519 key (§2).",
        "Key loaders");
    describe(ReasonCode.STATUS_INVALID,
        "A signed status is malformed, badly signed, for another reseller or expired.",
        "Client, §11.3");
    describe(ReasonCode.STATUS_LIST_INVALID,
        "A status list or status list token is malformed, badly signed or expired.",
        "Status list readers, §11.4");
    describe(ReasonCode.NOT_CERTIFIED,
        "The client holds no usable token yet (first fetch pending or failed).",
        "Client (local, not sent by relays)");
    describe(ReasonCode.STATUS_UNAVAILABLE,
        "No signed ACTIVE status was confirmed recently enough; the client fails closed.",
        "Client (local, not sent by relays)");
    describe(ReasonCode.RELAY_REFUSED,
        "The relay refused with a code this client version does not know.",
        "Client (local, not sent by relays)");
    describe(ReasonCode.RELAY_UNAVAILABLE,
        "Client: the relay could not be reached or did not answer with the TQC contract. Relay: it is still"
            + " starting, or a check it cannot skip (replay cache, store) cannot answer now; nothing was accepted;"
            + " retry after `Retry-After`.",
        "Client (local); relay while starting or when its replay cache or store is down");
    describe(ReasonCode.UNAUTHORIZED,
        "Missing or wrong administrator credentials.",
        "Relay admin API");
    describe(ReasonCode.REQUEST_INVALID,
        "A request is well-formed JSON but names something invalid.",
        "Relay (admin and parameters)");
    describe(ReasonCode.NOT_FOUND,
        "No endpoint has this path.",
        "Relay (HTTP layer)");
    describe(ReasonCode.METHOD_NOT_ALLOWED,
        "The endpoint does not take this HTTP method.",
        "Relay (HTTP layer)");
    describe(ReasonCode.UNSUPPORTED_MEDIA_TYPE,
        "The body is not `application/json` (token, batch and admin requests).",
        "Relay (HTTP layer)");
    describe(ReasonCode.REQUEST_HEADERS_TOO_LARGE,
        "The header section exceeds the relay's limit (sized for a token and a proof at their 8192-character caps"
            + " plus room for the other headers).",
        "Relay (HTTP layer)");
    describe(ReasonCode.TRANSITION_NOT_ALLOWED,
        "The status change is not allowed (for example reinstating a revoked certification).",
        "Relay admin API");
    describe(ReasonCode.RATE_LIMITED,
        "Too many requests; retry after the indicated delay.",
        "Relay");
    describe(ReasonCode.QUOTA_EXCEEDED,
        "The batch would exceed a message quota of the reseller or its first-sender code (per Asia/Seoul day or"
            + " per minute); nothing of it was accepted. A deferral, not a certification failure: send it again,"
            + " with a new proof, after `Retry-After` (the start of the next quota window).",
        "Relay (audit commit, with `Retry-After`)");
    describe(ReasonCode.REPORT_DUPLICATE,
        "The spam report was already recorded (same source and reference; without a reference, same source,"
            + " received time, recipient and text). Nothing changed.",
        "Relay admin API (reports)");
    describe(ReasonCode.REPORT_OUT_OF_RETENTION,
        "The report's received time is older than the traceback retention (default 1 year): nothing can match it.",
        "Relay admin API (reports)");
    describe(ReasonCode.INTERNAL_ERROR,
        "An unexpected failure inside the relay.",
        "Relay");
    describe(ReasonCode.AD_MARKER_MISSING,
        "An advertising message does not begin with `(광고)`.",
        "Content policy ([compliance.md](compliance.md))");
    describe(ReasonCode.AD_MARKER_MALFORMED,
        "An advertising message begins with a look-alike of `(광고)`.",
        "Content policy");
    describe(ReasonCode.ADVERTISER_NAME_MISSING,
        "The advertiser's name does not follow the marker.",
        "Content policy");
    describe(ReasonCode.ADVERTISER_CONTACT_MISSING,
        "The advertiser's contact is not in the text.",
        "Content policy");
    describe(ReasonCode.OPT_OUT_MISSING,
        "No free opt-out means (`무료거부` / `무료수신거부`) in the text.",
        "Content policy");
    describe(ReasonCode.OPT_OUT_NUMBER_INVALID,
        "The opt-out number is not a valid 080 number.",
        "Content policy");
    describe(ReasonCode.NIGHT_CONSENT_MISSING,
        "A night-time (21:00–08:00 KST) advertising message lacks separate night consent.",
        "Content policy");
    describe(ReasonCode.ADVERTISING_MISLABELLED,
        "A batch marked non-advertising contains advertising messages.",
        "Content policy");
    describe(ReasonCode.SENDER_NUMBER_INVALID,
        "The sender number is not a valid Korean caller id.",
        "Content policy");
    describe(ReasonCode.RECIPIENT_NUMBER_INVALID,
        "A recipient number is not a valid Korean mobile number.",
        "Content policy");
    describe(ReasonCode.RECIPIENT_DUPLICATE,
        "A recipient appears more than once in a batch.",
        "Content policy");
    describe(ReasonCode.TEXT_NOT_ENCODABLE,
        "A text holds characters not encodable in EUC-KR.",
        "Content policy");
    describe(ReasonCode.TEXT_TOO_LONG,
        "A text is longer than an LMS (2,000 EUC-KR bytes).",
        "Content policy");
    describe(ReasonCode.SUBJECT_TOO_LONG,
        "The subject of an LMS or MMS is longer than 40 EUC-KR bytes.",
        "Content policy");
    describe(ReasonCode.MMS_TOO_MANY_IMAGES,
        "An MMS carries more images than the policy allows (3 by default).",
        "Content policy");
    describe(ReasonCode.MMS_IMAGE_TOO_LARGE,
        "An MMS image is larger than the policy allows (307,200 bytes by default).",
        "Content policy");
    describe(ReasonCode.URL_BLOCKED,
        "A link's domain or URL is on the relay's imported blocklist.",
        "Content policy (link rules)");
    describe(ReasonCode.URL_SHORTENER,
        "A link goes through a URL shortener that hides its destination.",
        "Content policy (link rules)");
    describe(ReasonCode.LOOKALIKE_DOMAIN,
        "A link's domain imitates a protected bank, card, delivery or government brand it does not belong to.",
        "Content policy (link rules)");
    describe(ReasonCode.URL_NOT_ALLOWED,
        "The advertiser is in allowlist mode and a link's domain is not on its allowlist.",
        "Content policy (link rules)");
    describe(ReasonCode.URL_OBFUSCATED,
        "A link is disguised: `hxxp`, spaced / Hangul / full-width dots in the host, user-info, numeric or mixed-script host.",
        "Content policy (link rules)");
    describe(ReasonCode.SENDER_NUMBER_STOLEN,
        "The sender number is on KISA's stolen-number list (terminated, suspended or unassigned numbers are `sender_number_invalid`).",
        "Relay sender-number check");
    describe(ReasonCode.RECIPIENT_OPTED_OUT,
        "A recipient of an advertising message opted out from this advertiser (violation lists the message indices).",
        "Relay suppression check");
    describe(ReasonCode.SCREENING_UNAVAILABLE,
        "An external screening service (URL screen, sender-number validity) did not answer; the relay fails closed. Retry later.",
        "Relay screening checks");
    describe(ReasonCode.EVENT_ID_CONFLICT,
        "An 080 opt-out provider reused an event id for a different opt-out (an exact replay is a duplicate, not an error).",
        "Relay opt-out push endpoint");
  }

  /** The reason-code table exactly as protocol.md must hold it. */
  static String reasonCodeTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Code | HTTP | Title | Meaning | Raised by |\n|---|---|---|---|---|\n");
    for (ReasonCode reason : ReasonCode.values()) {
      String[] description = DESCRIPTIONS.get(reason);
      if (description == null) {
        throw new IllegalStateException("describe " + reason.code() + " in ProtocolExamples");
      }
      out.append("| `").append(reason.code()).append("` | ").append(reason.httpStatus()).append(" | ")
          .append(reason.title()).append(" | ").append(description[0]).append(" | ").append(description[1])
          .append(" |\n");
    }
    return out.toString();
  }

  static ResellerId reseller() {
    try {
      return ResellerId.parse("124-81-00998");
    } catch (TqcException e) {
      throw new AssertionError(e);
    }
  }

  static CertificationToken token() {
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(RELAY)
        .subject(reseller())
        .issuedAt(NOW.minusSeconds(60))
        .expiresAt(NOW.plusSeconds(840))
        .tokenId("p0ZQjW2x7sKcA9uTf3LhVg")
        .keyThumbprint(RESELLER_KEY.verificationKey().thumbprint())
        .certificationId("kcc-2026-000123")
        .certificationExpiresAt(Instant.parse("2027-03-01T15:00:00Z"))
        .senderNumbers(Arrays.asList("0212345678", "15881234"))
        .originCode("123456789")
        .statusListIndex(42)
        .statusListUri(STATUS_LIST_URI)
        .build(), RELAY_KEY);
  }

  static byte[] body() {
    return new Batch.Builder()
        .senderNumber("0212345678")
        .addMessage(new BatchMessage("01012345678", "(광고)TQC상사 봄 세일 20% 문의 02-1234-5678\n무료거부 0801234567",
            true))
        .addMessage(new BatchMessage("01098765432", "(광고)TQC상사 봄 세일 20% 문의 02-1234-5678\n무료거부 0801234567",
            true))
        .advertiser("TQC상사", "02-1234-5678")
        .build().toJsonBytes();
  }

  static String examples() {
    CertificationToken token = token();
    byte[] body = body();
    BatchProof proof = new BatchProofSigner(RESELLER_KEY, RELAY).sign(token, body, 2, NOW);
    String assertion = ClientAssertion.create(RESELLER_KEY, reseller(), RELAY, NOW, Duration.ofSeconds(60));
    SignedStatus status = SignedStatus.sign(RELAY, reseller(), "kcc-2026-000123", CertificationStatus.ACTIVE, null,
        17, NOW, Duration.ofSeconds(60), RELAY_KEY);
    StatusList list = new StatusList.Builder(2, 64).set(3, CertificationStatus.SUSPENDED.statusListValue())
        .set(9, CertificationStatus.REVOKED.statusListValue()).build();
    String statusListToken = StatusListToken.sign(RELAY, STATUS_LIST_URI, list, NOW, Duration.ofHours(24),
        Duration.ofMinutes(5), RELAY_KEY);

    Map<String, String> blocks = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    out.append("All values below were produced by `io.tqc.api.ProtocolExamples` (sdk-api test tree) and are\n"
        + "checked on every build by `ProtocolDocumentTest`: the token, proof, assertion and statuses verify\n"
        + "with the documented keys at the documented time.\n\n");
    out.append("> **EXAMPLE KEYS ONLY.** Both private keys below are published in this document (their seeds are\n"
        + "> 32 bytes of `0x11` and of `0x22`). Never use them, or any key derived like them, for anything real.\n\n");
    section(out, "Verification time (`now`)", "now", NOW.toString() + "   (" + NOW.getEpochSecond() + ")",
        "text");
    section(out, "Relay id (token `iss`/`aud`, proof `aud`)", "relay-id", RELAY, "text");
    section(out, "Relay private JWK (EXAMPLE ONLY)", "relay-private-jwk", RELAY_KEY.exportPrivateJwk(), "json");
    section(out, "Relay JWKS (what the relay publishes)", "relay-jwks",
        KeySet.of(RELAY_KEY.verificationKey()).toJson(), "json");
    section(out, "Reseller private JWK (EXAMPLE ONLY)", "reseller-private-jwk", RESELLER_KEY.exportPrivateJwk(),
        "json");
    section(out, "Reseller key thumbprint (RFC 7638; the token's `cnf.jkt`)", "reseller-thumbprint",
        RESELLER_KEY.verificationKey().thumbprint(), "text");
    section(out, "Certification token (compact)", "token", token.compact(), "text");
    section(out, "Token header (decoded)", "token-header", part(token.compact(), 0), "json");
    section(out, "Token claims (decoded)", "token-claims", part(token.compact(), 1), "json");
    section(out, "Batch body: the exact bytes sent, UTF-8, no trailing newline (2 messages)", "batch-body",
        new String(body, StandardCharsets.UTF_8), "json");
    section(out, "`bh` = base64url(SHA-256(body bytes))", "bh", Digests.sha256Base64Url(body), "text");
    section(out, "`ath` = base64url(SHA-256(ASCII token))", "ath", token.digest(), "text");
    section(out, "Batch proof (compact; `n` = 2, `iat` = now)", "proof", proof.compact(), "text");
    section(out, "Proof header (decoded)", "proof-header", part(proof.compact(), 0), "json");
    section(out, "Proof claims (decoded)", "proof-claims", part(proof.compact(), 1), "json");
    section(out, "Client assertion (compact; reseller key, `iat` = now, 60 s)", "assertion", assertion, "text");
    section(out, "Client assertion claims (decoded)", "assertion-claims", part(assertion, 1), "json");
    section(out, "Signed status (compact; ACTIVE, `seq` 17, 60 s)", "signed-status", status.compact(), "text");
    section(out, "Signed status claims (decoded)", "signed-status-claims", part(status.compact(), 1), "json");
    section(out, "Status list token (compact; 2 bits, index 3 SUSPENDED, index 9 REVOKED, 64 entries)",
        "status-list-token", statusListToken, "text");
    section(out, "Status list token claims (decoded)", "status-list-token-claims", part(statusListToken, 1), "json");
    return out.toString();
  }

  static void section(StringBuilder out, String title, String name, String value, String language) {
    out.append("**").append(title).append("**\n\n");
    out.append("<!-- example: ").append(name).append(" -->\n");
    out.append("```").append(language).append('\n').append(value).append("\n```\n\n");
  }

  static String part(String compact, int index) {
    return new String(Base64.getUrlDecoder().decode(compact.split("\\.")[index]), StandardCharsets.UTF_8);
  }
}
