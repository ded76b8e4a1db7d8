package io.tqc.examples.relay;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tqc.api.ReasonCode;
import io.tqc.api.http.MediaTypes;
import io.tqc.examples.console.Console;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference relay server: a {@link Relay} behind the TQC HTTP contract on Javalin. Start one
 * with {@link #start}; it listens until {@link #close()}.
 *
 * <pre>{@code
 * try (RelayServer server = RelayServer.start(new RelayServerConfig.Builder()
 *     .dataDirectory(Paths.get("relay-data")).build())) {
 *   String url = server.url();             // http://127.0.0.1:<free port>
 *   String admin = server.adminToken();    // for Authorization: Bearer ...
 *   server.relay().registry().register(...); // or use the admin API
 * }
 * }</pre>
 */
public final class RelayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);

  private final Javalin app;
  private final String url;
  private final String adminToken;
  private final ConsoleRoutes consoleRoutes;
  private volatile Relay relay;

  private RelayServer(Javalin app, String url, String adminToken, ConsoleRoutes consoleRoutes) {
    this.app = app;
    this.consoleRoutes = consoleRoutes;
    this.url = url;
    this.adminToken = adminToken;
  }

  /**
   * Starts a server: binds the port (0 picks a free one), opens the relay on the data directory and
   * logs one line with the URL it listens on.
   */
  public static RelayServer start(RelayServerConfig config) throws IOException {
    String adminToken = config.adminToken() != null ? config.adminToken() : randomToken();
    Holder holder = new Holder();
    PublicRoutes publicRoutes = new PublicRoutes(holder::relay, holder::baseUrl);
    AdminRoutes adminRoutes = new AdminRoutes(holder::relay, adminToken);
    MetricsRoute metricsRoute = new MetricsRoute(holder::relay, adminToken);
    ConsoleRoutes consoleRoutes = new ConsoleRoutes(holder::relay, adminRoutes::admin, java.time.Clock.systemUTC());
    Javalin app = Javalin.create(javalin -> {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.http.maxRequestSize = HttpSupport.SMALL_BODY;
      javalin.http.prefer405over404 = true;
      javalin.jetty.modifyHttpConfiguration(http -> {
        http.setRequestHeaderSize(HttpSupport.MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
      });
      javalin.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
      javalin.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
      // The port is bound before the relay opens (its URLs need the port): until then, 503.
      javalin.routes.before(ctx -> holder.requireStarted());
      publicRoutes.register(javalin.routes);
      adminRoutes.register(javalin.routes);
      metricsRoute.register(javalin.routes);
      if (config.protection() != null) {
        new ProtectionRoutes(holder::relay, adminRoutes::admin, config.protection()).register(javalin.routes);
      }
      new EnforcementRoutes(holder::relay, adminRoutes::admin).register(javalin.routes);
      consoleRoutes.register(javalin.routes);
      if (config.console() != null) {
        new Console(config.console(), config.trustedProxies()).register(javalin.routes);
      }
      javalin.routes.exception(RelayException.class, (e, ctx) -> {
        logRefusal(ctx, e);
        config.refusalObserver().accept(e);
        HttpSupport.problem(ctx, e);
      });
      javalin.routes.exception(HttpResponseException.class, (e, ctx) -> plainProblem(ctx, e.getStatus(),
          e.getStatus() >= 500 ? "unexpected failure" : e.getMessage()));
      javalin.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        HttpSupport.problem(ctx, new RelayException(ReasonCode.INTERNAL_ERROR, "unexpected failure"));
      });
      javalin.routes.error(404, ctx -> {
        if (!isProblem(ctx)) {
          plainProblem(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
        }
      });
      javalin.routes.error(405, ctx -> {
        if (!isProblem(ctx)) {
          plainProblem(ctx, 405, ctx.method() + " is not allowed on " + ctx.path());
        }
      });
    });
    app.start(config.host(), config.port());
    String base = config.publicBaseUrl() != null ? config.publicBaseUrl()
        : "http://" + urlHost(config.host()) + ":" + app.port();
    RelayServer server = new RelayServer(app, base, adminToken, consoleRoutes);
    try {
      String issuer = config.issuer() != null ? config.issuer() : base;
      RelayConfig.Builder relayConfig = new RelayConfig.Builder()
          .issuer(issuer)
          .dataDirectory(config.dataDirectory())
          .statusListBaseUri(base + "/v1/status-lists/")
          .heartbeatInterval(config.heartbeatInterval())
          .contentPolicy(config.protection() == null ? config.contentPolicy()
              : config.protection().policy(config.contentPolicy()));
      server.relay = Relay.open(config.relayOptions().apply(relayConfig).build());
      holder.server = server;
      consoleRoutes.startSampling();
    } catch (IOException | RuntimeException e) {
      consoleRoutes.close();
      app.stop();
      throw e;
    }
    LOG.info("TQC relay listening on {} (issuer {}, data {})", base, server.relay.issuer(),
        config.dataDirectory().toAbsolutePath());
    return server;
  }

  /** Routes reach the relay through this; until the relay is open every request gets 503. */
  private static final class Holder {
    volatile RelayServer server;

    void requireStarted() throws RelayException {
      if (server == null) {
        throw new RelayException(ReasonCode.RELAY_UNAVAILABLE, "the relay is starting; retry in a moment");
      }
    }

    Relay relay() {
      RelayServer current = server;
      if (current == null) {
        throw new IllegalStateException("relay is starting"); // not reached: requireStarted runs first
      }
      return current.relay;
    }

    String baseUrl() {
      return server.url;
    }
  }

  /**
   * Logs a refusal that has a cause (a malformed value, a store failure) with its whole cause chain:
   * at WARN when the relay is at fault (HTTP 5xx), else at DEBUG. The client sees only the
   * refusal's detail, never the cause.
   */
  private static void logRefusal(Context ctx, RelayException e) {
    if (e.getCause() == null) {
      return;
    }
    if (e.reason().httpStatus() >= 500) {
      LOG.warn("{} {} refused as {}: {}", ctx.method(), ctx.path(), e.reason().code(), e.detail(), e);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} refused as {}: {}", ctx.method(), ctx.path(), e.reason().code(), e.detail(), e);
    }
  }

  /** True if a handler already answered with a problem document (a refusal that is also 404, 405...). */
  private static boolean isProblem(Context ctx) {
    String type = ctx.res().getContentType();
    return MediaTypes.isProblem(type);
  }

  private static void plainProblem(Context ctx, int status, String detail) {
    HttpSupport.problem(ctx, HttpSupport.problemFor(status, detail));
  }

  private static String urlHost(String host) {
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080} (no trailing slash). */
  public String url() {
    return url;
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  /** The admin bearer token (the configured one, or the generated one). Treat it as a secret. */
  public String adminToken() {
    return adminToken;
  }

  /** The relay library behind the server (registry, key rotation, audit, stats). */
  public Relay relay() {
    return relay;
  }

  /** Stops listening, then closes the relay (pending audit writes finish first). */
  @Override
  public void close() throws IOException {
    consoleRoutes.close();
    app.stop();
    relay.close();
    LOG.info("TQC relay at {} stopped", url);
  }
}
