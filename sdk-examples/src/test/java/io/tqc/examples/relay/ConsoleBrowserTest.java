package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.examples.console.ConsoleConfig;
import io.tqc.examples.console.Operator;
import io.tqc.examples.console.Role;
import io.tqc.relay.Registration;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.testing.ResellerIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator console in a real browser: Debian's chromium driven by playwright-core
 * ({@code src/test/console-e2e/console-e2e.mjs}) against a relay this test starts. The browser logs
 * in, reads the dashboard (open cases, audit commit time, feed lag, resellers near their quota),
 * finds and suspends a reseller and sees its recent batches, reports a message this test sent and
 * sees the traceback match, finds the case in the case list, confirms it and applies a sanction
 * other than the ladder's (reason required; the timed suspension shows its end), records an opt-out
 * and imports a sender-number list, exports and verifies evidence, is refused as a viewer, a forged
 * cross-site POST is refused, and repeated wrong logins are rate limited; then this test checks the relay's side (a client is
 * refused, the history names the operator, the forged target is unchanged).
 *
 * <p>Skipped with a message when chromium, node or the npm packages are missing, except under
 * {@code CI=true} where that fails. Screenshots go to {@code target/console-screenshots}, or to
 * {@code docs/images/console} with {@code -Dconsole.screenshots=docs}.
 */
class ConsoleBrowserTest {
  static final String ISSUER = "https://relay.console.test";
  static final String OPERATOR = "kim.operator";
  static final String OPERATOR_PASSWORD = "operator-pass-1";
  static final String VIEWER = "lee.viewer";
  static final String VIEWER_PASSWORD = "viewer-pass-1";
  static final String TEXT = "(광고)테스트상점 할인 안내 문의 02-1234-5678 무료거부 080-123-4567";
  static final String RECIPIENT = "010-3333-4444";

  @TempDir
  Path data;

