package io.tqc.api;

import static io.tqc.api.testing.Rejections.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.internal.Digests;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.testing.Jose;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.api.token.VerifiedBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/protocol.md} true: its reason-code table matches {@link ReasonCode}, and its
 * worked examples verify with the documented keys at the documented time. Regenerate with
 * {@link ProtocolExamples} when the format changes.
 */
class ProtocolDocumentTest {
  static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([a-z0-9-]+) -->\n```[a-z]*\n(.*?)\n```", Pattern.DOTALL);
  static String doc;
  static Map<String, String> examples;

  @BeforeAll
  static void readDocument() throws IOException {
    doc = new String(Files.readAllBytes(Paths.get("../docs/protocol.md")), StandardCharsets.UTF_8);
    examples = new HashMap<>();
    Matcher m = EXAMPLE.matcher(doc);
    while (m.find()) {
      assertThat(examples.put(m.group(1), m.group(2))).as("example %s appears once", m.group(1)).isNull();
    }
  }

  static String example(String name) {
    assertThat(examples).containsKey(name);
    return examples.get(name);
  }

  @Test
  void reasonCodeTable_listsEveryReasonCodeWithItsHttpStatus() {
    for (ReasonCode reason : ReasonCode.values()) {
      assertThat(doc).as("row of %s", reason.code())
          .contains("| `" + reason.code() + "` | " + reason.httpStatus() + " | " + reason.title() + " | ");
    }
  }

  @Test
  void reasonCodeTable_isExactlyTheGeneratedOne() {
    assertThat(doc).contains("<!-- BEGIN GENERATED REASON CODES -->\n" + ProtocolExamples.reasonCodeTable()
        + "<!-- END GENERATED REASON CODES -->");
  }

  @Test
  void everyCodeTheVerifierUses_isNamedInTheAlgorithm() {
    String algorithm = doc.substring(doc.indexOf("## 11. Verification algorithm"), doc.indexOf("## Reason codes"));
    for (String code : new String[] {"token_malformed", "proof_malformed", "token_alg_not_allowed",
        "proof_alg_not_allowed", "token_type_invalid", "proof_type_invalid", "token_key_unknown",
        "token_signature_invalid", "proof_signature_invalid", "token_issuer_invalid", "token_audience_invalid",
        "proof_audience_invalid", "token_not_yet_valid", "token_expired", "certification_expired",
        "proof_key_mismatch", "proof_stale", "proof_token_mismatch", "batch_digest_mismatch",
        "batch_count_mismatch", "assertion_invalid", "status_invalid", "status_list_invalid", "key_invalid"}) {
      assertThat(algorithm).contains("`" + code + "`");
    }
  }

  @Test
  void exampleBatch_isLawfulAdvertising_atAnyHour() throws Exception {
    io.tqc.api.batch.Batch batch = io.tqc.api.batch.Batch.parse(example("batch-body").getBytes(StandardCharsets.UTF_8),
        100);
    for (String time : new String[] {"2026-03-02T03:00:00Z", "2026-03-02T13:00:00Z"}) { // 12:00 and 22:00 KST
      io.tqc.api.compliance.ComplianceReport report = io.tqc.api.compliance.CompliancePolicy.defaults()
          .check(batch, java.util.Collections.singletonList("0212345678"), Instant.parse(time));
      assertThat(report.violations()).as(time).isEmpty();
    }
  }

  @Test
  void exampleKeys_areTheDocumentedExampleOnlyKeys() throws Exception {
    SigningKey relayKey = SigningKey.fromJwk(example("relay-private-jwk"));
    SigningKey resellerKey = SigningKey.fromJwk(example("reseller-private-jwk"));
    KeySet jwks = KeySet.parse(example("relay-jwks"));

    assertThat(relayKey.keyId()).isEqualTo(ProtocolExamples.RELAY_KEY.keyId());
    assertThat(resellerKey.keyId()).isEqualTo(ProtocolExamples.RESELLER_KEY.keyId());
    assertThat(jwks.keys()).containsExactly(relayKey.verificationKey());
    assertThat(example("reseller-thumbprint")).isEqualTo(resellerKey.verificationKey().thumbprint());
    assertThat(doc).contains("Relay private JWK (EXAMPLE ONLY)").contains("Reseller private JWK (EXAMPLE ONLY)");
  }

