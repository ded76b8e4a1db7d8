package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenAndTokenCommandsTest {
  static final String RELAY = "https://relay.example.kr";
  @TempDir
  Path dir;

  @Test
  void keygen_writesPrivateJwkWithOwnerOnlyModeAndPrintsMatchingPublicJwk() throws Exception {
    Path keyFile = dir.resolve("reseller.jwk");
    CliTestSupport.Result result = CliTestSupport.run("keygen", "--out", keyFile.toString());

    assertThat(result.exitCode()).isZero();
    SigningKey key = SigningKey.fromJwk(Files.readString(keyFile));
    VerificationKey printed = VerificationKey.fromJwk(result.out().trim());
    assertThat(printed.thumbprint()).isEqualTo(key.verificationKey().thumbprint());
    assertThat(key.keyId()).isEqualTo(key.verificationKey().thumbprint());
    assertThat(result.out()).doesNotContain("\"d\"");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void keygen_refusesToOverwriteAnExistingKey() throws Exception {
    Path keyFile = dir.resolve("existing.jwk");
    Files.writeString(keyFile, "keep me");
    CliTestSupport.Result result = CliTestSupport.run("keygen", "--out", keyFile.toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).startsWith("error: ").contains("already exists");
    assertThat(Files.readString(keyFile)).isEqualTo("keep me");
  }

  @Test
  void tokenVerify_acceptsAValidTokenAndPrintsItsClaims() throws Exception {
    SigningKey relayKey = SigningKey.generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, KeySet.of(relayKey.verificationKey()).toJson());
    CertificationToken token = token(relayKey, Instant.now());

    CliTestSupport.Result result = CliTestSupport.run("token", "verify", "--jwks", jwks.toString(),
        "--issuer", RELAY, token.compact());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("\"sub\":\"1248100998\"").contains("\"cert_id\":\"cert-7\"");
  }

  @Test
  void tokenVerify_expiredToken_exitsOneWithReasonCode() throws Exception {
    SigningKey relayKey = SigningKey.generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, KeySet.of(relayKey.verificationKey()).toJson());
    CertificationToken token = token(relayKey, Instant.now().minusSeconds(3600));

    CliTestSupport.Result result = CliTestSupport.run("token", "verify", "--jwks", jwks.toString(),
        "--issuer", RELAY, token.compact());

    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: token_expired: ");
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void tokenVerify_tokenFromAnotherRelayKey_isTokenKeyUnknown() throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, KeySet.of(SigningKey.generate().verificationKey()).toJson());
    CliTestSupport.Result result = CliTestSupport.run("token", "verify", "--jwks", jwks.toString(),
        "--issuer", RELAY, token(SigningKey.generate(), Instant.now()).compact());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: token_key_unknown: ");
  }

  @Test
  void tokenInspect_printsHeaderClaimsAndSeoulTimes() throws Exception {
    Instant issued = Instant.parse("2026-11-28T12:00:00Z");
    CliTestSupport.Result result = CliTestSupport.run("token", "inspect", token(SigningKey.generate(), issued).compact());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"typ\":\"tqc-cert+jwt\"")
        .contains("\"iat\":\"2026-11-28T21:00+09:00\"")
        .contains("\"verified\":false");
  }

  @Test
  void tokenInspect_garbage_isTokenMalformedWithoutStackTrace() {
    CliTestSupport.Result result = CliTestSupport.run("token", "inspect", "not-a-token");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: token_malformed: ").doesNotContain("\tat ");
  }

  @Test
  void verbose_printsTheStackTrace() {
    CliTestSupport.Result result = CliTestSupport.run("--verbose", "token", "inspect", "not-a-token");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).contains("\tat ");
  }

  @Test
  void everyCommand_hasHelp() {
    for (String[] command : List.of(new String[] {"--help"}, new String[] {"keygen", "--help"},
        new String[] {"token", "verify", "--help"}, new String[] {"token", "inspect", "--help"})) {
      CliTestSupport.Result result = CliTestSupport.run(command);
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).contains("Usage:");
    }
  }

  private static CertificationToken token(SigningKey relayKey, Instant issuedAt) throws Exception {
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(RELAY).subject(ResellerId.parse("124-81-00998")).issuedAt(issuedAt)
        .expiresAt(issuedAt.plusSeconds(600)).tokenId("AAAAAAAAAAAAAAAAAAAAAA")
        .keyThumbprint(SigningKey.generate().verificationKey().thumbprint())
        .certificationId("cert-7").certificationExpiresAt(issuedAt.plusSeconds(86400))
        .senderNumbers(List.of("0212345678")).originCode("123456789").statusListIndex(0)
        .statusListUri(RELAY + "/v1/status-lists/0").build(), relayKey);
  }
}
