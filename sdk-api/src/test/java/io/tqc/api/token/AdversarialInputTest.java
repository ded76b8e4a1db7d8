package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.BODY;
import static io.tqc.api.token.Fixture.COUNT;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Json;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known attacks on JWT verifiers and hostile encodings. Each is refused with its exact reason and
 * only ever with a {@code VerificationException}: never accepted, never another exception.
 */
class AdversarialInputTest {
  final CertificationVerifier verifier = Fixture.verifier();
  final String token = Fixture.token().compact();
  final String proof = Fixture.proof(Fixture.token()).compact();

  /** Refused by verifyToken and by verify (with a proof bound to exactly this token string). */
  void assertTokenRefused(String candidate, ReasonCode expected) {
    assertRefused(() -> verifier.verifyToken(candidate, NOW), expected);
    String boundProof = Fixture.signProof(Fixture.proofHeader(), Fixture.proofClaims(candidate));
    assertRefused(() -> verifier.verify(candidate, boundProof, BODY, COUNT, NOW), expected);
  }

  void assertProofRefused(String candidate, ReasonCode expected) {
    assertRefused(() -> verifier.verify(token, candidate, BODY, COUNT, NOW), expected);
  }

  String headerJson() {
    return Json.write(Fixture.tokenHeader());
  }

  String claimsJson() {
    return Json.write(Fixture.tokenClaims());
  }

  // ---- Algorithm confusion ----

