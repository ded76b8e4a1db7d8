package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI commands end to end against an in-process reference relay, as an operator and a reseller use them. */
class CliEndToEndTest {
  static final String ID = "124-81-00998";

  @TempDir
  Path dir;

  RelayServer server;
  String url;
  String admin;

  @BeforeEach
  void startRelay() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir.resolve("relay")).build());
    url = server.url();
    admin = server.adminToken();
  }

  @AfterEach
  void stopRelay() throws Exception {
    server.close();
  }

  CliTestSupport.Result admin(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "admin";
    all[1] = "--relay";
    all[2] = url;
    all[3] = "--admin-token=" + admin;
    System.arraycopy(args, 0, all, 4, args.length);
    return CliTestSupport.run(all);
  }

  /** Generates a key pair with keygen: the private JWK file and a file with the printed public JWK. */
  Path[] keygen(String name) throws Exception {
    Path key = dir.resolve(name + ".jwk");
    CliTestSupport.Result keygen = CliTestSupport.run("keygen", "--out", key.toString());
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    Path publicKey = dir.resolve(name + ".pub.jwk");
    Files.writeString(publicKey, keygen.out());
    return new Path[] {key, publicKey};
  }

  CliTestSupport.Result register(Path publicKey) {
    return admin("register", "--reseller-id", ID, "--name", "(주)예시문자", "--public-key", publicKey.toString(),
        "--sender-number", "02-1234-5678", "--sender-number", "1588-1234", "--origin-code", "123-45-6789");
  }

  Path batchFile() throws Exception {
    Batch batch = new Batch.Builder().senderNumber("0212345678").advertising(true)
        .advertiser("한빛베이커리", "02-1234-5678")
        .addMessage(new BatchMessage("010-2000-0001", "(광고)한빛베이커리 전 품목 10% 할인 문의 02-1234-5678 무료거부 080-123-4567", true))
        .addMessage(new BatchMessage("010-2000-0002", "(광고)한빛베이커리 전 품목 10% 할인 문의 02-1234-5678 무료거부 080-123-4567", true))
        .build();
    Path file = dir.resolve("batch.json");
    Files.write(file, batch.toJsonBytes());
    return file;
  }

  CliTestSupport.Result send(Path key, Path batch) {
    return CliTestSupport.run("send", "--relay", url, "--reseller-id", ID, "--key", key.toString(), "--batch",
        batch.toString());
  }

  @Test
  void keygenRegisterFetchSendSuspendShow_throughTheCli() throws Exception {
    Path[] keys = keygen("reseller");

    CliTestSupport.Result registered = register(keys[1]);
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    ResellerId id = ResellerId.parse(ID);
    assertThat(registered.out().trim()).isEqualTo(server.relay().registry().get(id).certificationId());
    assertThat(server.relay().registry().get(id).senderNumbers()).containsExactly("0212345678", "15881234");

    CliTestSupport.Result token = CliTestSupport.run("token", "fetch", "--relay", url, "--reseller-id", ID,
        "--key", keys[0].toString());
    assertThat(token.exitCode()).as(token.err()).isZero();
    assertThat(token.out().trim()).doesNotContain("\n").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    CliTestSupport.Result verified = CliTestSupport.run("token", "verify", "--jwks", url + "/.well-known/jwks.json",
        "--issuer", server.relay().issuer(), token.out().trim());
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("\"sub\":\"1248100998\"").contains("\"origin_code\":\"123456789\"");

    Path batch = batchFile();
    CliTestSupport.Result sent = send(keys[0], batch);
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    Matcher accepted = Pattern.compile("accepted (\\S+) 2").matcher(sent.out().trim());
    assertThat(accepted.matches()).as(sent.out()).isTrue();
    assertThat(server.relay().auditRecord(accepted.group(1))).isNotNull();

    CliTestSupport.Result suspended = admin("--actor", "kim", "suspend", "--reseller-id", ID, "--reason", "불법스팸 전송 확인");
    assertThat(suspended.exitCode()).as(suspended.err()).isZero();
    assertThat(suspended.out()).contains("1248100998 SUSPENDED seq=2");
    assertThat(server.relay().registry().get(id).status()).isEqualTo(CertificationStatus.SUSPENDED);

    CliTestSupport.Result refused = send(keys[0], batch);
    assertThat(refused.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).startsWith("error: certification_suspended: ").doesNotContain("\tat ");
    assertThat(refused.err().lines()).hasSize(1);

    CliTestSupport.Result shown = admin("show", "--reseller-id", ID);
    assertThat(shown.exitCode()).as(shown.err()).isZero();
    assertThat(shown.out()).contains("124-81-00998  (주)예시문자").contains("SUSPENDED (seq 2) — 불법스팸 전송 확인")
        .contains("REGISTERED").contains("kim  불법스팸 전송 확인").contains("0212345678, 15881234");
    CliTestSupport.Result json = admin("show", "--reseller-id", ID, "--json");
    assertThat(json.out()).contains("\"history\":[").contains("\"status\":\"SUSPENDED\"");

    CliTestSupport.Result reinstated = admin("reinstate", "--reseller-id", ID, "--reason", "소명 확인");
    assertThat(reinstated.out()).contains("ACTIVE seq=3");
    assertThat(send(keys[0], batch).exitCode()).isZero();
    assertThat(admin("revoke", "--reseller-id", ID, "--reason", "취소").exitCode()).isZero();
    CliTestSupport.Result again = admin("reinstate", "--reseller-id", ID, "--reason", "다시");
    assertThat(again.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(again.err()).startsWith("error: transition_not_allowed: ");
  }

  @Test
  void unregisteredReseller_sendIsRefusedWithTheRelayCode() throws Exception {
    Path[] keys = keygen("stranger");
    CliTestSupport.Result refused = send(keys[0], batchFile());
    assertThat(refused.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(refused.err()).startsWith("error: reseller_unknown: ").doesNotContain("\tat ");
  }

  @Test
  void wrongAdminToken_isUnauthorized() {
    admin = "not-the-admin-token-at-all";
    CliTestSupport.Result result = admin("show", "--reseller-id", ID);
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: unauthorized: ");
  }

  @Test
  void register_refusesAPrivateKeyFile() throws Exception {
    Path[] keys = keygen("careless");
    CliTestSupport.Result result = register(keys[0]);
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).contains("PRIVATE key");
    assertThat(server.relay().registry().all()).isEmpty();
  }

  @Test
  void unreachableRelay_isExitThree() throws Exception {
    url = "http://127.0.0.1:" + server.port();
    server.close();
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir.resolve("other")).build());
    CliTestSupport.Result result = admin("show", "--reseller-id", ID);
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_IO);
    assertThat(result.err()).startsWith("error: cannot reach the relay").doesNotContain("\tat ");
  }

  @Test
  void invalidResellerId_isItsReasonCode() {
    CliTestSupport.Result result = admin("show", "--reseller-id", "124-81-00999");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: reseller_id_invalid: ");
  }

  @Test
  void everyNewCommand_hasHelp() {
    for (List<String> command : List.of(List.of("relay"), List.of("admin"), List.of("admin", "register"),
        List.of("admin", "suspend"), List.of("admin", "reinstate"), List.of("admin", "revoke"), List.of("admin", "show"),
        List.of("token", "fetch"), List.of("send"), List.of("demo"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      CliTestSupport.Result result = CliTestSupport.run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).contains("Usage:");
    }
    assertThat(CliTestSupport.run("--help").out()).contains("relay", "admin", "send", "demo", "Exit codes:");
  }
}
