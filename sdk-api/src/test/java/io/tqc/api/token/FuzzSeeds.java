package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;

import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.testing.FuzzInput;
import io.tqc.api.testing.Jose;
import io.tqc.api.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Writes the hand-picked seed inputs of the fuzz tests (the {@code *FuzzTestInputs} directories).
 * Run from {@code sdk-api/} after {@code mvn -pl sdk-api test-compile}:
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.tqc.api.token.FuzzSeeds src/test/resources
 * </pre>
 * Crashing inputs that Jazzer adds to those directories are kept; this only (re)writes its own files.
 */
public final class FuzzSeeds {
  private final Path root;

  private FuzzSeeds(Path root) {
    this.root = root;
  }

  public static void main(String[] args) throws IOException {
    new FuzzSeeds(Paths.get(args.length > 0 ? args[0] : "src/test/resources")).writeAll();
  }

  void writeAll() throws IOException {
    token();
    proof();
    assertion();
    key();
    statusList();
    signedStatus();
    batch();
  }

  void token() throws IOException {
    String dir = "io/tqc/api/token/TokenFuzzTestInputs/verifyToken";
    String token = Fixture.token().compact();
    String header = Json.write(Fixture.tokenHeader());
    String claims = Json.write(Fixture.tokenClaims());
    write(dir, "valid_token", '0', token);
    write(dir, "padded_token", '0', token + "=");
    write(dir, "alg_none_empty_signature", '0', Jose.b64(header.replace("EdDSA", "none")) + "." + Jose.b64(claims) + ".");
    write(dir, "signed_header_and_claims", '1', header, claims);
    write(dir, "duplicate_alg", '1', header.replace("{", "{\"alg\":\"none\","), claims);
    write(dir, "crit_header", '1', header.replace("}", ",\"crit\":[\"x\"],\"x\":1}"), claims);
    write(dir, "kid_path", '1', header.replace(Fixture.RELAY_KEY.keyId(), "../../etc/passwd"), claims);
    write(dir, "signed_claims", '2', claims);
    write(dir, "exp_1e400", '2', claims.replaceFirst("\"exp\":\\d+", "\"exp\":1e400"));
    write(dir, "exp_string", '2', claims.replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\""));
    write(dir, "aud_empty_array", '2', claims.replaceFirst("\"aud\":\"[^\"]+\"", "\"aud\":[]"));
    write(dir, "depth_17", '2', claims.replaceFirst("\\}$", ",\"x\":" + "[".repeat(17) + "]".repeat(17) + "}"));
    write(dir, "lone_surrogate", '2', claims.replaceFirst("\"iss\":\"", "\"iss\":\"\\\\ud800"));
    byte[] invalidUtf8 = claims.getBytes(StandardCharsets.UTF_8);
    int code = claims.indexOf("\"origin_code\":\"") + "\"origin_code\":\"".length();
    invalidUtf8[code + 2] = (byte) 0xC3;
    invalidUtf8[code + 3] = (byte) 0x28;
    writeBytes(dir, "invalid_utf8", '2', invalidUtf8);
  }

  void proof() throws IOException {
    String dir = "io/tqc/api/token/ProofFuzzTestInputs/verifyProof";
    CertificationToken token = Fixture.token();
    String header = Json.write(Fixture.proofHeader());
    String claims = Json.write(Fixture.proofClaims(token.compact()));
    write(dir, "valid_proof", '0', Fixture.proof(token).compact());
    write(dir, "token_as_proof", '0', token.compact());
    write(dir, "signed_header_and_claims", '1', header, claims);
    Map<String, Object> withD = Fixture.resellerJwk();
    withD.put("d", Base64Url.encode(new byte[32]));
    write(dir, "jwk_with_d", '1', Json.write(map("alg", "EdDSA", "typ", BatchProof.TYPE, "jwk", withD)), claims);
    Map<String, Object> offCurve = Fixture.resellerJwk();
    offCurve.put("x", Base64Url.encode(TestKeys.notACurvePoint()));
    write(dir, "jwk_not_a_curve_point", '1',
        Json.write(map("alg", "EdDSA", "typ", BatchProof.TYPE, "jwk", offCurve)), claims);
    write(dir, "signed_claims", '2', claims);
    write(dir, "n_exponent", '2', claims.replace("\"n\":1", "\"n\":1e0"));
    write(dir, "iat_stale", '2', claims.replaceFirst("\"iat\":\\d+", "\"iat\":1"));
  }

  void assertion() throws IOException {
    String dir = "io/tqc/api/token/ClientAssertionFuzzTestInputs/verifyAssertion";
    SigningKey key = Fixture.RESELLER_KEY;
    Map<String, Object> header = map("alg", "EdDSA", "typ", ClientAssertion.TYPE, "kid",
        key.verificationKey().thumbprint());
    Map<String, Object> claims = map("iss", Fixture.RESELLER.value(), "sub", Fixture.RESELLER.value(),
        "aud", Fixture.RELAY, "iat", Fixture.NOW.getEpochSecond(), "exp", Fixture.NOW.getEpochSecond() + 60,
        "jti", "assert-AAAAAAAAAAAAAAAA");
    write(dir, "valid_assertion", '0', ClientAssertion.create(key, Fixture.RESELLER, Fixture.RELAY, Fixture.NOW,
        Duration.ofMinutes(1)));
    write(dir, "signed_header_and_claims", '1', Json.write(header), Json.write(claims));
    write(dir, "signed_claims", '2', Json.write(claims));
    claims.put("exp", Fixture.NOW.getEpochSecond() + 301);
    write(dir, "lifetime_301", '2', Json.write(claims));
  }

  void key() throws IOException {
    String dir = "io/tqc/api/key/KeyFuzzTestInputs/loadKey";
    SigningKey key = TestKeys.fromSeed(9);
    write(dir, "rfc8037_a1_private_jwk", '0', "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    write(dir, "public_jwk", '0', key.verificationKey().toJwk());
    write(dir, "jwks", '0', io.tqc.api.key.KeySet.of(key.verificationKey(),
        TestKeys.fromSeed(10).verificationKey()).toJson());
    write(dir, "x_not_a_curve_point", '0', "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\""
        + Base64Url.encode(TestKeys.notACurvePoint()) + "\"}");
    write(dir, "private_pem_text", '0', key.exportPrivatePem());
    writeBytes(dir, "pkcs8_der", '1', pemBody(key.exportPrivatePem()));
    writeBytes(dir, "spki_der", '1', pemBody(key.verificationKey().toPem()));
  }

  void statusList() throws IOException {
    String dir = "io/tqc/api/status/StatusListFuzzTestInputs/decode";
    write(dir, "draft_one_bit", '0', "eNrbuRgAAhcBXQ");
    write(dir, "draft_two_bit", '0', "eNo76fITAAPfAgc");
    byte[] zlib = Base64.getUrlDecoder().decode("eNrbuRgAAhcBXQ");
    writeBytes(dir, "zlib_b9a3", '1', zlib);
    writeBytes(dir, "zlib_truncated", '1', java.util.Arrays.copyOf(zlib, zlib.length - 2));
    SigningKey relayKey = TestKeys.fromSeed(1);
    String token = StatusListToken.sign(Fixture.RELAY, Fixture.RELAY + "/v1/status-lists/0",
        new StatusList.Builder(2, 16).set(3, 2).build(), Fixture.NOW, Duration.ofHours(1), Duration.ofMinutes(5),
        relayKey);
    write(dir, "status_list_token_claims", '2', Jose.part(token, 1));
  }

  void signedStatus() throws IOException {
    String dir = "io/tqc/api/status/SignedStatusFuzzTestInputs/verifyStatus";
    SignedStatus status = SignedStatus.sign(Fixture.RELAY, Fixture.RESELLER, "cert-2026-0001",
        CertificationStatus.SUSPENDED, "complaint", 7, Fixture.NOW, Duration.ofSeconds(60), TestKeys.fromSeed(1));
    write(dir, "valid_status", '0', status.compact());
    write(dir, "signed_header_and_claims", '1', Jose.part(status.compact(), 0), Jose.part(status.compact(), 1));
    write(dir, "signed_claims", '2', Jose.part(status.compact(), 1));
  }

  void batch() throws IOException {
    String dir = "io/tqc/api/batch/BatchFuzzTestInputs/parse";
    writeRaw(dir, "fixture_body", Fixture.BODY);
    writeRaw(dir, "full_batch", new io.tqc.api.batch.Batch.Builder().senderNumber("0212345678")
        .addMessage("01012345678", "(광고) TQC\n무료수신거부 080-123-4567")
        .addMessage(new io.tqc.api.batch.BatchMessage("01098765432", "night", true))
        .advertiser("TQC 상사", "02-1234-5678").sendAt(Fixture.NOW).build().toJsonBytes());
    writeRaw(dir, "escapes", ("{\"sender_number\":\"0212345678\",\"advertising\":false,\"messages\":[{\"to\":\"1\","
        + "\"text\":\"\\u00e9\\n\\ud83d\\ude00\\\"\"}],\"send_at\":\"2026-11-28T12:00:00+09:00\"}")
        .getBytes(StandardCharsets.UTF_8));
  }

  static byte[] pemBody(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
  }

  void write(String dir, String name, char mode, String... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.write(FuzzInput.SEPARATOR);
      }
      out.write(parts[i].getBytes(StandardCharsets.UTF_8));
    }
    writeBytes(dir, name, mode, out.toByteArray());
  }

  void writeBytes(String dir, String name, char mode, byte[] rest) throws IOException {
    byte[] data = new byte[rest.length + 1];
    data[0] = (byte) mode;
    System.arraycopy(rest, 0, data, 1, rest.length);
    writeRaw(dir, name, data);
  }

  void writeRaw(String dir, String name, byte[] data) throws IOException {
    Path file = root.resolve(dir).resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }
}
