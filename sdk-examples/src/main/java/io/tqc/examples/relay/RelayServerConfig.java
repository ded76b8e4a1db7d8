package io.tqc.examples.relay;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.examples.console.ConsoleConfig;
import io.tqc.examples.console.TrustedProxies;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * How to start a {@link RelayServer}. Only the data directory is required. Immutable; build with
 * {@link Builder}.
 */
public final class RelayServerConfig {
  private final String host;
  private final int port;
  private final Path dataDirectory;
  private final String issuer;
  private final String adminToken;
  private final String publicBaseUrl;
  private final Duration heartbeatInterval;
  private final ContentPolicy contentPolicy;
  private final UnaryOperator<RelayConfig.Builder> relayOptions;
  private final RelayProtection protection;
  private final ConsoleConfig console;
  private final TrustedProxies trustedProxies;
  private final java.util.function.Consumer<io.tqc.relay.RelayException> refusalObserver;

  private RelayServerConfig(Builder b) {
    if (b.dataDirectory == null) {
      throw new IllegalArgumentException("dataDirectory is required");
    }
    if (b.port < 0 || b.port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (0 picks a free port)");
    }
    if (b.adminToken != null && b.adminToken.length() < 16) {
      throw new IllegalArgumentException("the admin token must be at least 16 characters");
    }
    this.host = b.host;
    this.port = b.port;
    this.dataDirectory = b.dataDirectory;
    this.issuer = b.issuer;
    this.adminToken = b.adminToken;
    this.publicBaseUrl = b.publicBaseUrl == null ? null : stripSlash(b.publicBaseUrl);
    this.heartbeatInterval = b.heartbeatInterval;
    this.contentPolicy = b.contentPolicy;
    this.relayOptions = b.relayOptions;
    this.protection = b.protection;
    this.console = b.console;
    this.refusalObserver = b.refusalObserver;
    this.trustedProxies = b.trustedProxies;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Interface to listen on; default {@code 127.0.0.1}. */
  public String host() {
    return host;
  }

  /** Port; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** Data directory (database and signing keys). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Relay id, or {@code null} to use the server's base URL. */
  public String issuer() {
    return issuer;
  }

  /** Admin token, or {@code null} to generate a random one (read it from {@link RelayServer#adminToken()}). */
  public String adminToken() {
    return adminToken;
  }

  /** Externally visible base URL, or {@code null} for {@code http://host:port}. */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** Heartbeat interval of status streams. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** Content policy (default: the compliance engine with the law's defaults). */
  public ContentPolicy contentPolicy() {
    return contentPolicy;
  }

  /** Further relay library options, applied last. */
  public UnaryOperator<RelayConfig.Builder> relayOptions() {
    return relayOptions;
  }

  /** The operator console (served under /console/), or null for none. */
  public ConsoleConfig console() {
    return console;
  }

  /** Recipient protection (opt-outs, sender-number lists), or null for none. */
  public RelayProtection protection() {
    return protection;
  }

  /**
   * The load balancers in front of the relay whose {@code X-Forwarded-For} the console's
   * per-address login limit believes; {@link TrustedProxies#NONE} (the default) ignores the header.
   */
  public TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  /** Sees every refusal the routes throw, before it is answered (tests only; default none). */
  java.util.function.Consumer<io.tqc.relay.RelayException> refusalObserver() {
    return refusalObserver;
  }

  /** Builds a {@link RelayServerConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDirectory;
    private String issuer;
    private String adminToken;
    private String publicBaseUrl;
    private Duration heartbeatInterval = RelayConfig.DEFAULT_HEARTBEAT;
    private ContentPolicy contentPolicy = ComplianceContentPolicy.defaults();
    private UnaryOperator<RelayConfig.Builder> relayOptions = b -> b;
    private RelayProtection protection;
    private ConsoleConfig console;
    private TrustedProxies trustedProxies = TrustedProxies.NONE;
    private java.util.function.Consumer<io.tqc.relay.RelayException> refusalObserver = e -> { };

    /** Interface to listen on; default {@code 127.0.0.1} (loopback only). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port; default 0, which picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Data directory (required): {@code relay.db} and {@code signing-keys.json} live there. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** Relay id (a URI); default the server's base URL. Keep it stable across restarts. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Admin bearer token (at least 16 characters); default a random one. */
    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    /** Externally visible base URL (behind a proxy); default {@code http://host:port}. */
    public Builder publicBaseUrl(String publicBaseUrl) {
      this.publicBaseUrl = publicBaseUrl;
      return this;
    }

    /** Heartbeat interval of status streams; default 10 s, at most 15 s. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * Content policy; default {@link ComplianceContentPolicy#defaults()}: the Korean
     * advertising-message rules as the law sets them, refused batches answered 422 with every
     * violation. {@link ContentPolicy#NONE} switches content checks off.
     */
    public Builder contentPolicy(ContentPolicy contentPolicy) {
      if (contentPolicy == null) {
        throw new IllegalArgumentException("contentPolicy must not be null (use ContentPolicy.NONE)");
      }
      this.contentPolicy = contentPolicy;
      return this;
    }

    /** Checks content with {@code policy} (stricter, or some rules WARN or OFF); see {@link #contentPolicy}. */
    public Builder compliancePolicy(CompliancePolicy policy) {
      return contentPolicy(ComplianceContentPolicy.of(policy));
    }

    /** Further relay library options (caps, lifetimes, clock, replay cache...), applied last. */
    public Builder relayOptions(UnaryOperator<RelayConfig.Builder> relayOptions) {
      this.relayOptions = relayOptions;
      return this;
    }

    /**
     * Recipient protection: every batch is also checked against these opt-outs and sender-number
     * lists, and the server serves the suppression, list and 080 push endpoints. The caller closes it.
     */
    public Builder protection(RelayProtection protection) {
      this.protection = protection;
      return this;
    }

    /** Serves the operator console with these operators and timeouts (docs/console.md). */
    public Builder console(ConsoleConfig console) {
      this.console = console;
      return this;
    }

    /**
     * The load balancers in front of the relay, as CIDR ranges ({@code 10.0.0.0/8},
     * {@code 2001:db8::/32}, a single address): only for a request from one of them does the
     * console's per-address login limit count the right-most {@code X-Forwarded-For} address that
     * is not one of them. Default none: the header is never believed.
     *
     * @throws IllegalArgumentException an entry is not an IP address or CIDR range
     */
    public Builder trustedProxies(java.util.List<String> cidrs) {
      this.trustedProxies = TrustedProxies.of(cidrs);
      return this;
    }

    /** Sees every refusal the routes throw, with its cause chain (tests in this package). */
    Builder refusalObserver(java.util.function.Consumer<io.tqc.relay.RelayException> observer) {
      this.refusalObserver = observer;
      return this;
    }

    /** Validates and builds. */
    public RelayServerConfig build() {
      return new RelayServerConfig(this);
    }
  }
}
