package io.tqc.examples.relay;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.Enforcement;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the reference relay until interrupted:
 *
 * <pre>
 * java io.tqc.examples.relay.RelayMain --port 8080 --data ./relay-data --issuer https://relay.example.kr \
 *     [--admin-token TOKEN] [--host 127.0.0.1] [--heartbeat-seconds 10] [--compliance enforce|warn|off]
 * </pre>
 *
 * {@code --compliance} sets the content policy: {@code enforce} (default) refuses batches that break
 * the Korean advertising-message rules with 422, {@code warn} only logs them (DEBUG), {@code off}
 * does not check content.
 *
 * The admin token may instead come from the {@code TQC_ADMIN_TOKEN} environment variable (preferred:
 * command lines are visible to other users). {@code --port 0} picks a free port; the URL is logged.
 */
public final class RelayMain {
  private RelayMain() {}

  /** Entry point; exits with status 2 on a usage error. */
  public static void main(String[] args) throws Exception {
    RelayServerConfig config;
    try {
      config = parse(args, System.getenv("TQC_ADMIN_TOKEN"));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("usage: RelayMain --port P --data DIR --issuer URI [--admin-token T] [--host H]"
          + " [--heartbeat-seconds S] [--compliance enforce|warn|off]   (admin token also from TQC_ADMIN_TOKEN)");
      System.exit(2);
      return;
    }
    RelayServer server = RelayServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }, "tqc-relay-shutdown"));
    stopped.await();
  }

  /** Parses the command line; {@code envToken} is the value of {@code TQC_ADMIN_TOKEN} (may be null). */
  static RelayServerConfig parse(String[] args, String envToken) {
    Integer port = null;
    Path data = null;
    String issuer = null;
    String adminToken = envToken;
    RelayServerConfig.Builder builder = new RelayServerConfig.Builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--port":
          port = parsePort(value);
          break;
        case "--data":
          data = Paths.get(value);
          break;
        case "--issuer":
          issuer = value;
          break;
        case "--admin-token":
          adminToken = value;
          break;
        case "--host":
          builder.host(value);
          break;
        case "--heartbeat-seconds":
          builder.heartbeatInterval(Duration.ofSeconds(parseInt(value, "--heartbeat-seconds")));
          break;
        case "--compliance":
          builder.contentPolicy(contentPolicy(value));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (port == null || data == null || issuer == null) {
      throw new IllegalArgumentException("--port, --data and --issuer are required");
    }
    if (adminToken == null || adminToken.isEmpty()) {
      throw new IllegalArgumentException("an admin token is required (--admin-token or TQC_ADMIN_TOKEN)");
    }
    return builder.port(port).dataDirectory(data).issuer(issuer).adminToken(adminToken).build();
  }

  private static ContentPolicy contentPolicy(String value) {
    switch (value) {
      case "enforce":
        return ComplianceContentPolicy.defaults();
      case "warn":
        return ComplianceContentPolicy.of(new CompliancePolicy.Builder().setAll(Enforcement.WARN).build());
      case "off":
        return ContentPolicy.NONE;
      default:
        throw new IllegalArgumentException("--compliance must be enforce, warn or off");
    }
  }

  private static int parsePort(String value) {
    int port = parseInt(value, "--port");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535");
    }
    return port;
  }

  private static int parseInt(String value, String flag) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number");
    }
  }
}
