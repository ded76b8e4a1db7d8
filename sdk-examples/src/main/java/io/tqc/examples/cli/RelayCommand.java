package io.tqc.examples.cli;

import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tqc relay --port P --data DIR --issuer URI [--admin-token T]}: runs the reference relay until stopped. */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Run the reference relay (문자중계사업자 서버) until SIGTERM or Ctrl-C.",
        "Prints the URL it listens on. The admin token may come from the TQC_ADMIN_TOKEN environment variable "
            + "(preferred: command lines are visible to other users); at least 16 characters."})
final class RelayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on; 0 picks a free one.")
  int port;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Data directory (relay.db, signing-keys.json); created if missing.")
  Path data;

  @Option(names = "--issuer", required = true, paramLabel = "URI", description = "Relay id (a URI); keep it stable.")
  String issuer;

  @Option(names = "--admin-token", paramLabel = "T", description = "Admin bearer token (default: $TQC_ADMIN_TOKEN).")
  String adminToken;

  @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--heartbeat-seconds", paramLabel = "S", defaultValue = "10",
      description = "Status stream heartbeat, 1..15 s (default ${DEFAULT-VALUE}).")
  int heartbeatSeconds;

  @Option(names = "--recipient-protection",
      description = {"Check opt-outs and sender-number lists and serve their endpoints (docs/relay-guide.md 4.4).",
          "Needs $TQC_SUPPRESSION_SECRET (base64url, >= 32 bytes) and $TQC_OPTOUT_PROVIDER_TOKEN."})
  boolean recipientProtection;

  private io.tqc.examples.relay.RelayProtection openProtection() throws CliException {
    String secret = System.getenv("TQC_SUPPRESSION_SECRET");
    String provider = System.getenv("TQC_OPTOUT_PROVIDER_TOKEN");
    if (secret == null || provider == null) {
      throw new CliException(TqcCli.EXIT_USAGE,
          "--recipient-protection needs TQC_SUPPRESSION_SECRET and TQC_OPTOUT_PROVIDER_TOKEN");
    }
    try {
      return io.tqc.examples.relay.RelayProtection.open(data, java.util.Base64.getUrlDecoder().decode(secret.trim()),
          provider);
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "recipient protection: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "recipient protection: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    String token = adminToken != null ? adminToken : System.getenv("TQC_ADMIN_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    if (port < 0 || port > 65535 || heartbeatSeconds < 1 || heartbeatSeconds > 15) {
      throw new CliException(TqcCli.EXIT_USAGE, "--port must be 0..65535 and --heartbeat-seconds 1..15");
    }
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot create " + data + ": " + e.getMessage());
    }
    io.tqc.examples.relay.RelayProtection protection = recipientProtection ? openProtection() : null;
    RelayServerConfig config;
    try {
      config = new RelayServerConfig.Builder().host(host).port(port).dataDirectory(data).issuer(issuer)
          .adminToken(token).heartbeatInterval(Duration.ofSeconds(heartbeatSeconds)).protection(protection).build();
    } catch (IllegalArgumentException e) {
      closeQuietly(protection);
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    }
    RelayServer server;
    try {
      server = RelayServer.start(config);
    } catch (IOException | RuntimeException e) {
      closeQuietly(protection);
      throw new CliException(TqcCli.EXIT_IO, "cannot start the relay: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop(server, out);
      closeQuietly(protection);
      stopped.countDown();
    }, "tqc-relay-shutdown");
    // Before the URL is printed: whoever reads it may send SIGTERM at once.
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("TQC relay listening on " + server.url() + " (issuer " + server.relay().issuer() + ", data "
        + data.toAbsolutePath() + ")");
    out.println("Stop with Ctrl-C or SIGTERM.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (embedding, tests): stop now and forget the hook.
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(server, out);
      closeQuietly(protection);
    }
    return TqcCli.EXIT_OK;
  }

  private static void closeQuietly(io.tqc.examples.relay.RelayProtection protection) {
    if (protection != null) {
      try {
        protection.close();
      } catch (IOException e) {
        // the opt-outs are durable already; nothing is lost by a failed close
      }
    }
  }

  private static void stop(RelayServer server, PrintWriter out) {
    try {
      server.close();
      out.println("TQC relay stopped.");
    } catch (IOException | RuntimeException e) {
      out.println("error while stopping the relay: " + e.getMessage());
    }
    out.flush();
  }
}
