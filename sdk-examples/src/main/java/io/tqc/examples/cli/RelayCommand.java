package io.tqc.examples.cli;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.Enforcement;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
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

/**
 * {@code tqc relay --port P --data DIR --issuer URI [--admin-token T] [--compliance MODE]}: runs the
 * reference relay until stopped. The one entry point of the reference relay.
 */
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

  @Option(names = "--compliance", paramLabel = "MODE", defaultValue = "enforce",
      description = {"Content checks (Korean advertising-message rules): enforce (default) refuses violating batches "
          + "with 422 listing every violation, warn only logs them (DEBUG), off does not check content."})
  String compliance;

  @Override
  public Integer call() throws Exception {
    RelayServerConfig config = config(System.getenv("TQC_ADMIN_TOKEN"));
    return serve(config);
  }

  /** The server configuration these options describe; {@code envToken} is {@code $TQC_ADMIN_TOKEN}. */
  RelayServerConfig config(String envToken) throws CliException {
    String token = adminToken != null ? adminToken : envToken;
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    if (port < 0 || port > 65535 || heartbeatSeconds < 1 || heartbeatSeconds > 15) {
      throw new CliException(TqcCli.EXIT_USAGE, "--port must be 0..65535 and --heartbeat-seconds 1..15");
    }
    try {
      return new RelayServerConfig.Builder().host(host).port(port).dataDirectory(data).issuer(issuer)
          .adminToken(token).heartbeatInterval(Duration.ofSeconds(heartbeatSeconds))
          .contentPolicy(contentPolicy(compliance)).build();
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    }
  }

  static ContentPolicy contentPolicy(String mode) throws CliException {
    switch (mode) {
      case "enforce":
        return ComplianceContentPolicy.defaults();
      case "warn":
        return ComplianceContentPolicy.of(new CompliancePolicy.Builder().setAll(Enforcement.WARN).build());
      case "off":
        return ContentPolicy.NONE;
      default:
        throw new CliException(TqcCli.EXIT_USAGE, "--compliance must be enforce, warn or off");
    }
  }

  private Integer serve(RelayServerConfig config) throws Exception {
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot create " + data + ": " + e.getMessage());
    }
    RelayServer server;
    try {
      server = RelayServer.start(config);
    } catch (IOException | RuntimeException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot start the relay on " + host + ":" + port + ": " + startFailure(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop(server, out);
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
    }
    return TqcCli.EXIT_OK;
  }

  /** Why the server did not start, in one line (the bind failure, not the web server's wrapper). */
  static String startFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "address already in use";
      }
      if (t.getCause() == null || t.getCause() == t) {
        return t instanceof IOException ? Files2.describe((IOException) t) : String.valueOf(t.getMessage());
      }
    }
    return String.valueOf(e.getMessage());
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
