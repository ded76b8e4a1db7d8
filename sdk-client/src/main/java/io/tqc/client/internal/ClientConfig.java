package io.tqc.client.internal;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.Backoff;
import io.tqc.client.CircuitBreakerPolicy;
import io.tqc.client.RetryPolicy;
import io.tqc.client.Timeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Every setting of one client, validated once and immutable, built from its {@link Builder} (the
 * public {@code TqcClient.Builder} fills one). The internal classes read the fields directly.
 */
public final class ClientConfig {
  /** The relay base URL, ending with a slash. */
  public final HttpUrl relayUrl;
  /** The reseller this client certifies for. */
  public final ResellerId resellerId;
  /** The reseller's signing key. */
  public final SigningKey signingKey;
  /** The caller's client (never shut down by us), or {@code null} to create one. */
  public final OkHttpClient sharedHttpClient;
  /** Local wall clock. */
  public final Clock clock;
  /** Monotonic time for deadlines. */
  public final Ticker ticker;
  /** The caller's executor (never shut down by us), or {@code null} to create one. */
  public final ScheduledExecutorService sharedExecutor;

  /** How recently an ACTIVE status must have been confirmed. */
  public final Duration maxStatusAge;
  /** Fraction of token lifetime left when a background refresh starts. */
  public final double prefetchFraction;
  /** How long before expiry a token is no longer used. */
  public final Duration tokenStaleWindow;
  /** Clock tolerance when verifying signed statuses. */
  public final Duration statusSkewTolerance;
  /** Poll interval while the event stream is down. */
  public final Duration statusPollInterval;
  /** Silence after which the event stream is reconnected. */
  public final Duration statusStreamReadTimeout;
  /** Backoff of event stream reconnections. */
  public final Backoff reconnectBackoff;
  /** Timeouts of API calls. */
  public final Timeouts timeouts;
  /** Retries of API calls. */
  public final RetryPolicy retry;
  /** Circuit breaker of API calls. */
  public final CircuitBreakerPolicy circuitBreaker;
  /** First delay before reconnecting the event stream. */
  public final Duration reconnectInitialBackoff;
  /** Longest delay before reconnecting the event stream. */
  public final Duration reconnectMaxBackoff;
  /** OkHttp connect timeout of API calls. */
  public final Duration connectTimeout;
  /** OkHttp read and write timeout of API calls. */
  public final Duration readTimeout;
  /** OkHttp whole-call timeout of API calls. */
  public final Duration callTimeout;
  /** Attempts per relay call. */
  public final int retryMaxAttempts;
  /** First retry backoff (also between failed refreshes). */
  public final Duration retryInitialBackoff;
  /** Longest retry backoff. */
  public final Duration retryMaxBackoff;
  /** Longest Retry-After waited inside a call. */
  public final Duration maxRetryAfter;
  /** Circuit breaker sliding window size (calls). */
  public final int circuitBreakerWindow;
  /** Calls recorded before the circuit breaker may open. */
  public final int circuitBreakerMinimumCalls;
  /** How long an open circuit stays open. */
  public final Duration circuitBreakerOpenDuration;
  /** Period of the background maintenance. */
  public final Duration maintenanceInterval;
  /** Minimum time between JWKS fetches (unknown key ids, refusals, short max-age). */
  public final Duration keysRefreshMinInterval;
  /** Longest a fetched JWKS is used before it is refreshed (also the lifetime without max-age). */
  public final Duration keysMaxAge;
  /** The compliance pre-flight's policy, or {@code null} when the pre-flight is off. */
  public final CompliancePolicy compliancePolicy;
  /** Clock offset above which a warning is logged. */
  public final Duration clockSkewWarning;

