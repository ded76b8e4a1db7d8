package io.tqc.examples.cli;

import io.tqc.examples.relay.FleetStores;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.postgres.KeyEncryptionKey;
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
 * {@code tqc relay --port P --data DIR --issuer URI [--admin-token T]} (single node, SQLite) or
 * {@code tqc relay --port P --store jdbc:postgresql://… --node-id N --issuer URI} (one node of a fleet):
 * runs the reference relay until stopped.
 */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Run the reference relay (문자중계사업자 서버) until SIGTERM or Ctrl-C.",
        "Prints the URL it listens on. The admin token may come from the TQC_ADMIN_TOKEN environment variable "
            + "(preferred: command lines are visible to other users); at least 16 characters.",
        "Fleet: --store jdbc:postgresql://HOST:PORT/DB with --node-id; the database password comes from "
            + "TQC_DB_PASSWORD or --db-password-file, the key-encryption key (base64 of 32 bytes) sealing the "
            + "signing keys from TQC_KEK or --kek-file."})
final class RelayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on; 0 picks a free one.")
  int port;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (relay.db, signing-keys.json); created if missing. Required without --store.")
  Path data;

  @Option(names = "--store", paramLabel = "URL",
      description = "Shared PostgreSQL store of a relay fleet (jdbc:postgresql://host:port/db); default: SQLite in --data.")
  String store;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "This node's id in the fleet (recorded with every row it writes); required with --store.")
  String nodeId;

  @Option(names = "--db-user", paramLabel = "U", description = "Database user (default: from the URL).")
  String dbUser;

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "File holding the database password (default: $TQC_DB_PASSWORD, else none).")
  Path dbPasswordFile;

  @Option(names = "--kek-file", paramLabel = "FILE",
      description = "File holding the key-encryption key, base64 of 32 bytes (default: $TQC_KEK).")
  Path kekFile;

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

  @Override
  public Integer call() throws Exception {
    if (store == null && data == null) {
      throw new CliException(TqcCli.EXIT_USAGE,
          "usage: missing required option '--data=DIR' (or --store URL for a fleet); see tqc relay --help");
    }
    String token = adminToken != null ? adminToken : System.getenv("TQC_ADMIN_TOKEN");
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    if (port < 0 || port > 65535 || heartbeatSeconds < 1 || heartbeatSeconds > 15) {
      throw new CliException(TqcCli.EXIT_USAGE, "--port must be 0..65535 and --heartbeat-seconds 1..15");
    }
    if (store == null && nodeId != null) {
      throw new CliException(TqcCli.EXIT_USAGE, "--node-id needs --store");
    }
    FleetStores fleet = store == null ? null : openFleet();
    Path directory = data != null ? data : Path.of(".");
    RelayServerConfig config;
    try {
      RelayServerConfig.Builder builder = new RelayServerConfig.Builder().host(host).port(port)
          .dataDirectory(directory).issuer(issuer).adminToken(token)
          .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
      if (fleet != null) {
        builder.relayOptions(fleet.relayOptions());
      }
      config = builder.build();
    } catch (IllegalArgumentException e) {
      closeQuietly(fleet);
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    }
    if (fleet == null) {
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new CliException(TqcCli.EXIT_IO, "cannot create " + data + ": " + e.getMessage());
      }
    }
    RelayServer server;
    try {
      server = RelayServer.start(config);
    } catch (IOException | RuntimeException e) {
      closeQuietly(fleet);
      throw new CliException(TqcCli.EXIT_IO, "cannot start the relay: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop(server, out);
      closeQuietly(fleet);
      stopped.countDown();
    }, "tqc-relay-shutdown");
    // Before the URL is printed: whoever reads it may send SIGTERM at once.
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("TQC relay listening on " + server.url() + " (issuer " + server.relay().issuer()
        + (fleet != null ? ", node " + nodeId + " of the fleet on " + redact(store) : ", data " + data.toAbsolutePath())
        + ")");
    out.println("Stop with Ctrl-C or SIGTERM.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (embedding, tests): stop now and forget the hook.
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(server, out);
      closeQuietly(fleet);
    }
    return TqcCli.EXIT_OK;
  }

  private FleetStores openFleet() throws CliException {
    if (nodeId == null) {
      throw new CliException(TqcCli.EXIT_USAGE, "--store needs --node-id");
    }
    KeyEncryptionKey kek;
    String password;
    try {
      kek = kekFile != null ? KeyEncryptionKey.fromFile(kekFile) : KeyEncryptionKey.fromEnvironment("TQC_KEK");
      password = dbPasswordFile != null
          ? new String(Files.readAllBytes(dbPasswordFile), java.nio.charset.StandardCharsets.UTF_8).trim()
          : System.getenv("TQC_DB_PASSWORD");
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage() + " (--kek-file or TQC_KEK)");
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read a secret file: " + e.getMessage());
    }
    try {
      return FleetStores.open(store, dbUser, password, nodeId, kek);
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot open the fleet store: " + e.getMessage());
    }
  }

  /** The URL without query parameters (which may carry a password). */
  private static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static void closeQuietly(FleetStores fleet) {
    if (fleet != null) {
      fleet.close();
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
