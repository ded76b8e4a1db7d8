package io.tqc.relay.redis;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * How a {@link RedisReplayCache} reaches Redis: address, credentials, TLS, timeouts and the key
 * prefix. Immutable; build it with {@link Builder} (or start from {@link Builder#uri(String)}).
 *
 * <p>The password never appears in {@link #toString()}, in exceptions or in a URI: it comes from
 * an environment variable ({@link Builder#passwordFromEnvironment(String)}), a file
 * ({@link Builder#passwordFile(Path)}) or the operator's own secret store
 * ({@link Builder#password(String)}).
 *
 * <p>The timeouts are short on purpose: a relay refuses a batch it cannot check
 * ({@code relay_unavailable}) rather than wait, so a hung Redis costs each request at most
 * {@link #connectTimeout()} + {@link #readTimeout()}, and after a failure the cache answers
 * "unavailable" without trying for {@link #failFastPeriod()}.
 */
public final class RedisReplayConfig {
  /** Default key prefix: {@code tqc:replay:}. */
  public static final String DEFAULT_KEY_PREFIX = "tqc:replay:";
  private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final int database;
  private final boolean tls;
  private final SSLSocketFactory sslSocketFactory;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration failFastPeriod;
  private final int poolSize;
  private final String keyPrefix;

  private RedisReplayConfig(Builder b) {
    if (b.host == null || b.host.isEmpty()) {
      throw new IllegalArgumentException("host is required");
    }
    if (b.port < 1 || b.port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, not " + b.port);
    }
    if (b.database < 0) {
      throw new IllegalArgumentException("database must be >= 0");
    }
    if (b.sslSocketFactory != null && !b.tls) {
      throw new IllegalArgumentException("an SSL socket factory needs tls(true)");
    }
    if (b.poolSize < 1 || b.poolSize > 1024) {
      throw new IllegalArgumentException("poolSize must be 1..1024, not " + b.poolSize);
    }
    if (b.keyPrefix == null || b.keyPrefix.isEmpty() || hasWhitespace(b.keyPrefix)) {
      throw new IllegalArgumentException("keyPrefix must be non-empty without whitespace");
    }
    this.host = b.host;
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.database = b.database;
    this.tls = b.tls;
    this.sslSocketFactory = b.sslSocketFactory;
    this.connectTimeout = timeout("connectTimeout", b.connectTimeout);
    this.readTimeout = timeout("readTimeout", b.readTimeout);
    this.failFastPeriod = requireRange("failFastPeriod", b.failFastPeriod, Duration.ZERO, Duration.ofMinutes(1));
    this.poolSize = b.poolSize;
    this.keyPrefix = b.keyPrefix;
  }

  private static Duration timeout(String name, Duration value) {
    return requireRange(name, value, Duration.ofMillis(1), MAX_TIMEOUT);
  }

  private static Duration requireRange(String name, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  private static boolean hasWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i)) || Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Redis host name or address. */
  public String host() {
    return host;
  }

  /** Redis port (default 6379). */
  public int port() {
    return port;
  }

  /** ACL user name, or {@code null} for the default user. */
  public String username() {
    return username;
  }

  /** True if a password is configured (the password itself is not exposed). */
  public boolean hasPassword() {
    return password != null;
  }

  String password() {
    return password;
  }

  /** Redis database index (default 0). */
  public int database() {
    return database;
  }

  /** True to connect with TLS. */
  public boolean tls() {
    return tls;
  }

  /** The TLS socket factory, or {@code null} for the JVM default (its trust store). */
  public SSLSocketFactory sslSocketFactory() {
    return sslSocketFactory;
  }

  /** Longest wait to open a connection (default 500 ms). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Longest wait for a reply (default 250 ms); a slower Redis is treated as unavailable. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * After a failure, how long the cache answers "unavailable" without contacting Redis (default
   * 1 s; zero tries every request), so a hung Redis does not hold every request for a timeout.
   */
  public Duration failFastPeriod() {
    return failFastPeriod;
  }

  /** Most connections open at once (default 32); a request finding none free waits at most {@link #connectTimeout()}. */
  public int poolSize() {
    return poolSize;
  }

  /** Prefix of every key (default {@value #DEFAULT_KEY_PREFIX}); give each relay (issuer) sharing a Redis its own. */
  public String keyPrefix() {
    return keyPrefix;
  }

  @Override
  public String toString() {
    return "RedisReplayConfig{" + (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database
        + (username != null ? ", user " + username : "") + (password != null ? ", password set" : "")
        + ", connect " + connectTimeout.toMillis() + " ms, read " + readTimeout.toMillis() + " ms, fail fast "
        + failFastPeriod.toMillis() + " ms, pool " + poolSize + ", prefix " + keyPrefix + "}";
  }

  /** Builds a {@link RedisReplayConfig}. */
  public static final class Builder {
    private String host;
    private int port = 6379;
    private String username;
    private String password;
    private int database;
    private boolean tls;
    private SSLSocketFactory sslSocketFactory;
    private Duration connectTimeout = Duration.ofMillis(500);
    private Duration readTimeout = Duration.ofMillis(250);
    private Duration failFastPeriod = Duration.ofSeconds(1);
    private int poolSize = 32;
    private String keyPrefix = DEFAULT_KEY_PREFIX;

    /**
     * Host, port, database and TLS from {@code redis://host[:port][/db]} or
     * {@code rediss://host[:port][/db]} (TLS). A URI carrying a password is refused: command lines
     * and configuration files are read by others, so the password comes separately.
     */
    public Builder uri(String uri) {
      if (uri == null) {
        throw new IllegalArgumentException("a redis:// URI is required");
      }
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a redis:// URI: " + e.getReason());
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("redis") && !scheme.equals("rediss")) {
        throw new IllegalArgumentException("the URI must start with redis:// or rediss://");
      }
      String userInfo = parsed.getRawUserInfo();
      if (userInfo != null) {
        if (userInfo.contains(":")) {
          throw new IllegalArgumentException("the URI must not carry a password; "
              + "give it from an environment variable or a file");
        }
        username = userInfo;
      }
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException("the URI names no host");
      }
      if (parsed.getQuery() != null || parsed.getFragment() != null) {
        throw new IllegalArgumentException("the URI must be redis[s]://host[:port][/db], without query or fragment");
      }
      host = parsed.getHost();
      port = parsed.getPort() == -1 ? 6379 : parsed.getPort();
      tls = scheme.equals("rediss");
      String path = parsed.getPath();
      if (path != null && !path.isEmpty() && !path.equals("/")) {
        try {
          database = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("the URI path must be a database number, not " + path);
        }
      }
      return this;
    }

    /** Redis host name or address. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Redis port (default 6379). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** ACL user name (Redis 6+); default the {@code default} user. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** The password, from the operator's secret store. Prefer the environment or a file. */
    public Builder password(String password) {
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("the password is empty");
      }
      this.password = password;
      return this;
    }

    /** The password from environment variable {@code name}; refused if it is unset or empty. */
    public Builder passwordFromEnvironment(String name) {
      String value = System.getenv(name);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("environment variable " + name + " is unset or empty");
      }
      this.password = value;
      return this;
    }

    /**
     * The password from the first line of {@code file} (trailing newline and spaces removed).
     *
     * @throws IOException if the file cannot be read
     */
    public Builder passwordFile(Path file) throws IOException {
      String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      int newline = content.indexOf('\n');
      String line = (newline < 0 ? content : content.substring(0, newline)).trim();
      if (line.isEmpty()) {
        throw new IllegalArgumentException("password file " + file + " is empty");
      }
      this.password = line;
      return this;
    }

    /** Redis database index (default 0). */
    public Builder database(int database) {
      this.database = database;
      return this;
    }

    /** Connect with TLS (default off; {@code rediss://} turns it on). */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** The TLS socket factory (custom trust or client certificate); needs {@code tls(true)}. */
    public Builder sslSocketFactory(SSLSocketFactory sslSocketFactory) {
      this.sslSocketFactory = sslSocketFactory;
      return this;
    }

    /** Longest wait to open a connection, 1 ms..30 s (default 500 ms). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Longest wait for a reply, 1 ms..30 s (default 250 ms). */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    /** After a failure, answer "unavailable" without trying for this long, 0..60 s (default 1 s). */
    public Builder failFastPeriod(Duration failFastPeriod) {
      this.failFastPeriod = failFastPeriod;
      return this;
    }

    /** Most connections open at once, 1..1024 (default 32). */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** Prefix of every key (default {@value RedisReplayConfig#DEFAULT_KEY_PREFIX}). */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public RedisReplayConfig build() {
      return new RedisReplayConfig(this);
    }
  }
}