  @Test
  void exampleTokenAndProof_verifyOverTheExampleBodyAtTheDocumentedTime() throws Exception {
    Instant now = Instant.parse(example("now").split("\\s+")[0]);
    String relayId = example("relay-id");
    CertificationVerifier verifier = new CertificationVerifier.Builder().relayId(relayId)
        .keys(KeySet.parse(example("relay-jwks"))).build();
    String token = example("token");
    String proof = example("proof");
    byte[] body = example("batch-body").getBytes(StandardCharsets.UTF_8);

    VerifiedBatch verified = verifier.verify(token, proof, body, 2, now);

    assertThat(verified.token().claims().subject().formatted()).isEqualTo("124-81-00998");
    assertThat(verified.token().claims().keyThumbprint()).isEqualTo(example("reseller-thumbprint"));
    assertThat(example("bh")).isEqualTo(Digests.sha256Base64Url(body));
    assertThat(example("ath")).isEqualTo(verified.token().digest());
    assertThat(example("token-header")).isEqualTo(Jose.part(token, 0));
    assertThat(example("token-claims")).isEqualTo(Jose.part(token, 1));
    assertThat(example("proof-header")).isEqualTo(Jose.part(proof, 0));
    assertThat(example("proof-claims")).isEqualTo(Jose.part(proof, 1)).contains("\"n\":2");
  }

  @Test
  void exampleSignatures_areReproducedByteForByte() throws Exception {
    assertResigned(example("token"), SigningKey.fromJwk(example("relay-private-jwk")));
    assertResigned(example("proof"), SigningKey.fromJwk(example("reseller-private-jwk")));
    assertResigned(example("assertion"), SigningKey.fromJwk(example("reseller-private-jwk")));
    assertResigned(example("signed-status"), SigningKey.fromJwk(example("relay-private-jwk")));
  }

  static void assertResigned(String compact, SigningKey key) {
    String input = compact.substring(0, compact.lastIndexOf('.'));
    byte[] signature = key.sign(input.getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(signature))
        .isEqualTo(compact.substring(compact.lastIndexOf('.') + 1));
  }

  @Test
  void exampleTokenAndProof_failWhenAnyPartIsChanged() throws Exception {
    Instant now = Instant.parse(example("now").split("\\s+")[0]);
    CertificationVerifier verifier = new CertificationVerifier.Builder().relayId(example("relay-id"))
        .keys(KeySet.parse(example("relay-jwks"))).build();
    String token = example("token");
    String proof = example("proof");
    byte[] body = example("batch-body").getBytes(StandardCharsets.UTF_8);
    byte[] changedBody = body.clone();
    changedBody[changedBody.length - 3] ^= 1;

    assertRefused(() -> verifier.verify(token, proof, changedBody, 2, now), ReasonCode.BATCH_DIGEST_MISMATCH);
    assertRefused(() -> verifier.verify(token, proof, body, 2, now.plusSeconds(61)), ReasonCode.PROOF_STALE);
    assertRefused(() -> verifier.verify(token, proof, body, 1, now), ReasonCode.BATCH_COUNT_MISMATCH);
  }

  @Test
  void exampleAssertionStatusAndStatusList_verify() throws Exception {
    Instant now = Instant.parse(example("now").split("\\s+")[0]);
    String relayId = example("relay-id");
    KeySet jwks = KeySet.parse(example("relay-jwks"));
    SigningKey resellerKey = SigningKey.fromJwk(example("reseller-private-jwk"));
    ResellerId reseller = ResellerId.parse("124-81-00998");

    ClientAssertion assertion = ClientAssertion.verify(example("assertion"), reseller,
        java.util.List.of(resellerKey.verificationKey()), relayId, now, Duration.ofSeconds(30));
    SignedStatus status = SignedStatus.verify(example("signed-status"), jwks, relayId, reseller, now,
        Duration.ofSeconds(30));
    String listUri = relayId + "/v1/status-lists/0";
    StatusList list = StatusListToken.verify(example("status-list-token"), jwks, listUri, now);

    assertThat(assertion.reseller()).isEqualTo(reseller);
    assertThat(example("assertion-claims")).isEqualTo(Jose.part(example("assertion"), 1));
    assertThat(status.status()).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(status.sequence()).isEqualTo(17);
    assertThat(example("signed-status-claims")).isEqualTo(Jose.part(example("signed-status"), 1));
    assertThat(list.bits()).isEqualTo(2);
    assertThat(new int[] {list.get(0), list.get(3), list.get(9), list.get(63)}).containsExactly(0, 2, 1, 0);
    assertThat(example("status-list-token-claims")).isEqualTo(Jose.part(example("status-list-token"), 1));
  }
}
