package io.tqc.client.internal;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Every setting of one client, validated and immutable. Built by the public builder; the internal
 * classes read the fields directly.
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

  /** Collects the values; {@link #validate()} checks them. */
  public ClientConfig(HttpUrl relayUrl, ResellerId resellerId, SigningKey signingKey, OkHttpClient sharedHttpClient,
      Clock clock, Ticker ticker, ScheduledExecutorService sharedExecutor, Duration maxStatusAge,
      double prefetchFraction, Duration tokenStaleWindow, Duration statusSkewTolerance, Duration statusPollInterval,
      Duration statusStreamReadTimeout, Duration reconnectInitialBackoff, Duration reconnectMaxBackoff,
      Duration connectTimeout, Duration readTimeout, Duration callTimeout, int retryMaxAttempts,
      Duration retryInitialBackoff, Duration retryMaxBackoff, Duration maxRetryAfter, int circuitBreakerWindow,
      int circuitBreakerMinimumCalls, Duration circuitBreakerOpenDuration, Duration maintenanceInterval,
      Duration keysRefreshMinInterval, Duration keysMaxAge, CompliancePolicy compliancePolicy) {
    this.relayUrl = relayUrl;
    this.resellerId = resellerId;
    this.signingKey = signingKey;
    this.sharedHttpClient = sharedHttpClient;
    this.clock = clock;
    this.ticker = ticker;
    this.sharedExecutor = sharedExecutor;
    this.maxStatusAge = maxStatusAge;
    this.prefetchFraction = prefetchFraction;
    this.tokenStaleWindow = tokenStaleWindow;
    this.statusSkewTolerance = statusSkewTolerance;
    this.statusPollInterval = statusPollInterval;
    this.statusStreamReadTimeout = statusStreamReadTimeout;
    this.reconnectInitialBackoff = reconnectInitialBackoff;
    this.reconnectMaxBackoff = reconnectMaxBackoff;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.callTimeout = callTimeout;
    this.retryMaxAttempts = retryMaxAttempts;
    this.retryInitialBackoff = retryInitialBackoff;
    this.retryMaxBackoff = retryMaxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.circuitBreakerWindow = circuitBreakerWindow;
    this.circuitBreakerMinimumCalls = circuitBreakerMinimumCalls;
    this.circuitBreakerOpenDuration = circuitBreakerOpenDuration;
    this.maintenanceInterval = maintenanceInterval;
    this.keysRefreshMinInterval = keysRefreshMinInterval;
    this.keysMaxAge = keysMaxAge;
    this.compliancePolicy = compliancePolicy;
    this.clockSkewWarning = Duration.ofSeconds(5);
    validate();
  }

  private void validate() {
    require(relayUrl != null, "relayUrl is required");
    require(resellerId != null, "resellerId is required");
    require(signingKey != null, "signingKey is required");
    require(clock != null && ticker != null, "clock and ticker are required");
    positive(maxStatusAge, "maxStatusAge");
    require(prefetchFraction > 0 && prefetchFraction < 1, "prefetchFraction must be in (0, 1)");
    require(!tokenStaleWindow.isNegative(), "tokenStaleWindow must not be negative");
    require(!statusSkewTolerance.isNegative() && statusSkewTolerance.compareTo(Duration.ofMinutes(5)) <= 0,
        "statusSkewTolerance must be in [0, 5 min]");
    positive(statusPollInterval, "statusPollInterval");
    positive(statusStreamReadTimeout, "statusStreamReadTimeout");
    positive(reconnectInitialBackoff, "reconnectInitialBackoff");
    require(reconnectMaxBackoff.compareTo(reconnectInitialBackoff) >= 0, "reconnectMaxBackoff < initial");
    positive(connectTimeout, "connectTimeout");
    positive(readTimeout, "readTimeout");
    positive(callTimeout, "callTimeout");
    require(retryMaxAttempts >= 1 && retryMaxAttempts <= 10, "retryMaxAttempts must be 1..10");
    positive(retryInitialBackoff, "retryInitialBackoff");
    require(retryMaxBackoff.compareTo(retryInitialBackoff) >= 0, "retryMaxBackoff < retryInitialBackoff");
    require(!maxRetryAfter.isNegative(), "maxRetryAfter must not be negative");
    require(circuitBreakerWindow >= 2, "circuitBreakerWindow must be >= 2");
    require(circuitBreakerMinimumCalls >= 1 && circuitBreakerMinimumCalls <= circuitBreakerWindow,
        "circuitBreakerMinimumCalls must be in [1, circuitBreakerWindow]");
    positive(circuitBreakerOpenDuration, "circuitBreakerOpenDuration");
    positive(maintenanceInterval, "maintenanceInterval");
    require(!keysRefreshMinInterval.isNegative(), "keysRefreshMinInterval must not be negative");
    positive(keysMaxAge, "keysMaxAge");
    require(keysMaxAge.compareTo(Duration.ofDays(1)) <= 0, "keysMaxAge must be at most 1 day");
  }

  private static void positive(Duration d, String name) {
    require(d != null && !d.isNegative() && !d.isZero(), name + " must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