  private ClientConfig(Builder b) {
    this.relayUrl = b.relayUrl;
    this.resellerId = b.resellerId;
    this.signingKey = b.signingKey;
    this.sharedHttpClient = b.sharedHttpClient;
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.sharedExecutor = b.sharedExecutor;
    this.maxStatusAge = b.maxStatusAge;
    this.prefetchFraction = b.prefetchFraction;
    this.tokenStaleWindow = b.tokenStaleWindow;
    this.statusSkewTolerance = b.statusSkewTolerance;
    this.statusPollInterval = b.statusPollInterval;
    this.statusStreamReadTimeout = b.statusStreamReadTimeout;
    require(b.reconnectBackoff != null, "reconnectBackoff is required");
    require(b.timeouts != null, "timeouts is required");
    require(b.retry != null, "retry is required");
    require(b.circuitBreaker != null, "circuitBreaker is required");
    this.reconnectBackoff = b.reconnectBackoff;
    this.timeouts = b.timeouts;
    this.retry = b.retry;
    this.circuitBreaker = b.circuitBreaker;
    this.reconnectInitialBackoff = b.reconnectBackoff.initial();
    this.reconnectMaxBackoff = b.reconnectBackoff.max();
    this.connectTimeout = b.timeouts.connect();
    this.readTimeout = b.timeouts.read();
    this.callTimeout = b.timeouts.call();
    this.retryMaxAttempts = b.retry.maxAttempts();
    this.retryInitialBackoff = b.retry.backoff().initial();
    this.retryMaxBackoff = b.retry.backoff().max();
    this.maxRetryAfter = b.retry.maxRetryAfter();
    this.circuitBreakerWindow = b.circuitBreaker.window();
    this.circuitBreakerMinimumCalls = b.circuitBreaker.minimumCalls();
    this.circuitBreakerOpenDuration = b.circuitBreaker.openDuration();
    this.maintenanceInterval = b.maintenanceInterval;
    this.keysRefreshMinInterval = b.keysRefreshMinInterval;
    this.keysMaxAge = b.keysMaxAge;
    this.compliancePolicy = b.compliancePolicy;
    this.clockSkewWarning = Duration.ofSeconds(5);
    validate();
  }

  /** A builder with every default (the relay URL, reseller id and signing key have none). */
  public static Builder builder() {
    return new Builder();
  }

  private void validate() {
    require(relayUrl != null, "relayUrl is required");
    require(resellerId != null, "resellerId is required");
    require(signingKey != null, "signingKey is required");
    require(clock != null && ticker != null, "clock and ticker are required");
    positive(maxStatusAge, "maxStatusAge");
    require(prefetchFraction > 0 && prefetchFraction < 1, "prefetchFraction must be in (0, 1)");
    require(tokenStaleWindow != null && !tokenStaleWindow.isNegative(), "tokenStaleWindow must not be negative");
    require(statusSkewTolerance != null && !statusSkewTolerance.isNegative() && statusSkewTolerance.compareTo(Duration.ofMinutes(5)) <= 0,
        "statusSkewTolerance must be in [0, 5 min]");
    positive(statusPollInterval, "statusPollInterval");
    positive(statusStreamReadTimeout, "statusStreamReadTimeout");
    positive(maintenanceInterval, "maintenanceInterval");
    require(keysRefreshMinInterval != null && !keysRefreshMinInterval.isNegative(), "keysRefreshMinInterval must not be negative");
    positive(keysMaxAge, "keysMaxAge");
    require(keysMaxAge != null && keysMaxAge.compareTo(Duration.ofDays(1)) <= 0, "keysMaxAge must be at most 1 day");
  }