  @Test
  void operatorFlows_inChromium() throws Exception {
    Path e2e = Paths.get("src/test/console-e2e").toAbsolutePath();
    String missing = missingTools(e2e);
    if (missing != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("browser tests need " + missing + " (CI=true); .ci/run installs them");
      }
      Assumptions.abort("console browser tests skipped: " + missing + " (see docs/console.md)");
    }
    int fillerResellers = Integer.getInteger("console.perf.resellers", 1000);
    int auditedBatches = Integer.getInteger("console.perf.batches", 200);
    ConsoleConfig console = new ConsoleConfig.Builder()
        .addOperator(Operator.withPassword(OPERATOR, Role.OPERATOR, OPERATOR_PASSWORD.toCharArray()))
        .addOperator(Operator.withPassword(VIEWER, Role.VIEWER, VIEWER_PASSWORD.toCharArray()))
        .build();
    try (RelayProtection protection = RelayProtection.open(data, new byte[32], "provider-token-0123456789");
        RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .protection(protection).console(console).build())) {
      RelayHttp http = new RelayHttp(server.url(), server.adminToken());
      RelayHttp.Reseller a = http.reseller(ISSUER);
      RelayHttp.Reseller b = http.reseller(ISSUER);
      RelayHttp.Reseller c = http.reseller(ISSUER);
      String aName = "한빛문자 " + a.id.value().substring(0, 4);
      assertThat(a.register(Map.of("name", aName)).status()).isEqualTo(201);
      assertThat(b.register(Map.of("origin_code", "987654321")).status()).isEqualTo(201);
      assertThat(c.register(Map.of()).status()).isEqualTo(201);
      long setupStarted = System.nanoTime();
      registerFillers(server, fillerResellers, Set.of(a.id, b.id, c.id));
      String aToken = a.token();
      RelayHttp.Response aSent = a.send(aToken);
      assertThat(aSent.status()).isEqualTo(202);
      byte[] one = RelayHttp.body(RelayHttp.SENDERS.get(0), 1);
      assertThat(http.batch(aToken, a.proof(aToken, one, 2), one).code())
          .isEqualTo(ReasonCode.BATCH_COUNT_MISMATCH.code()); // shown among A's refused batches
      String bToken = b.token();
      byte[] reportedBody = EnforcementRoutesTest.body(RECIPIENT, TEXT);
      RelayHttp.Response reported = http.batch(bToken, b.proof(bToken, reportedBody, 1), reportedBody);
      assertThat(reported.status()).as(reported.body()).isEqualTo(202);
      // C's daily quota: its audited batches (two messages each) fill about 90 % of it, so the
      // dashboard lists C among the resellers near their quota.
      server.relay().enforcement().setQuota(QuotaSubject.reseller(c.id),
          QuotaLimits.of(2L * auditedBatches + Math.max(10, auditedBatches / 5), QuotaLimits.UNLIMITED), "setup");
      auditBatches(server, c, auditedBatches);
      long setupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStarted);

      Path shots = "docs".equals(System.getProperty("console.screenshots"))
          ? Paths.get("..", "docs", "images", "console").toAbsolutePath().normalize()
          : Paths.get("target", "console-screenshots").toAbsolutePath();
      ProcessBuilder node = new ProcessBuilder("node", "console-e2e.mjs").directory(e2e.toFile())
          .redirectErrorStream(true);
      Map<String, String> env = node.environment();
      env.put("CONSOLE_URL", server.url());
      env.put("RESELLER_A", a.id.value());
      env.put("RESELLER_A_NAME", aName);
      env.put("RESELLER_A_BATCH", aSent.string("batch_id"));
      env.put("RESELLER_B", b.id.value());
      env.put("RESELLER_C", c.id.value());
      env.put("REPORT_RECIPIENT", "+82 10 3333 4444");
      env.put("REPORT_SENDER", "02-1234-5678");
      env.put("REPORT_TEXT", "[Web발신]\n" + TEXT);
      env.put("REPORT_ORIGIN", "987654321");
      env.put("REPORT_BATCH", reported.string("batch_id"));
      env.put("OPERATOR_NAME", OPERATOR);
      env.put("OPERATOR_PASSWORD", OPERATOR_PASSWORD);
      env.put("VIEWER_NAME", VIEWER);
      env.put("VIEWER_PASSWORD", VIEWER_PASSWORD);
      env.put("SCREENSHOTS", shots.toString());
      long browserStarted = System.nanoTime();
      Process process = node.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
      long browserMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - browserStarted);
      assertThat(process.exitValue()).as("browser flows:\n" + output).isZero();
      Files.writeString(Paths.get("target", "console-e2e-result.json"), "{\"resellers\":" + (fillerResellers + 3)
          + ",\"audited_batches\":" + (auditedBatches + 2) + ",\"setup_ms\":" + setupMs + ",\"browser_ms\":"
          + browserMs + ",\"browser\":" + output.trim().substring(output.trim().lastIndexOf('\n') + 1) + "}\n");

      // The relay's side of what the browser did.
      RelayServerEndToEndTest.assertProblem(a.send(aToken), ReasonCode.CERTIFICATION_SUSPENDED);
      List<Map<String, Object>> history = http.adminGet("/v1/admin/resellers/" + a.id.value()).objects("history");
      assertThat(history.get(history.size() - 1)).containsEntry("actor", OPERATOR).containsEntry("status", "SUSPENDED");
      assertThat(http.adminGet("/v1/admin/resellers/" + b.id.value() + "/sanctions").objects("sanctions"))
          .singleElement().satisfies(s -> {
            assertThat(s).containsEntry("actor", OPERATOR).containsEntry("kind", "suspension");
            assertThat(s.get("ends_at")).isNotNull();
          });
      assertThat(http.adminGet("/v1/admin/resellers/" + b.id.value()).string("status")).isEqualTo("SUSPENDED");
      // The opt-out and the list the operator imported in the browser.
      assertThat(protection.suppressions().store().size()).isEqualTo(1);
      assertThat(protection.senderLists().current()).singleElement()
          .satisfies(l -> assertThat(l.version()).isEqualTo("2026-12-01"));
      // Neither the viewer nor the forged cross-site POST changed reseller C: its batches are still accepted.
      assertThat(http.adminGet("/v1/admin/resellers/" + c.id.value()).string("status")).isEqualTo("ACTIVE");
      assertThat(c.send(c.token()).status()).isEqualTo(202);
    }
  }

  /** Why the browser suite cannot run here, or null if it can. */
  static String missingTools(Path e2e) {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(Paths.get(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))) {
      missing.add("/usr/bin/chromium (apt-get install chromium)");
    }
    if (!onPath("node")) {
      missing.add("node");
    }
    if (!Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
      missing.add("playwright-core (npm ci in sdk-examples/src/test/console-e2e)");
    }
    return missing.isEmpty() ? null : String.join(", ", missing);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** Registers {@code count} more resellers straight through the registry (one shared key: fast). */
  static void registerFillers(RelayServer server, int count, Set<ResellerId> taken) throws Exception {
    SigningKey key = SigningKey.generate();
    Set<ResellerId> used = new HashSet<>(taken);
    int i = 0;
    while (i < count) {
      ResellerId id = ResellerIds.random();
      if (!used.add(id)) {
        continue;
      }
      server.relay().registry().register(new Registration.Builder().id(id).name("재판매사 " + i)
          .addKey(key.verificationKey()).senderNumbers(List.of(String.format("0212%06d", i)))
          .originCode(String.format("%09d", 100_000_000 + i)).build(), "setup");
      i++;
    }
  }

  /** Has the relay accept and audit {@code count} batches of two messages from {@code reseller}. */
  static void auditBatches(RelayServer server, RelayHttp.Reseller reseller, int count) throws Exception {
    String token = reseller.token();
    for (int i = 0; i < count; i++) {
      byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 2);
      // Each batch needs its own proof (a replayed proof is refused).
      server.relay().acceptBatch(token, reseller.proof(token, body, 2), body);
    }
  }

}
