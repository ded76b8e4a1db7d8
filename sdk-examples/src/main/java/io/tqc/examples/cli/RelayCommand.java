package io.tqc.examples.cli;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.RuleMode;
import io.tqc.examples.console.ConsoleConfig;
import io.tqc.examples.console.Operator;
import io.tqc.examples.relay.FleetStores;
import io.tqc.examples.relay.RelayProtection;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.postgres.KeyEncryptionKey;
import io.tqc.relay.redis.RedisReplayCache;
import io.tqc.relay.redis.RedisReplayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tqc relay --port P --data DIR --issuer URI [--admin-token T] [--compliance MODE] [--replay redis://H:P]
 * [--console --console-operators FILE]}:
 * runs the reference relay until stopped; with {@code --store jdbc:postgresql://… --node-id N} instead of
 * {@code --data}, one node of a relay fleet. The one entry point of the reference relay.
 */
@Command(name = "relay", mixinStandardHelpOptions = true,
    description = {"Run the reference relay (문자중계사업자 서버) until SIGTERM or Ctrl-C.",
        "Prints the URL it listens on. The admin token may come from the TQC_ADMIN_TOKEN environment variable "
            + "(preferred: command lines are visible to other users); at least 16 characters.",
        "Fleet: --store jdbc:postgresql://HOST:PORT/DB with --node-id; the database password comes from "
            + "TQC_DB_PASSWORD or --db-password-file, the key-encryption key (base64 of 32 bytes) sealing the "
            + "signing keys from TQC_KEK or --kek-file."})
final class RelayCommand implements Callable<Integer> {
  static final String REDIS_PASSWORD_VARIABLE = "TQC_REDIS_PASSWORD";
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

  @Option(names = "--traceback-key-file", paramLabel = "FILE",
      description = "Fleet: file holding the traceback key (base64 of >= 32 bytes, the same on every node) that "
          + "turns enforcement on (default: $TQC_TRACEBACK_KEY; one of them is required with --store).")
  Path tracebackKeyFile;

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

  @Option(names = "--replay", paramLabel = "URI",
      description = "Shared replay cache on Redis: redis://host:port[/db] or rediss://... (TLS); "
          + "default: in memory (one node). Batches are refused with relay_unavailable while Redis cannot answer.")
  String replay;

  @Option(names = "--replay-password-file", paramLabel = "FILE",
      description = "File whose first line is the Redis password (default: $TQC_REDIS_PASSWORD, if set).")
  Path replayPasswordFile;

  @Option(names = "--recipient-protection",
      description = {"Check opt-outs and sender-number lists and serve their endpoints (docs/relay-guide.md 4.4).",
          "Needs $TQC_SUPPRESSION_SECRET (base64url, >= 32 bytes, the same on every node of a fleet) and "
              + "$TQC_OPTOUT_PROVIDER_TOKEN. With --store the opt-outs are shared in the database."})
  boolean recipientProtection;

  @Option(names = "--console",
      description = {"Serve the operator console at /console/ (docs/console.md).",
          "Operators come from --console-operators FILE or $TQC_CONSOLE_OPERATORS, one a line: name:role:password "
              + "(role viewer or operator; the password itself or a pbkdf2-sha256$... hash). With --store the "
              + "sessions and the failed-login counts are shared in the database (no sticky sessions needed)."})
  boolean console;

  @Option(names = "--console-operators", paramLabel = "FILE",
      description = "File of console operators (name:role:password lines); default: $TQC_CONSOLE_OPERATORS.")
  Path consoleOperators;

  @Option(names = "--trusted-proxy", paramLabel = "CIDR",
      description = {"A load balancer in front of the relay (10.0.0.0/8, 2001:db8::/32 or one address; repeatable). "
          + "Only for a request from one of them does the console's per-address login limit count the right-most "
          + "X-Forwarded-For address that is not one of them; default none: the header is never believed."})
  java.util.List<String> trustedProxies;

  /** The console's settings from --console-operators or $TQC_CONSOLE_OPERATORS; sessions on the fleet when given. */
  private ConsoleConfig consoleConfig(FleetStores fleet) throws CliException {
    String text;
    try {
      text = consoleOperators != null
          ? new String(Files.readAllBytes(consoleOperators), java.nio.charset.StandardCharsets.UTF_8)
          : System.getenv("TQC_CONSOLE_OPERATORS");
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read " + consoleOperators + ": " + Files2.describe(e));
    }
    if (text == null || text.trim().isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE,
          "--console needs operators: --console-operators FILE or TQC_CONSOLE_OPERATORS (name:role:password lines)");
    }
    ConsoleConfig.Builder builder = new ConsoleConfig.Builder();
    try {
      for (Operator operator : Operator.parseCredentials(text)) {
        builder.addOperator(operator);
      }
      if (fleet != null) {
        builder.sessionStore(fleet.consoleSessions());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "console operators: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "console sessions: " + e.getMessage());
    }
  }

  /** Recipient protection on the data directory, or on the fleet's database when {@code fleet} is given. */
  private RelayProtection openProtection(FleetStores fleet) throws CliException {
    String secret = System.getenv("TQC_SUPPRESSION_SECRET");
    String provider = System.getenv("TQC_OPTOUT_PROVIDER_TOKEN");
    if (secret == null || provider == null) {
      throw new CliException(TqcCli.EXIT_USAGE,
          "--recipient-protection needs TQC_SUPPRESSION_SECRET and TQC_OPTOUT_PROVIDER_TOKEN");
    }
    try {
      byte[] key = Base64.getUrlDecoder().decode(secret.trim());
      if (fleet == null) {
        return RelayProtection.open(data, key, provider);
      }
      io.tqc.relay.postgres.PostgresSuppressionStore shared = fleet.openSuppressions();
      try {
        return RelayProtection.shared(shared, key, provider);
      } catch (RuntimeException e) {
        shared.close();
        throw e;
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "recipient protection: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "recipient protection: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    RelayServerConfig.Builder builder = configBuilder(System.getenv("TQC_ADMIN_TOKEN"));
    return serve(builder, build(builder));
  }

  /** The server configuration these options describe; {@code envToken} is {@code $TQC_ADMIN_TOKEN}. */
  RelayServerConfig config(String envToken) throws CliException {
    return build(configBuilder(envToken));
  }

  private static RelayServerConfig build(RelayServerConfig.Builder builder) throws CliException {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage());
    }
  }

  private RelayServerConfig.Builder configBuilder(String envToken) throws CliException {
    if (store == null && data == null) {
      throw new CliException(TqcCli.EXIT_USAGE,
          "usage: missing required option '--data=DIR' (or --store URL for a fleet); see tqc relay --help");
    }
    if (store == null && nodeId != null) {
      throw new CliException(TqcCli.EXIT_USAGE, "--node-id needs --store");
    }
    if (store != null && nodeId == null) {
      throw new CliException(TqcCli.EXIT_USAGE, "--store needs --node-id");
    }
    String token = adminToken != null ? adminToken : envToken;
    if (token == null || token.isEmpty()) {
      throw new CliException(TqcCli.EXIT_USAGE, "an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    if (port < 0 || port > 65535 || heartbeatSeconds < 1 || heartbeatSeconds > 15) {
      throw new CliException(TqcCli.EXIT_USAGE, "--port must be 0..65535 and --heartbeat-seconds 1..15");
    }
    RelayServerConfig.Builder builder = new RelayServerConfig.Builder();
    try {
      builder.trustedProxies(trustedProxies == null ? java.util.List.of() : trustedProxies);
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "--trusted-proxy: " + e.getMessage());
    }
    return builder.host(host).port(port).dataDirectory(data != null ? data : Path.of("."))
        .issuer(issuer)
        .adminToken(token).heartbeatInterval(Duration.ofSeconds(heartbeatSeconds))
        .contentPolicy(contentPolicy(compliance));
  }

  static ContentPolicy contentPolicy(String mode) throws CliException {
    switch (mode) {
      case "enforce":
        return ComplianceContentPolicy.defaults();
      case "warn":
        return ComplianceContentPolicy.of(new CompliancePolicy.Builder().setAll(RuleMode.WARN).build());
      case "off":
        return ContentPolicy.NONE;
      default:
        throw new CliException(TqcCli.EXIT_USAGE, "--compliance must be enforce, warn or off");
    }
  }

  private Integer serve(RelayServerConfig.Builder builder, RelayServerConfig config) throws Exception {
    if (data != null) {
      try {
        Files.createDirectories(data);
      } catch (IOException e) {
        throw new CliException(TqcCli.EXIT_IO, "cannot create " + data + ": " + e.getMessage());
      }
    }
    RedisReplayConfig replayConfig = replayConfig();
    FleetStores fleet = store == null ? null : openFleet();
    if (consoleOperators != null && !console) {
      closeQuietly(fleet);
      throw new CliException(TqcCli.EXIT_USAGE, "--console-operators needs --console");
    }
    RelayProtection protection;
    try {
      if (console) {
        builder.console(consoleConfig(fleet));
      }
      protection = recipientProtection ? openProtection(fleet) : null;
    } catch (CliException e) {
      closeQuietly(fleet);
      throw e;
    }
    RedisReplayCache replayCache = null;
    RelayServer server;
    try {
      UnaryOperator<RelayConfig.Builder> options = fleet != null ? fleet.relayOptions() : b -> b;
      if (replayConfig != null) {
        RedisReplayCache opened = RedisReplayCache.open(replayConfig);
        replayCache = opened;
        UnaryOperator<RelayConfig.Builder> stores = options;
        options = b -> stores.apply(b).replayCache(opened);
      }
      builder.relayOptions(options);
      config = builder.protection(protection).build();
      server = RelayServer.start(config);
    } catch (IOException | RuntimeException e) {
      if (replayCache != null) {
        replayCache.close();
      }
      closeQuietly(protection);
      closeQuietly(fleet);
      throw new CliException(TqcCli.EXIT_IO, "cannot start the relay on " + host + ":" + port + ": " + startFailure(e));
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    RedisReplayCache cache = replayCache;
    Thread hook = new Thread(() -> {
      stop(server, cache, out);
      closeQuietly(protection);
      closeQuietly(fleet);
      stopped.countDown();
    }, "tqc-relay-shutdown");
    // Before the URL is printed: whoever reads it may send SIGTERM at once.
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("TQC relay listening on " + server.url() + " (issuer " + server.relay().issuer()
        + (fleet != null ? ", node " + nodeId + " of the fleet on " + redact(store) : ", data " + data.toAbsolutePath())
        + (cache != null ? ", replay cache " + replay : "") + ")");
    if (console) {
      out.println("Operator console: " + server.url() + "/console/");
    }
    if (cache != null && !cache.isAvailable()) {
      out.println("warning: Redis at " + replay + " does not answer yet; batches are refused with "
          + "relay_unavailable until it does.");
    }
    out.println("Stop with Ctrl-C or SIGTERM.");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (embedding, tests): stop now and forget the hook.
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(server, cache, out);
      closeQuietly(protection);
      closeQuietly(fleet);
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

  /** The Redis replay cache settings from --replay and its password source, or null without --replay. */
  private RedisReplayConfig replayConfig() throws CliException {
    if (replay == null) {
      if (replayPasswordFile != null) {
        throw new CliException(TqcCli.EXIT_USAGE, "--replay-password-file needs --replay redis://host:port");
      }
      return null;
    }
    try {
      RedisReplayConfig.Builder builder = new RedisReplayConfig.Builder().uri(replay);
      if (replayPasswordFile != null) {
        builder.passwordFile(replayPasswordFile);
      } else if (System.getenv(REDIS_PASSWORD_VARIABLE) != null) {
        builder.passwordFromEnvironment(REDIS_PASSWORD_VARIABLE);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, "--replay: " + e.getMessage());
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read " + replayPasswordFile + ": " + e.getMessage());
    }
  }

  private FleetStores openFleet() throws CliException {
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
    TracebackKey tracebackKey;
    try {
      tracebackKey = TracebackKey.fromBase64(tracebackKeyFile != null
          ? new String(Files.readAllBytes(tracebackKeyFile), java.nio.charset.StandardCharsets.UTF_8)
          : System.getenv("TQC_TRACEBACK_KEY"));
    } catch (IllegalArgumentException e) {
      throw new CliException(TqcCli.EXIT_USAGE, e.getMessage()
          + " (--traceback-key-file or TQC_TRACEBACK_KEY, the same on every node of the fleet)");
    } catch (IOException e) {
      throw new CliException(TqcCli.EXIT_IO, "cannot read a secret file: " + e.getMessage());
    }
    try {
      return FleetStores.open(store, dbUser, password, nodeId, kek, tracebackKey);
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

  private static void closeQuietly(RelayProtection protection) {
    if (protection != null) {
      try {
        protection.close();
      } catch (IOException e) {
        // the opt-outs are durable already; nothing is lost by a failed close
      }
    }
  }

  private static void stop(RelayServer server, RedisReplayCache cache, PrintWriter out) {
    try {
      server.close();
      out.println("TQC relay stopped.");
    } catch (IOException | RuntimeException e) {
      out.println("error while stopping the relay: " + e.getMessage());
    } finally {
      if (cache != null) {
        cache.close();
      }
    }
    out.flush();
  }
}
