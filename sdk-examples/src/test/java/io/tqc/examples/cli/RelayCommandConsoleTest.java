package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.examples.console.Operator;
import io.tqc.examples.console.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tqc relay --console --console-operators FILE}: the operator file (plain and hashed lines)
 * turns the console on, and its mistakes are one-line usage errors that never show a password.
 */
class RelayCommandConsoleTest {
  static final String ADMIN_TOKEN = RelayCommandTest.ADMIN_TOKEN;
  static final String ISSUER = RelayCommandTest.ISSUER;

  @TempDir
  Path dir;

  @Test
  void consoleFlag_servesTheConsole_toTheOperatorsOfTheFile() throws Exception {
    Path operators = dir.resolve("operators");
    Files.writeString(operators, "# console operators\n"
        + Operator.withPassword("kim", Role.OPERATOR, "kim-password-1".toCharArray()).credentialLine() + "\n"
        + "lee:viewer:lee-password-1\n");
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(TqcCli.run(new String[] {"relay", "--port", "0", "--data",
        dir.resolve("data").toString(), "--issuer", ISSUER, "--admin-token", ADMIN_TOKEN, "--console",
        "--console-operators", operators.toString()}, new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true))), "tqc-relay-console");
    runner.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Operator console: "));
    Matcher url = Pattern.compile("Operator console: (http://\\S+)/console/").matcher(out.toString());
    assertThat(url.find()).isTrue();
    HttpClient client = HttpClient.newHttpClient();
    for (String[] login : new String[][] {{"kim", "kim-password-1", "operator"}, {"lee", "lee-password-1", "viewer"}}) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/console/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + login[0] + "\",\"password\":\"" + login[1] + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      assertThat(r.body()).contains("\"role\":\"" + login[2] + "\"");
    }
    runner.interrupt();
    runner.join(30_000);
    assertThat(exit.get()).isZero();
  }

  @Test
  void consoleWithoutOperators_isAUsageError() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(), "--issuer",
        ISSUER, "--admin-token", ADMIN_TOKEN, "--console", "--console-operators", write("\n").toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).startsWith("error: ").contains("TQC_CONSOLE_OPERATORS");
  }

  @Test
  void badOperatorLine_isAUsageErrorNamingTheLine_neverThePassword() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(), "--issuer",
        ISSUER, "--admin-token", ADMIN_TOKEN, "--console", "--console-operators",
        write("kim:operator:long-enough-1\nlee:boss:secret-word-42\n").toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).contains("line 2").contains("viewer or operator").doesNotContain("secret-word-42");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void operatorsFileWithoutConsole_isAUsageError() {
    CliTestSupport.Result result = CliTestSupport.run("relay", "--port", "0", "--data", dir.toString(), "--issuer",
        ISSUER, "--admin-token", ADMIN_TOKEN, "--console-operators", write("kim:operator:long-enough-1\n").toString());
    assertThat(result.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(result.err()).contains("--console-operators needs --console");
  }

  private Path write(String text) {
    try {
      Path file = Files.createTempFile(dir, "operators", ".txt");
      Files.writeString(file, text);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
