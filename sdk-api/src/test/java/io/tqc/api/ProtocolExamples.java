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

  /** The reason-code table exactly as protocol.md must hold it. */
  static String reasonCodeTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Code | HTTP | Meaning |\n|---|---|---|\n");
    for (ReasonCode reason : ReasonCode.values()) {
      out.append("| `").append(reason.code()).append("` | ").append(reason.httpStatus()).append(" | ")
          .append(reason.title()).append(" |\n");
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
        .originCode("KTX00123")
        .statusListIndex(42)
        .statusListUri(STATUS_LIST_URI)
        .build(), RELAY_KEY);
  }

  static byte[] body() {
    return new Batch.Builder()
        .senderNumber("0212345678")
        .addMessage(new BatchMessage("01012345678", "(광고)TQC상사 봄 세일 20%\n무료거부 0801234567"))
        .addMessage(new BatchMessage("01098765432", "(광고)TQC상사 봄 세일 20%\n무료거부 0801234567"))
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
