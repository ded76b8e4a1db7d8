package io.tqc.api.token;

import static io.tqc.api.testing.Jose.map;
import static io.tqc.api.testing.Rejections.assertRefused;
import static io.tqc.api.token.Fixture.NOW;
import static io.tqc.api.token.Fixture.RELAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.SigningKey;
import io.tqc.api.testing.Jose;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented order of {@link CertificationVerifier#verify(String, String, byte[], int, java.time.Instant)}:
 * with any two faults present, the reason of the earlier check is reported. {@link Fault} lists one
 * fault per check, in that order.
 */
class CheckOrderTest {

  /** What goes into one verify call, built from the fixture and then broken by faults. */
  static final class Scenario {
    final Map<String, Object> tokenHeader = Fixture.tokenHeader();
    final Map<String, Object> tokenClaims = Fixture.tokenClaims();
    SigningKey tokenSigner = Fixture.RELAY_KEY;
    String tokenOverride;
    final Map<String, Object> proofHeader = Fixture.proofHeader();
    final List<Consumer<Map<String, Object>>> proofClaimEdits = new ArrayList<>();
    SigningKey proofSigner = Fixture.RESELLER_KEY;
    String proofOverride;
    byte[] body = Fixture.BODY;
    int count = Fixture.COUNT;

    String token() {
      return tokenOverride != null ? tokenOverride : Jose.sign(tokenHeader, tokenClaims, tokenSigner);
    }

    String proof(String token) {
      if (proofOverride != null) {
        return proofOverride;
      }
      Map<String, Object> claims = Fixture.proofClaims(token);
      proofClaimEdits.forEach(edit -> edit.accept(claims));
      return Jose.sign(proofHeader, claims, proofSigner);
    }

    void verify() throws Exception {
      String token = token();
      Fixture.verifier().verify(token, proof(token), body, count, NOW);
    }
  }

  /** One fault per verifier check, declared in the documented check order. */
  enum Fault {
    TOKEN_MALFORMED(ReasonCode.TOKEN_MALFORMED, s -> s.tokenOverride = "not.a-token"),
    PROOF_MALFORMED(ReasonCode.PROOF_MALFORMED, s -> s.proofOverride = "not-a-proof"),
    TOKEN_ALG(ReasonCode.TOKEN_ALG_NOT_ALLOWED, s -> s.tokenHeader.put("alg", "HS256")),
    PROOF_ALG(ReasonCode.PROOF_ALG_NOT_ALLOWED, s -> s.proofHeader.put("alg", "ES256")),
    TOKEN_TYP(ReasonCode.TOKEN_TYPE_INVALID, s -> s.tokenHeader.put("typ", "JWT")),
    PROOF_TYP(ReasonCode.PROOF_TYPE_INVALID, s -> s.proofHeader.put("typ", "dpop+jwt")),
    TOKEN_KID(ReasonCode.TOKEN_KEY_UNKNOWN, s -> s.tokenHeader.put("kid", "retired-relay-key")),
    TOKEN_SIGNATURE(ReasonCode.TOKEN_SIGNATURE_INVALID, s -> s.tokenSigner = Fixture.OTHER_KEY),
    PROOF_SIGNATURE(ReasonCode.PROOF_SIGNATURE_INVALID, s -> s.proofSigner = Fixture.OTHER_KEY),
    TOKEN_ISSUER(ReasonCode.TOKEN_ISSUER_INVALID, s -> {
      s.tokenClaims.put("iss", "https://other.example.kr");
      s.tokenClaims.put("aud", RELAY);
    }),
    TOKEN_AUDIENCE(ReasonCode.TOKEN_AUDIENCE_INVALID, s -> s.tokenClaims.put("aud", "https://b.example")),
    PROOF_AUDIENCE(ReasonCode.PROOF_AUDIENCE_INVALID, s -> s.proofClaimEdits.add(c -> c.put("aud", "https://b.example"))),
    TOKEN_NBF(ReasonCode.TOKEN_NOT_YET_VALID, s -> s.tokenClaims.put("nbf", NOW.plusSeconds(120).getEpochSecond())),
    TOKEN_EXP(ReasonCode.TOKEN_EXPIRED, s -> {
      s.tokenClaims.put("iat", NOW.minusSeconds(900).getEpochSecond());
      s.tokenClaims.put("exp", NOW.minusSeconds(120).getEpochSecond());
    }),
    CERT_EXP(ReasonCode.CERTIFICATION_EXPIRED, s -> tqc(s).put("cert_exp", NOW.minusSeconds(1).getEpochSecond())),
    PROOF_KEY(ReasonCode.PROOF_KEY_MISMATCH,
        s -> s.tokenClaims.put("cnf", map("jkt", Fixture.OTHER_KEY.verificationKey().thumbprint()))),
    PROOF_IAT(ReasonCode.PROOF_STALE, s -> s.proofClaimEdits.add(c -> c.put("iat", NOW.minusSeconds(120).getEpochSecond()))),
    PROOF_ATH(ReasonCode.PROOF_TOKEN_MISMATCH, s -> s.proofClaimEdits.add(c -> c.put("ath", Digests.sha256Base64Url("x")))),
    BATCH_BH(ReasonCode.BATCH_DIGEST_MISMATCH, s -> s.body = "{}".getBytes(StandardCharsets.UTF_8)),
    BATCH_N(ReasonCode.BATCH_COUNT_MISMATCH, s -> s.count = 2);

    final ReasonCode reason;
    final Consumer<Scenario> apply;

    Fault(ReasonCode reason, Consumer<Scenario> apply) {
      this.reason = reason;
      this.apply = apply;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tqc(Scenario s) {
      Map<String, Object> tqc = new java.util.LinkedHashMap<>((Map<String, Object>) s.tokenClaims.get("tqc"));
      s.tokenClaims.put("tqc", tqc);
      return tqc;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Fault.class)
  void eachFaultAlone_isReportedWithItsReason(Fault fault) {
    Scenario scenario = new Scenario();
    fault.apply.accept(scenario);

    assertRefused(scenario::verify, fault.reason);
  }

  static Stream<Arguments> everyPairOfFaults() {
    List<Arguments> pairs = new ArrayList<>();
    Fault[] faults = Fault.values();
    for (int i = 0; i < faults.length; i++) {
      for (int j = i + 1; j < faults.length; j++) {
        pairs.add(Arguments.of(faults[i], faults[j]));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("everyPairOfFaults")
  void twoFaults_theEarlierCheckWins(Fault earlier, Fault later) {
    Scenario laterFirst = new Scenario();
    later.apply.accept(laterFirst);
    earlier.apply.accept(laterFirst);

    assertRefused(laterFirst::verify, earlier.reason);
  }

  @org.junit.jupiter.api.Test
  void everyFaultHasItsOwnReason() {
    assertThat(Stream.of(Fault.values()).map(f -> f.reason).distinct().count()).isEqualTo(Fault.values().length);
  }
}
