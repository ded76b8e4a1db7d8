package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tqc relay --replay redis://...}: the shared replay cache, its password from a file, and its errors. */
class RelayCommandRedisTest {
  static final String ADMIN_TOKEN = "relay-command-admin-token-0123456789";
  static final String ISSUER = "https://relay.cli.test";
  static final String PASSWORD = "cli-redis-password-77";

  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password(PASSWORD).build();

  @TempDir
  Path dir;

  private Path passwordFile(String password) throws Exception {
    Path file = dir.resolve("redis.pass");
    Files.write(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }

  @Test
  void replayOnRedis_connectsWithThePasswordFromAFile() throws Exception {
    Path file = passwordFile(PASSWORD);
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(TqcCli.run(new String[] {"relay", "--port", "0", "--data",
        dir.resolve("data").toString(), "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN,
        "--replay", redis.uri(), "--replay-password-file", file.toString()},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))), "tqc-relay-redis");
    runner.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("listening on"));
    assertThat(out.toString()).contains("replay cache " + redis.uri()).doesNotContain(PASSWORD)
        .doesNotContain("warning");
    assertThat(redis.command("CLIENT", "LIST")).contains("name=tqc-relay");
    runner.interrupt();
    runner.join(30_000);
    assertThat(exit.get()).isZero();
    assertThat(out.toString()).contains("TQC relay stopped.");
  }

  @Test
  void wrongRedisPassword_failsToStart_withoutPrintingIt() throws Exception {
    Path file = passwordFile("wrong-password-123");
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.resolve("d").toString(),
        "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN, "--replay", redis.uri(),
        "--replay-password-file", file.toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_IO);
    assertThat(result.err()).startsWith("error: ").contains("refused the connection settings")
        .doesNotContain("wrong-password-123");
  }

  @Test
  void passwordInTheUri_isAUsageError() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(),
        "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN, "--replay", "redis://u:" + PASSWORD + "@127.0.0.1:1");
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).contains("must not carry a password").doesNotContain(PASSWORD);
  }

  @Test
  void passwordFileWithoutReplay_isAUsageError() throws Exception {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(),
        "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN, "--replay-password-file", passwordFile(PASSWORD).toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).contains("--replay");
  }
}