  private static void positive(Duration d, String name) {
    require(d != null && !d.isNegative() && !d.isZero(), name + " must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Collects the settings of a {@link ClientConfig}; {@link #build()} validates them once. */
  public static final class Builder {
    private HttpUrl relayUrl;
    private ResellerId resellerId;
    private SigningKey signingKey;
    private OkHttpClient sharedHttpClient;
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.SYSTEM;
    private ScheduledExecutorService sharedExecutor;
    private Duration maxStatusAge = Duration.ofSeconds(60);
    private double prefetchFraction = 1.0 / 3;
    private Duration tokenStaleWindow = Duration.ofSeconds(30);
    private Duration statusSkewTolerance = Duration.ofSeconds(30);
    private Duration statusPollInterval = Duration.ofSeconds(10);
    private Duration statusStreamReadTimeout = Duration.ofSeconds(45);
    private Backoff reconnectBackoff = Backoff.between(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private Timeouts timeouts = Timeouts.defaults();
    private RetryPolicy retry = RetryPolicy.defaults();
    private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.defaults();
    private Duration maintenanceInterval = Duration.ofSeconds(1);
    private Duration keysRefreshMinInterval = Duration.ofSeconds(30);
    private Duration keysMaxAge = Duration.ofMinutes(10);
    private CompliancePolicy compliancePolicy = CompliancePolicy.defaults();

    private Builder() {}

    /** See {@code TqcClient.Builder#relayUrl}. */
    public Builder relayUrl(HttpUrl v) {
      relayUrl = v;
      return this;
    }

    /** See {@code TqcClient.Builder#resellerId}. */
    public Builder resellerId(ResellerId v) {
      resellerId = v;
      return this;
    }

    /** See {@code TqcClient.Builder#signingKey}. */
    public Builder signingKey(SigningKey v) {
      signingKey = v;
      return this;
    }

    /** See {@code TqcClient.Builder#okHttpClient}. */
    public Builder sharedHttpClient(OkHttpClient v) {
      sharedHttpClient = v;
      return this;
    }

    /** See {@code TqcClient.Builder#clock}. */
    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    /** Monotonic time source. */
    public Builder ticker(Ticker v) {
      ticker = v;
      return this;
    }

    /** See {@code TqcClient.Builder#executor}. */
    public Builder sharedExecutor(ScheduledExecutorService v) {
      sharedExecutor = v;
      return this;
    }

    /** See {@code TqcClient.Builder#maxStatusAge}. */
    public Builder maxStatusAge(Duration v) {
      maxStatusAge = v;
      return this;
    }

    /** See {@code TqcClient.Builder#prefetchFraction}. */
    public Builder prefetchFraction(double v) {
      prefetchFraction = v;
      return this;
    }

    /** See {@code TqcClient.Builder#tokenStaleWindow}. */
    public Builder tokenStaleWindow(Duration v) {
      tokenStaleWindow = v;
      return this;
    }

    /** See {@code TqcClient.Builder#statusSkewTolerance}. */
    public Builder statusSkewTolerance(Duration v) {
      statusSkewTolerance = v;
      return this;
    }

    /** See {@code TqcClient.Builder#statusPollInterval}. */
    public Builder statusPollInterval(Duration v) {
      statusPollInterval = v;
      return this;
    }

    /** See {@code TqcClient.Builder#statusStreamReadTimeout}. */
    public Builder statusStreamReadTimeout(Duration v) {
      statusStreamReadTimeout = v;
      return this;
    }

    /** See {@code TqcClient.Builder#reconnectBackoff}. */
    public Builder reconnectBackoff(Backoff v) {
      reconnectBackoff = v;
      return this;
    }

    /** See {@code TqcClient.Builder#timeouts}. */
    public Builder timeouts(Timeouts v) {
      timeouts = v;
      return this;
    }

    /** See {@code TqcClient.Builder#retry}. */
    public Builder retry(RetryPolicy v) {
      retry = v;
      return this;
    }

    /** See {@code TqcClient.Builder#circuitBreaker}. */
    public Builder circuitBreaker(CircuitBreakerPolicy v) {
      circuitBreaker = v;
      return this;
    }

    /** See {@code TqcClient.Builder#maintenanceInterval}. */
    public Builder maintenanceInterval(Duration v) {
      maintenanceInterval = v;
      return this;
    }

    /** See {@code TqcClient.Builder#keysRefreshMinInterval}. */
    public Builder keysRefreshMinInterval(Duration v) {
      keysRefreshMinInterval = v;
      return this;
    }

    /** See {@code TqcClient.Builder#keysMaxAge}. */
    public Builder keysMaxAge(Duration v) {
      keysMaxAge = v;
      return this;
    }

    /** The pre-flight's policy, or {@code null} to switch the pre-flight off. */
    public Builder compliancePolicy(CompliancePolicy v) {
      compliancePolicy = v;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @throws IllegalArgumentException a required setting is missing or a value is out of range
     */
    public ClientConfig build() {
      return new ClientConfig(this);
    }
  }
}
