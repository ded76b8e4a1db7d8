package io.tqc.examples.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tqc.api.ReasonCode;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.JsonObject;
import io.tqc.relay.RelayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import io.tqc.examples.console.ConsoleSessionStore.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console: static page under {@code /console/}, login at {@code /console/session},
 * and a gate in front of {@code /v1/admin/*} that lets a console session through instead of the
 * admin bearer token.
 *
 * <p>The gate, for a request without {@code Authorization} that carries the session cookie: the
 * session must be live (idle and absolute timeouts); a state change (anything but GET/HEAD) must
 * carry the session's CSRF token in {@value #CSRF_HEADER} and, if it has an {@code Origin}, come
 * from this relay's origin; a {@link Role#VIEWER} may only read. Then the operator's name is put in
 * the request attribute {@link #OPERATOR_ATTRIBUTE}, which the admin routes record as the actor of
 * the change (whatever the request body says). Refusals are problem documents: {@code unauthorized}
 * (401: wrong credentials, session expired, CSRF token missing or wrong, foreign origin) and
 * {@code scope_insufficient} (403: a viewer's state change).
 */
public final class Console {
  /** The request attribute holding the session operator's name (set only by the gate). */
  public static final String OPERATOR_ATTRIBUTE = "io.tqc.console.operator";
  /** The request header carrying the CSRF token on every state change. */
  public static final String CSRF_HEADER = "X-TQC-CSRF";
  static final String COOKIE = "tqc_console";
  /** Strict policy: only this origin's script, style and connections; no inline script, no framing. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);
  private static final Set<String> LOGIN_MEMBERS = Collections.unmodifiableSet(
      new HashSet<>(Arrays.asList("name", "password")));
  private static final String[] ASSETS = {"index.html", "console.js", "console.css", "vendor/uPlot.iife.min.js",
      "vendor/uPlot.min.css", "vendor/uPlot.LICENSE"};

  private final ConsoleConfig config;
  private final SecureRandom random = new SecureRandom();
  private final ConsoleSessionStore sessions;
  private final LoginThrottle throttle;
  private final Duration touchInterval;
  private final Map<String, Asset> assets;
  private final TrustedProxies trustedProxies;

  /** A console for {@code config}; loads its page from the class path. */
  public Console(ConsoleConfig config) {
    this(config, TrustedProxies.NONE);
  }

  /**
   * A console for {@code config} behind {@code trustedProxies}: the per-address login limit counts
   * the client address they forward ({@code X-Forwarded-For}), and the peer's address otherwise.
   */
  public Console(ConsoleConfig config, TrustedProxies trustedProxies) {
    if (trustedProxies == null) {
      throw new NullPointerException("trustedProxies (use TrustedProxies.NONE)");
    }
    this.trustedProxies = trustedProxies;
    this.config = config;
    this.sessions = config.sessionStore();
    this.throttle = new LoginThrottle(config.loginFailureStore(), config.loginFailuresPerAccount(),
        config.loginFailuresPerAddress(), config.loginWindow());
    Duration quarter = config.idleTimeout().dividedBy(4);
    this.touchInterval = quarter.compareTo(Duration.ofSeconds(30)) < 0 ? quarter : Duration.ofSeconds(30);
    Map<String, Asset> loaded = new HashMap<>();
    for (String name : ASSETS) {
      loaded.put(name, new Asset(load(name), contentType(name)));
    }
    this.assets = Collections.unmodifiableMap(loaded);
  }

  /** Registers the page, the session endpoints and the gate (before the admin routes run). */
  public void register(RoutesConfig routes) {
    routes.before("/v1/admin/*", this::gate);
    // The session endpoints first: /console/{file} would match /console/session too.
    routes.post("/console/session", this::login);
    routes.get("/console/session", this::whoAmI);
    routes.delete("/console/session", this::logout);
    routes.get("/console", ctx -> asset(ctx, "index.html")); // also /console/ (trailing slash ignored)
    routes.get("/console/{file}", ctx -> asset(ctx, ctx.pathParam("file")));
    routes.get("/console/vendor/{file}", ctx -> asset(ctx, "vendor/" + ctx.pathParam("file")));
  }

  // ---- The gate in front of the admin API ----

  private void gate(Context ctx) throws RelayException {
    if (ctx.header("Authorization") != null) {
      return; // the admin bearer token: the admin routes check it
    }
    String cookie = ctx.cookie(COOKIE);
    if (cookie == null) {
      return; // neither: the admin routes refuse it (unauthorized)
    }
    Session session = live(ctx, cookie);
    if (!isSafe(ctx.method().name())) {
      checkChangeAllowed(ctx, session);
    }
    ctx.attribute(OPERATOR_ATTRIBUTE, session.operator.name());
  }

  private void checkChangeAllowed(Context ctx, Session session) throws RelayException {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equals(ownOrigin(ctx))) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "cross-origin request from " + origin + " refused");
    }
    String csrf = ctx.header(CSRF_HEADER);
    if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
        session.csrf.getBytes(StandardCharsets.UTF_8))) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "CSRF token missing or wrong (" + CSRF_HEADER
          + "); reload the console");
    }
    if (session.operator.role() != Role.OPERATOR) {
      throw new RelayException(ReasonCode.SCOPE_INSUFFICIENT, "operator " + session.operator.name()
          + " has the viewer role: only operators change state");
    }
  }

  private static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  private static String ownOrigin(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  /**
   * The live session of {@code cookie}, its idle clock restarted (written to the store at most once
   * per touch interval); else unauthorized. The operator must still be configured on this node with
   * the same role.
   */
  private Session live(Context ctx, String cookie) throws RelayException {
    String key = digest(cookie);
    Instant now = config.clock().instant();
    StoredSession stored;
    try {
      stored = sessions.find(key);
    } catch (IOException e) {
      throw unavailable(e);
    }
    if (stored == null) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "no console session (logged out or expired); log in again");
    }
    Operator operator = config.operators().get(stored.operator());
    if (expired(stored, now) || operator == null || operator.role() != stored.role()) {
      try {
        sessions.delete(key);
      } catch (IOException e) {
        throw unavailable(e);
      }
      clearCookie(ctx);
      throw new RelayException(ReasonCode.UNAUTHORIZED, "console session expired; log in again");
    }
    if (!now.isBefore(stored.lastUsed().plus(touchInterval))) {
      try {
        sessions.touch(key, now);
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
    return new Session(key, operator, stored.csrf(), stored.createdAt());
  }

  private boolean expired(StoredSession s, Instant now) {
    return !now.isBefore(s.lastUsed().plus(config.idleTimeout())) || !now.isBefore(s.createdAt().plus(config.absoluteTimeout()));
  }

  private static RelayException unavailable(IOException e) {
    LOG.warn("console session or login store unavailable: {}", e.getMessage());
    return new RelayException(ReasonCode.RELAY_UNAVAILABLE, "the console session store cannot be reached; retry");
  }

  // ---- Session endpoints ----

  private void login(Context ctx) throws RelayException {
    secured(ctx);
    String origin = ctx.header("Origin");
    if (origin != null && !origin.equals(ownOrigin(ctx))) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "cross-origin login from " + origin + " refused");
    }
    JsonObject request = jsonBody(ctx);
    String name;
    char[] password;
    try {
      name = request.string("name");
      password = request.string("password").toCharArray();
    } catch (JsonException e) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "login: " + e.getMessage(), e);
    }
    String account = name.length() > 64 ? name.substring(0, 64) : name;
    String address = clientAddress(ctx);
    Instant now = config.clock().instant();
    // Before the hash: a throttled attempt costs nothing and says nothing about the password.
    Duration wait;
    try {
      wait = throttle.blocked(account, address, now);
    } catch (IOException e) {
      Arrays.fill(password, '\0');
      throw unavailable(e);
    }
    if (wait != null) {
      Arrays.fill(password, '\0');
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      LOG.debug("console login throttled for {} from {}", account, address);
      throw new RelayException(ReasonCode.RATE_LIMITED, "too many failed logins; retry in " + seconds + " s",
          Duration.ofSeconds(seconds));
    }
    Operator operator = config.operators().get(name);
    boolean ok;
    if (operator == null) {
      Operator.dummyCheck(password);
      ok = false;
    } else {
      ok = operator.matches(password);
    }
    Arrays.fill(password, '\0');
    if (!ok) {
      try {
        throttle.failed(account, address, now);
      } catch (IOException e) {
        throw unavailable(e);
      }
      LOG.info("console login refused for {} from {}", account, address);
      throw new RelayException(ReasonCode.UNAUTHORIZED, "operator name or password wrong");
    }
    String id = randomToken();
    StoredSession session = new StoredSession(operator.name(), operator.role(), randomToken(), now, now);
    try {
      throttle.succeeded(account);
      sessions.purge(now.minus(config.absoluteTimeout()), now.minus(config.idleTimeout()));
      if (sessions.count() >= config.maxSessions()) {
        throw new RelayException(ReasonCode.RATE_LIMITED, "too many console sessions; retry later");
      }
      sessions.create(digest(id), session);
    } catch (IOException e) {
      throw unavailable(e);
    }
    boolean secure = config.secureCookie() != null ? config.secureCookie() : "https".equals(ctx.scheme());
    ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
    LOG.info("console login: {} ({})", operator.name(), operator.role().name().toLowerCase(Locale.ROOT));
    json(ctx, 201, describe(new Session(digest(id), operator, session.csrf(), now)));
  }

  private void whoAmI(Context ctx) throws RelayException {
    secured(ctx);
    String cookie = ctx.cookie(COOKIE);
    if (cookie == null) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "not logged in");
    }
    json(ctx, 200, describe(live(ctx, cookie)));
  }

  private void logout(Context ctx) throws RelayException {
    secured(ctx);
    String cookie = ctx.cookie(COOKIE);
    if (cookie != null) {
      Session session = live(ctx, cookie);
      checkCsrfOnly(ctx, session);
      try {
        sessions.delete(session.key);
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
    clearCookie(ctx);
    ctx.status(204);
  }

  private static void checkCsrfOnly(Context ctx, Session session) throws RelayException {
    String csrf = ctx.header(CSRF_HEADER);
    if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
        session.csrf.getBytes(StandardCharsets.UTF_8))) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "CSRF token missing or wrong (" + CSRF_HEADER + ")");
    }
  }

  private Map<String, Object> describe(Session session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operator", session.operator.name());
    body.put("role", session.operator.role().name().toLowerCase(Locale.ROOT));
    body.put("csrf_token", session.csrf);
    body.put("idle_timeout_seconds", config.idleTimeout().getSeconds());
    body.put("expires_at", session.createdAt.plus(config.absoluteTimeout()).toString());
    return body;
  }

  private static void clearCookie(Context ctx) {
    ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  }

  private static JsonObject jsonBody(Context ctx) throws RelayException {
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new RelayException(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
    try {
      JsonObject object = Json.parseObject(ctx.bodyAsBytes());
      object.requireOnly(LOGIN_MEMBERS, "login");
      return object;
    } catch (JsonException e) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "login: " + e.getMessage(), e);
    }
  }

  private static void json(Context ctx, int status, Map<String, ?> body) {
    ctx.status(status).contentType("application/json; charset=utf-8").header("Cache-Control", "no-store")
        .result(Json.writeBytes(body));
  }

  // ---- The page ----

  private void asset(Context ctx, String name) throws RelayException {
    Asset asset = assets.get(name);
    if (asset == null) {
      throw new RelayException(ReasonCode.NOT_FOUND, "no console file " + name);
    }
    secured(ctx).contentType(asset.contentType).header("Cache-Control", "no-cache").result(asset.bytes);
  }

  /** The headers of every console response: CSP, no sniffing, no framing, no referrer. */
  private static Context secured(Context ctx) {
    return ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer");
  }

  private static byte[] load(String name) {
    try (InputStream in = Console.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("console resource " + name + " missing from the class path");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String digest(String text) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Asset {
    final byte[] bytes;
    final String contentType;

    Asset(byte[] bytes, String contentType) {
      this.bytes = bytes;
      this.contentType = contentType;
    }
  }

  /** A live session as this request sees it. */
  private static final class Session {
    final String key;
    final Operator operator;
    final String csrf;
    final Instant createdAt;

    Session(String key, Operator operator, String csrf, Instant createdAt) {
      this.key = key;
      this.operator = operator;
      this.csrf = csrf;
      this.createdAt = createdAt;
    }
  }

  /** The address the per-address login limit counts (see {@link TrustedProxies}). */
  String clientAddress(io.javalin.http.Context ctx) {
    if (trustedProxies.cidrs().isEmpty()) {
      return ctx.ip();
    }
    return trustedProxies.clientAddress(ctx.ip(),
        Collections.list(ctx.req().getHeaders(TrustedProxies.X_FORWARDED_FOR)));
  }
}
