package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a new user meets it when something is wrong (issue 15, items 11 and 12): one line
 * {@code error: ...} on stderr with the documented exit code, no library log lines unless
 * {@code --verbose}, no internals in the message, every violation listed, unknown options named,
 * {@code --version} everywhere.
 */
class CliErrorsTest {
  static final String ID = "124-81-00998";

  @TempDir
  Path dir;

  RelayServer server;
  String url;

  @BeforeEach
  void startRelay() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir.resolve("relay")).build());
    url = server.url();
  }

  @AfterEach
  void stopRelay() throws Exception {
    server.close();
  }

  record Child(int exitCode, String out, String err) {}

  /** Runs {@code java -jar tqc.jar ARGS} as a user would: a fresh JVM with the CLI's own logging setup. */
  static Child child(String... args) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), TqcCli.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("tqc " + String.join(" ", args) + " did not finish");
    }
    return new Child(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
  }

  static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "(unreadable: " + e + ")";
    }
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  Path[] keygen(String name) throws Exception {
    Path key = dir.resolve(name + ".jwk");
    CliTestSupport.Result keygen = CliTestSupport.run("keygen", "--out", key.toString());
    assertThat(keygen.exitCode()).as(keygen.err()).isZero();
    Path publicKey = dir.resolve(name + ".pub.jwk");
    Files.writeString(publicKey, keygen.out());
    return new Path[] {key, publicKey};
  }

  Path[] registered() throws Exception {
    Path[] keys = keygen("reseller");
    CliTestSupport.Result registered = CliTestSupport.run("admin", "--relay", url, "--admin-token",
        server.adminToken(), "register", "--reseller-id", ID, "--name", "(주)예시문자", "--public-key",
        keys[1].toString(), "--sender-number", "02-1234-5678", "--origin-code", "123456789");
    assertThat(registered.exitCode()).as(registered.err()).isZero();
    return keys;
  }

  Path file(String name, byte[] content) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  static byte[] batch(String... texts) {
    Batch.Builder batch = new Batch.Builder().senderNumber("0212345678").advertising(true)
        .advertiser("한빛베이커리", "02-1234-5678");
    for (int i = 0; i < texts.length; i++) {
      batch.addMessage(new BatchMessage(String.format("010-2000-%04d", i), texts[i], true));
    }
    return batch.build().toJsonBytes();
  }

  static final String GOOD = "(광고)한빛베이커리 전 품목 10% 할인 문의 02-1234-5678 무료거부 080-123-4567";

  @Test
  void send_withTheRelayDown_failsAtOnceWithExitThree_oneLineNamingTheConnectionFailure() throws Exception {
    Path[] keys = keygen("offline");
    Path batch = file("batch.json", batch(GOOD));
    // A two-minute token timeout: only failing fast finishes inside child()'s limit.
    Child result = child("send", "--relay", "http://127.0.0.1:" + closedPort(), "--reseller-id", ID, "--key",
        keys[0].toString(), "--batch", batch.toString(), "--timeout", "120");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(TqcCli.EXIT_IO);
    assertThat(result.err().lines()).as(result.err()).hasSize(1);
    assertThat(result.err()).startsWith("error: cannot reach the relay at 127.0.0.1:")
        .endsWith(": connection refused\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void revokedReseller_send_printsOnlyTheRefusal_libraryLogsStayOut() throws Exception {
    Path[] keys = registered();
    server.relay().registry().revoke(io.tqc.api.token.ResellerId.parse(ID), "전송자격 취소", "kim");
    Child result = child("send", "--relay", url, "--reseller-id", ID, "--key", keys[0].toString(), "--batch",
        file("batch.json", batch(GOOD)).toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err().lines()).as(result.err()).hasSize(1);
    assertThat(result.err()).startsWith("error: certification_revoked: ").doesNotContain("WARN", "INFO");
  }

  @Test
  void verbose_letsTheLibraryLogsThrough() throws Exception {
    Path[] keys = registered();
    Child result = child("send", "--verbose", "--relay", url, "--reseller-id", ID, "--key", keys[0].toString(),
        "--batch", file("batch.json", batch(GOOD)).toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("INFO io.tqc.client"); // the control: logging is silenced, not broken
  }

  @Test
  void nonJsonBatch_isRefusedInWords_withoutTheParsersInternals() throws Exception {
    Path[] keys = registered();
    CliTestSupport.Result result = CliTestSupport.run("send", "--relay", url, "--reseller-id", ID, "--key",
        keys[0].toString(), "--batch", file("batch.json", "this is not json".getBytes(StandardCharsets.UTF_8))
            .toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err()).startsWith("error: batch_malformed: ").doesNotContain("setLenient", "JsonReader");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void nonCompliantBatch_listsEveryViolation_onOneLine() throws Exception {
    Path[] keys = registered();
    CliTestSupport.Result result = CliTestSupport.run("send", "--relay", url, "--reseller-id", ID, "--key",
        keys[0].toString(), "--batch", file("batch.json", batch("할인 안내", GOOD, "한빛베이커리 할인 문의 02-1234-5678"))
            .toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).doesNotContain("see report()").doesNotContain("more violation")
        .contains("messages[0] ad_marker_missing").contains("messages[2] ad_marker_missing")
        .contains("messages[2] opt_out_missing");
  }

  @Test
  void missingInputFiles_areExitThree_sayingNoSuchFile() throws Exception {
    Path[] keys = keygen("files");
    Path missing = dir.resolve("nope.json");
    CliTestSupport.Result jwks = CliTestSupport.run("token", "verify", "--jwks", missing.toString(), "--issuer",
        "https://r.kr", "a.b.c");
    CliTestSupport.Result batch = CliTestSupport.run("send", "--relay", url, "--reseller-id", ID, "--key",
        keys[0].toString(), "--batch", missing.toString());
    CliTestSupport.Result key = CliTestSupport.run("send", "--relay", url, "--reseller-id", ID, "--key",
        missing.toString(), "--batch", missing.toString());
    for (CliTestSupport.Result result : List.of(jwks, batch, key)) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(TqcCli.EXIT_IO);
      assertThat(result.err()).isEqualTo("error: cannot read " + missing + ": no such file\n");
    }
  }

  @Test
  void unreachableJwksUrl_namesTheFailure_notNull() throws Exception {
    String jwks = "http://127.0.0.1:" + closedPort() + "/.well-known/jwks.json";
    CliTestSupport.Result result = CliTestSupport.run("token", "verify", "--jwks", jwks, "--issuer", "https://r.kr",
        "a.b.c");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_IO);
    assertThat(result.err()).isEqualTo("error: cannot fetch " + jwks + ": connection refused\n");
  }

  @Test
  void unknownOption_isNamed_evenWhenARequiredOptionIsAlsoMissing() {
    CliTestSupport.Result keygen = CliTestSupport.run("keygen", "--outt", "k.jwk");
    assertThat(keygen.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(keygen.err()).startsWith("error: usage: unknown option --outt").contains("tqc keygen --help");
    CliTestSupport.Result send = CliTestSupport.run("send", "--relay", url, "--bacth", "b.json");
    assertThat(send.err()).startsWith("error: usage: unknown option --bacth");
    assertThat(send.err().lines()).hasSize(1);
  }

  @Test
  void version_worksOnEveryCommand() {
    List<List<String>> commands = List.of(List.of(), List.of("keygen"), List.of("token"), List.of("token", "inspect"),
        List.of("token", "verify"), List.of("token", "fetch"), List.of("relay"), List.of("admin"),
        List.of("admin", "register"), List.of("admin", "suspend"), List.of("admin", "reinstate"),
        List.of("admin", "revoke"), List.of("admin", "show"), List.of("send"), List.of("demo"));
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--version");
      CliTestSupport.Result result = CliTestSupport.run(args.toArray(String[]::new));
      assertThat(result.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).as(String.join(" ", command)).startsWith("tqc ");
    }
  }

  @Test
  void adminHelp_showsRelayAsRequired_andAdminWithoutRelayIsAUsageError() {
    CliTestSupport.Result help = CliTestSupport.run("admin", "--help");
    assertThat(help.out()).contains("tqc admin --relay=URL ").doesNotContain("[--relay");
    CliTestSupport.Result missing = CliTestSupport.run("admin", "show", "--reseller-id", ID);
    assertThat(missing.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(missing.err()).isEqualTo("error: admin needs --relay URL\n");
  }

  @Test
  void statusChangeHelp_givesAnExampleReasonOfItsOwn() {
    String suspend = CliTestSupport.run("admin", "suspend", "--help").out();
    String reinstate = CliTestSupport.run("admin", "reinstate", "--help").out();
    String revoke = CliTestSupport.run("admin", "revoke", "--help").out();
    assertThat(suspend).contains("불법스팸 전송 확인");
    assertThat(reinstate).contains("정지 해제").doesNotContain("불법스팸");
    assertThat(revoke).contains("취소").doesNotContain("불법스팸");
  }

  @Test
  void originCode_mustBeNineDigits_beforeAnythingIsSent() throws Exception {
    Path[] keys = keygen("origin");
    CliTestSupport.Result result = CliTestSupport.run("admin", "--relay", url, "--admin-token", server.adminToken(),
        "register", "--reseller-id", ID, "--name", "(주)예시문자", "--public-key", keys[1].toString(),
        "--sender-number", "02-1234-5678", "--origin-code", "EXM24001");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).startsWith("error: --origin-code EXM24001 is not a first-sender identification code");
    assertThat(server.relay().registry().all()).isEmpty();
  }
}
