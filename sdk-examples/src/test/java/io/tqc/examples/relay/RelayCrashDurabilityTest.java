package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay in a child JVM is killed with SIGKILL right after it acknowledged a suspension; the relay
 * started again on the same data directory has the reseller suspended.
 */
class RelayCrashDurabilityTest {
  static final String ISSUER = "https://relay.crash.test";
  static final String ADMIN_TOKEN = "crash-test-admin-token-0123456789";
  static final Pattern LISTENING = Pattern.compile("TQC relay listening on (http://\\S+)");

  @TempDir
  Path data;

  Process child;

  /** A relay in a child JVM; returns its URL once it logged the line with it. */
  String startChild() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
        "--port", "0", "--data", data.toString(), "--issuer", ISSUER);
    builder.environment().put("TQC_ADMIN_TOKEN", ADMIN_TOKEN);
    builder.redirectErrorStream(true);
    child = builder.start();
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread drain = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
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
      url.completeExceptionally(new IllegalStateException("child relay exited: " + output));
    }, "child-relay-output");
    drain.setDaemon(true);
    drain.start();
    return url.get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopChild() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroy();
      if (!child.waitFor(20, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void relayKilledRightAfterAcknowledgingSuspension_restartsSuspended() throws Exception {
    RelayHttp first = new RelayHttp(startChild(), ADMIN_TOKEN);
    String jwks = first.get("/.well-known/jwks.json").body();
    RelayHttp.Reseller reseller = first.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    String token = reseller.token();
    byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), 3);
    String proof = reseller.proof(token, body, 3);
    assertThat(first.batch(token, proof, body).status()).isEqualTo(202);

    RelayHttp.Response suspended = first.suspend(reseller.id, "spam reports");
    assertThat(suspended.status()).isEqualTo(200);
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

    RelayHttp second = new RelayHttp(startChild(), ADMIN_TOKEN);
    RelayHttp.Response shown = second.adminGet("/v1/admin/resellers/" + reseller.id.value());
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.string("status")).isEqualTo("SUSPENDED");
    List<Map<String, Object>> history = shown.objects("history");
    assertThat(history).extracting(h -> h.get("event")).containsExactly("REGISTERED", "SUSPENDED");
    assertThat(history.get(1)).containsEntry("reason", "spam reports");
    // The reseller helper is bound to the dead relay's URL: talk to the new one explicitly.
    assertProblem(second.token(reseller.id.value(), reseller.assertion()), ReasonCode.CERTIFICATION_SUSPENDED);
    byte[] next = RelayHttp.body(RelayHttp.SENDERS.get(1), 1);
    assertProblem(second.batch(token, reseller.proof(token, next, 1), next), ReasonCode.CERTIFICATION_SUSPENDED);
    assertThat(second.get("/.well-known/jwks.json").body()).isEqualTo(jwks);

    // The batch accepted before the crash is in the audit and cannot be replayed after the restart.
    assertThat(second.reinstate(reseller.id).status()).isEqualTo(200);
    assertProblem(second.batch(token, proof, body), ReasonCode.BATCH_REPLAYED);
  }
}
