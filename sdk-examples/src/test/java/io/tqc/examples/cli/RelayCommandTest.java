package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.RuleMode;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tqc relay}: prints its URL, serves the contract, stops cleanly on SIGTERM or interruption. */
class RelayCommandTest {
  static final String ADMIN_TOKEN = "relay-command-admin-token-0123456789";
  static final String ISSUER = "https://relay.cli.test";
  static final Pattern LISTENING = Pattern.compile("TQC relay listening on (http://\\S+)");

  @TempDir
  Path dir;

  Process child;

  @AfterEach
  void killChild() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void childProcess_printsUrl_servesTheContract_andStopsCleanlyOnSigterm() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), TqcCli.class.getName(),
        "relay", "--port", "0", "--data", dir.resolve("data").toString(), "--issuer", ISSUER);
    builder.environment().put("TQC_ADMIN_TOKEN", ADMIN_TOKEN);
    builder.redirectErrorStream(true);
    child = builder.start();
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            url.complete(matcher.group(1));
          }
        }
      } catch (Exception e) {
        // the child is gone
      }
      url.completeExceptionally(new IllegalStateException("relay exited: " + output));
    }, "tqc-relay-child-output");
    drain.setDaemon(true);
    drain.start();

    String base = url.get(60, TimeUnit.SECONDS);
    HttpResponse<String> configuration = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(base + "/.well-known/tqc-configuration")).timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(configuration.statusCode()).isEqualTo(200);
    assertThat(configuration.body()).contains("\"issuer\":\"" + ISSUER + "\"");

    // SIGTERM through the handle: Process.destroy() would also close our end of the child's stdout.
    assertThat(child.toHandle().destroy()).isTrue();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    drain.join(10_000);
    assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
    synchronized (output) {
      assertThat(output.toString()).contains("TQC relay stopped.").doesNotContain("Exception");
    }
    assertThat(dir.resolve("data").resolve("relay.db")).exists();
  }

  @Test
  void inProcess_interruptStopsTheRelayAndExitsZero() throws Exception {
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(TqcCli.run(new String[] {"relay", "--port", "0", "--data",
        dir.resolve("data").toString(), "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))), "tqc-relay-in-process");
    runner.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("listening on"));
    runner.interrupt();
    runner.join(30_000);
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).contains("TQC relay stopped.");
    assertThat(Files.exists(dir.resolve("data").resolve("signing-keys.json"))).isTrue();
  }

  @Test
  void shortAdminToken_isAUsageError() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(),
        "--issuer", ISSUER, "--admin-token", "short");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).startsWith("error: ").contains("16");
  }

  @Test
  void missingRequiredOption_isAUsageError() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--issuer", ISSUER);
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).startsWith("error: usage: ").contains("--data").contains("tqc relay --help");
    assertThat(result.err().lines()).hasSize(1);
  }

  static RelayServerConfig parse(String envToken, String... args) throws CliException {
    RelayCommand command = new RelayCommand();
    new picocli.CommandLine(command).parseArgs(args);
    return command.config(envToken);
  }

  static String[] with(String... more) {
    String[] base = {"--port", "0", "--data", "d", "--issuer", "https://r.kr"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void flags_configureTheServer() throws Exception {
    RelayServerConfig config = parse(null, "--port", "0", "--data", "d", "--issuer", "https://relay.example.kr",
        "--admin-token", ADMIN_TOKEN, "--host", "0.0.0.0", "--heartbeat-seconds", "5");
    assertThat(config.port()).isZero();
    assertThat(config.dataDirectory()).isEqualTo(Paths.get("d"));
    assertThat(config.issuer()).isEqualTo("https://relay.example.kr");
    assertThat(config.adminToken()).isEqualTo(ADMIN_TOKEN);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void trustedProxyFlag_isRepeatable_noneByDefault_andABadRangeIsAUsageError() throws Exception {
    assertThat(parse(ADMIN_TOKEN, with()).trustedProxies().cidrs()).isEmpty();
    assertThat(parse(ADMIN_TOKEN, with("--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "192.0.2.7"))
        .trustedProxies().cidrs()).containsExactly("10.0.0.0/8", "192.0.2.7/32");
    CliTestSupport.Result bad = CliTestSupport.run(prefixed("relay", with("--admin-token", ADMIN_TOKEN,
        "--trusted-proxy", "lb.internal")));
    assertThat(bad.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(bad.err()).startsWith("error: --trusted-proxy: trusted proxy \"lb.internal\" is not an IP address");
  }

  @Test
  void complianceFlag_choosesTheContentPolicy_enforcingByDefault() throws Exception {
    assertThat(parse(ADMIN_TOKEN, with()).contentPolicy()).isSameAs(ComplianceContentPolicy.defaults());
    assertThat(parse(ADMIN_TOKEN, with("--compliance", "enforce")).contentPolicy())
        .isSameAs(ComplianceContentPolicy.defaults());
    assertThat(parse(ADMIN_TOKEN, with("--compliance", "off")).contentPolicy()).isSameAs(ContentPolicy.NONE);
    ContentPolicy warn = parse(ADMIN_TOKEN, with("--compliance", "warn")).contentPolicy();
    assertThat(((ComplianceContentPolicy) warn).policy().enforcement(ReasonCode.AD_MARKER_MISSING))
        .isEqualTo(RuleMode.WARN);
    CliTestSupport.Result strict = CliTestSupport.run(prefixed("relay", with("--admin-token", ADMIN_TOKEN,
        "--compliance", "strict")));
    assertThat(strict.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(strict.err()).isEqualTo("error: --compliance must be enforce, warn or off\n");
  }

  @Test
  void adminToken_mayComeFromTheEnvironment_flagWins() throws Exception {
    assertThat(parse(ADMIN_TOKEN, with()).adminToken()).isEqualTo(ADMIN_TOKEN);
    assertThat(parse(ADMIN_TOKEN, with("--admin-token", ADMIN_TOKEN + "x")).adminToken()).isEqualTo(ADMIN_TOKEN + "x");
  }

  @Test
  void portInUse_isOneLineExitThree_namingTheCause() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliTestSupport.Result result = CliTestSupport.run("relay", "--port", Integer.toString(taken.getLocalPort()),
          "--data", dir.resolve("data").toString(), "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN);
      assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_IO);
      assertThat(result.err()).isEqualTo("error: cannot start the relay on 127.0.0.1:" + taken.getLocalPort()
          + ": address already in use\n");
    }
  }

  static String[] prefixed(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
