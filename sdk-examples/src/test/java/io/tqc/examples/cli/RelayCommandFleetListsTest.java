package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonObject;
import io.tqc.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tqc relay --store jdbc:postgresql:… --recipient-protection} on two nodes: a URL blocklist
 * imported through node 1's admin API is the version in force on node 2 within its poll interval,
 * read back from the shared database (node 2's data directory holds no list).
 */
class RelayCommandFleetListsTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();
  static final String ADMIN_TOKEN = "relay-fleet-admin-token-0123456789";
  static final String ISSUER = "https://relay.cli-fleet.test";

  @TempDir
  Path dir;
  final List<Process> children = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stop() throws Exception {
    for (Process child : children) {
      child.toHandle().destroy();
    }
    for (Process child : children) {
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static String random(int bytes, Base64.Encoder encoder) {
    byte[] out = new byte[bytes];
    new SecureRandom().nextBytes(out);
    return encoder.encodeToString(out);
  }

  String start(String node, String url, Map<String, String> env) throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), TqcCli.class.getName(),
        "relay", "--port", "0", "--data", dir.resolve(node).toString(), "--issuer", ISSUER,
        "--store", url, "--node-id", node, "--recipient-protection");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process child = builder.start();
    children.add(child);
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> base = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher matcher = RelayCommandTest.LISTENING.matcher(line);
          if (matcher.find()) {
            base.complete(matcher.group(1));
          }
        }
      } catch (Exception e) {
        // the child is gone
      }
      base.completeExceptionally(new IllegalStateException("relay " + node + " exited: " + output));
    }, "tqc-relay-" + node + "-output");
    drain.setDaemon(true);
    drain.start();
    return base.get(90, TimeUnit.SECONDS);
  }

  @Test
  void blocklistImportedOnNodeOne_isInForceOnNodeTwo() throws Exception {
    String url = PG.createDatabase();
    Map<String, String> env = Map.of("TQC_ADMIN_TOKEN", ADMIN_TOKEN,
        "TQC_KEK", random(32, Base64.getEncoder()),
        "TQC_TRACEBACK_KEY", random(32, Base64.getEncoder()),
        "TQC_SUPPRESSION_SECRET", random(32, Base64.getUrlEncoder().withoutPadding()),
        "TQC_OPTOUT_PROVIDER_TOKEN", "provider-080-credential-0123");
    String one = start("n1", url, env);
    String two = start("n2", url, env);

    HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(one
            + "/v1/admin/url-blocklist?version=feed-cli&published_at=2026-12-01T00:00:00%2B09:00"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("fresh-parcel.top\n")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      HttpResponse<String> summary = http.send(HttpRequest.newBuilder(URI.create(two + "/v1/admin/protection"))
          .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(summary.statusCode()).isEqualTo(200);
      Object blocklist = Json.parseObject(summary.body()).asMap().get("url_blocklist");
      assertThat(blocklist).isInstanceOf(JsonObject.class);
      assertThat(((JsonObject) blocklist).string("version")).isEqualTo("feed-cli");
      assertThat(((JsonObject) blocklist).string("node_id")).isEqualTo("n1");
    });
    assertThat(dir.resolve("n2").resolve(io.tqc.relay.protection.SqliteProtectionListStore.FILE))
        .as("read from the database, not a node-local file").doesNotExist();
  }
}