  @Test
  void algNone_withAValidSignature_isAlgNotAllowed() {
    Map<String, Object> header = Fixture.tokenHeader();
    header.put("alg", "none");

    assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_ALG_NOT_ALLOWED);
  }

  @Test
  void algNone_withAnEmptySignature_isAlgNotAllowed() {
    for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put("alg", none);
      String unsecured = Jose.b64(Json.write(header)) + "." + Jose.b64(claimsJson()) + ".";
      assertTokenRefused(unsecured, ReasonCode.TOKEN_ALG_NOT_ALLOWED);
    }
  }

  @Test
  void hs256_macKeyedWithTheRelayPublicKey_isAlgNotAllowed() throws Exception {
    Map<String, Object> header = Fixture.tokenHeader();
    header.put("alg", "HS256");
    String input = Jose.b64(Json.write(header)) + "." + Jose.b64(claimsJson());
    List<byte[]> publicSecrets = Arrays.asList(
        RELAY_KEY.verificationKey().rawBytes(),
        RELAY_KEY.verificationKey().toJwk().getBytes(StandardCharsets.UTF_8),
        RELAY_KEY.verificationKey().toPem().getBytes(StandardCharsets.UTF_8));

    for (byte[] secret : publicSecrets) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String forged = input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
      assertTokenRefused(forged, ReasonCode.TOKEN_ALG_NOT_ALLOWED);
    }
  }

  @Test
  void algOfTheWrongJsonTypeOrMissing_isMalformed() {
    assertTokenRefused(Jose.signRaw("{\"alg\":[\"EdDSA\"],\"typ\":\"tqc-cert+jwt\",\"kid\":\"" + RELAY_KEY.keyId()
        + "\"}", claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(Jose.signRaw("{\"typ\":\"tqc-cert+jwt\",\"kid\":\"" + RELAY_KEY.keyId() + "\"}",
        claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
  }

  // ---- Header members ----

  @Test
  void unknownCriticalHeader_isMalformed() {
    Map<String, Object> header = Fixture.tokenHeader();
    header.put("crit", List.of("tqc-unknown"));
    header.put("tqc-unknown", true);
    Map<String, Object> proofHeader = Fixture.proofHeader();
    proofHeader.put("crit", List.of("b64"));
    proofHeader.put("b64", false);

    assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_MALFORMED);
    assertProofRefused(Fixture.signProof(proofHeader, Fixture.proofClaims(token)), ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void keyLocatingHeaders_areMalformed() {
    for (String member : new String[] {"jku", "x5u", "x5c", "jwk"}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put(member, "https://evil.example/keys");
      assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_MALFORMED);
    }
  }

  @Test
  void kidWithPathOrUrlCharacters_isMalformedBeforeAnyLookup() {
    for (String kid : new String[] {"../../etc/passwd", "..\\..\\windows", "https://evil.example/jwks.json",
        "kid\u0000", "", " ", "a".repeat(129), "' OR 1=1 --"}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put("kid", kid);
      assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_MALFORMED);
    }
    Map<String, Object> numeric = Fixture.tokenHeader();
    numeric.put("kid", 1);
    assertTokenRefused(Fixture.signToken(numeric, Fixture.tokenClaims()), ReasonCode.TOKEN_MALFORMED);
  }

  // ---- Encoding ----

  @Test
  void base64Padding_isMalformed() {
    String[] parts = token.split("\\.");
    String[] proofParts = proof.split("\\.");
    for (int i = 0; i < 3; i++) {
      String[] padded = parts.clone();
      padded[i] = padded[i] + "=";
      assertTokenRefused(String.join(".", padded), ReasonCode.TOKEN_MALFORMED);
      String[] paddedProof = proofParts.clone();
      paddedProof[i] = paddedProof[i] + "==";
      assertProofRefused(String.join(".", paddedProof), ReasonCode.PROOF_MALFORMED);
    }
  }

  @Test
  void standardBase64Alphabet_isMalformed() {
    String[] parts = token.split("\\.");
    String standard = parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/') + "+/";

    assertTokenRefused(standard, ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void whitespaceInsideOrAroundTheCompactString_isMalformed() {
    int dot = token.indexOf('.');
    for (String candidate : new String[] {" " + token, token + " ", token + "\n", token + "\r\n", "\t" + token,
        token.substring(0, dot) + " ." + token.substring(dot + 1),
        token.substring(0, dot + 1) + "\n" + token.substring(dot + 1),
        token.substring(0, 20) + "\r\n" + token.substring(20),
        token.substring(0, token.length() - 10) + "\u00a0" + token.substring(token.length() - 10)}) {
      assertTokenRefused(candidate, ReasonCode.TOKEN_MALFORMED);
    }
    assertProofRefused(proof + "\n", ReasonCode.PROOF_MALFORMED);
    assertProofRefused(" " + proof, ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void nonAsciiOrInvalidUtf8_isMalformed() {
    byte[] invalid = {'{', '"', 'i', 's', 's', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
    String header = Jose.b64(headerJson());
    String input = header + "." + Base64Url.encode(invalid);
    String signed = input + "." + Base64Url.encode(RELAY_KEY.sign(input.getBytes(StandardCharsets.US_ASCII)));

    assertTokenRefused(signed, ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(token.replaceFirst("\\.", ".é"), ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused("\uFEFF" + token, ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void oneMebibyteInput_isMalformedBeforeDecoding() {
    String huge = "A".repeat(1 << 20);
    String hugeToken = token.substring(0, token.indexOf('.') + 1) + huge + token.substring(token.lastIndexOf('.'));

    assertTokenRefused(huge, ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(hugeToken, ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(".".repeat(1 << 20), ReasonCode.TOKEN_MALFORMED);
    assertProofRefused(huge + "." + huge + "." + huge, ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void nestedJsonDepthBomb_inHeaderOrPayload_isMalformed() {
    String bomb = "[".repeat(2000) + "]".repeat(2000);
    String justOverTheLimit = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    for (String nested : new String[] {bomb, justOverTheLimit}) {
      String header = headerJson().replace("}", ",\"x\":" + nested + "}");
      String claims = claimsJson().replaceFirst("\\}$", ",\"x\":" + nested + "}");
      assertTokenRefused(Jose.signRaw(header, claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
      assertTokenRefused(Jose.signRaw(headerJson(), claims, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    }
    String objectBomb = "{\"a\":".repeat(1500) + "1" + "}".repeat(1500);
    assertTokenRefused(Jose.signRaw(headerJson(), objectBomb, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void duplicateMembers_areMalformed_evenWhenSpelledWithEscapes() {
    String kid = RELAY_KEY.keyId();
    String duplicateAlg = "{\"alg\":\"EdDSA\",\"alg\":\"none\",\"typ\":\"tqc-cert+jwt\",\"kid\":\"" + kid + "\"}";
    String escapedAlg = "{\"alg\":\"EdDSA\",\"\\u0061lg\":\"none\",\"typ\":\"tqc-cert+jwt\",\"kid\":\"" + kid + "\"}";
    String duplicateExp = claimsJson().replaceFirst("\\}$", ",\"exp\":9999999999}");

    assertTokenRefused(Jose.signRaw(duplicateAlg, claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(Jose.signRaw(escapedAlg, claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    assertTokenRefused(Jose.signRaw(headerJson(), duplicateExp, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void headerOrPayloadThatIsNotAJsonObject_isMalformed() {
    for (String notAnObject : new String[] {"[]", "\"x\"", "1", "null", "", "{", "{}}", "{\"a\":1,}", "{'a':1}"}) {
      assertTokenRefused(Jose.signRaw(notAnObject, claimsJson(), RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
      assertTokenRefused(Jose.signRaw(headerJson(), notAnObject, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    }
  }

  // ---- Claim values and types ----

  @Test
  void expAsAStringOrAHugeOrNonIntegerNumber_isMalformed() {
    for (String exp : new String[] {"\"1800000000\"", "1e400", "99999999999999999999", "1.8e9", "1800000000.0",
        "1800000000.5", "-1", "true", "null", "[1800000000]", "253402300800", "1E+2147483647",
        "0." + "0".repeat(38) + "1"}) {
      String claims = claimsJson().replaceFirst("\"exp\":\\d+", "\"exp\":" + exp);
      assertThat(claims).contains("\"exp\":" + exp);
      assertTokenRefused(Jose.signRaw(headerJson(), claims, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    }
  }

  @Test
  void negativeOrFractionalIat_isMalformed() {
    for (String iat : new String[] {"-1", "-1800000000", "1.5", "1800000000.25", "-0.5"}) {
      String claims = claimsJson().replaceFirst("\"iat\":\\d+", "\"iat\":" + iat);
      assertTokenRefused(Jose.signRaw(headerJson(), claims, RELAY_KEY), ReasonCode.TOKEN_MALFORMED);
    }
  }

  static Stream<Arguments> wrongTypedClaims() {
    Object[][] table = {
        {"iss", new Object[] {1, null, List.of(), map(), true}},
        {"sub", new Object[] {1248100998L, "124-81-00999", "", null}},
        {"aud", new Object[] {1, map(), List.of(1), List.of(), "", null}},
        {"iat", new Object[] {"1800000000", null, List.of()}},
        {"nbf", new Object[] {"1800000000", false}},
        {"exp", new Object[] {"1800000000", map()}},
        {"jti", new Object[] {1, "short", null}},
        {"cnf", new Object[] {"x", map(), map("jkt", 1), map("jkt", "x"), List.of()}},
        {"tqc", new Object[] {"x", List.of(), map()}},
        {"tqc.cert_id", new Object[] {1, "", "has space", null}},
        {"tqc.cert_exp", new Object[] {"x", -5, 1.5}},
        {"tqc.scope", new Object[] {"advertising", List.of(1), map()}},
        {"tqc.sender_numbers", new Object[] {"0212345678", List.of(212345678), List.of(), List.of("02-1234-5678")}},
        {"tqc.origin_code", new Object[] {1, "", "TOOLONGCODE", "코드", "KT 01", "12345678", "123-45-6789", "EXM24001"}},
        {"status", new Object[] {"x", List.of(), map()}},
        {"status.status_list", new Object[] {List.of(), "x", map("idx", 1)}},
        {"status.status_list.idx", new Object[] {"7", -1, 1.5, 4294967296L, null}},
        {"status.status_list.uri", new Object[] {1, null}}};
    List<Arguments> out = new ArrayList<>();
    for (Object[] row : table) {
      for (Object value : (Object[]) row[1]) {
        out.add(Arguments.of(row[0], value));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("wrongTypedClaims")
  void claimOfTheWrongTypeOrShape_isMalformed(String path, Object value) {
    Map<String, Object> claims = Fixture.tokenClaims();
    put(claims, path, value);

    assertTokenRefused(Fixture.signToken(Fixture.tokenHeader(), claims), ReasonCode.TOKEN_MALFORMED);
  }

  @ParameterizedTest(name = "extra member in {0}")
  @MethodSource("objectPaths")
  void unknownExtraClaim_isMalformed(String objectPath) {
    Map<String, Object> claims = Fixture.tokenClaims();
    put(claims, objectPath.isEmpty() ? "admin" : objectPath + ".admin", true);

    assertTokenRefused(Fixture.signToken(Fixture.tokenHeader(), claims), ReasonCode.TOKEN_MALFORMED);
  }

  static Stream<String> objectPaths() {
    return Stream.of("", "cnf", "tqc", "status", "status.status_list");
  }

  // ---- Type confusion ----

  @Test
  void tokenPresentedAsProof_isProofMalformed() {
    assertProofRefused(token, ReasonCode.PROOF_MALFORMED);
  }

  @Test
  void proofPresentedAsToken_isTokenMalformed() {
    assertRefused(() -> verifier.verify(proof, proof, BODY, COUNT, NOW), ReasonCode.TOKEN_MALFORMED);
    assertRefused(() -> verifier.verifyToken(proof, NOW), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void tokenShapedJwsOfAnotherTyp_isTokenTypeInvalid() {
    for (String typ : new String[] {BatchProof.TYPE, ClientAssertion.TYPE, io.tqc.api.status.SignedStatus.TYPE,
        io.tqc.api.status.StatusListToken.TYPE}) {
      Map<String, Object> header = Fixture.tokenHeader();
      header.put("typ", typ);
      assertTokenRefused(Fixture.signToken(header, Fixture.tokenClaims()), ReasonCode.TOKEN_TYPE_INVALID);
    }
  }

  @Test
  void proofWhoseJwkCarriesAPrivateKey_isMalformed() {
    Map<String, Object> jwk = new LinkedHashMap<>(Fixture.resellerJwk());
    String privateJwk = Fixture.RESELLER_KEY.exportPrivateJwk();
    jwk.put("d", privateJwk.substring(privateJwk.indexOf("\"d\":\"") + 5, privateJwk.lastIndexOf('"')));
    Map<String, Object> header = Fixture.proofHeader();
    header.put("jwk", jwk);

    io.tqc.api.VerificationException e =
        assertRefused(() -> verifier.verify(token, Fixture.signProof(header, Fixture.proofClaims(token)), BODY, COUNT,
            NOW), ReasonCode.PROOF_MALFORMED);
    assertThat(e.getMessage()).doesNotContain((String) jwk.get("d"));
  }

  @Test
  void nullInputs_areMalformed() {
    assertRefused(() -> verifier.verifyToken(null, NOW), ReasonCode.TOKEN_MALFORMED);
    assertRefused(() -> verifier.verify((String) null, proof, BODY, COUNT, NOW), ReasonCode.TOKEN_MALFORMED);
  }

  @Test
  void rejectionDetails_neverCarryTheTokenOrProof() {
    Map<String, Object> header = Fixture.tokenHeader();
    header.put("alg", "none");
    String candidate = Fixture.signToken(header, Fixture.tokenClaims());

    io.tqc.api.VerificationException e =
        assertRefused(() -> verifier.verifyToken(candidate, NOW), ReasonCode.TOKEN_ALG_NOT_ALLOWED);
    assertThat(e.getMessage()).doesNotContain(candidate.split("\\.")[1]).doesNotContain(candidate.split("\\.")[2]);
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> root, String path, Object value) {
    String[] steps = path.split("\\.");
    Map<String, Object> target = root;
    for (int i = 0; i < steps.length - 1; i++) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) target.get(steps[i]));
      target.put(steps[i], copy);
      target = copy;
    }
    target.put(steps[steps.length - 1], value);
  }
}
