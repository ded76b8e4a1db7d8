package io.tqc.client.internal;

import io.tqc.api.TqcException;
import io.tqc.api.http.RelayConfiguration;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.VerificationKey;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.CacheControl;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's metadata: its endpoints, discovered from {@code /.well-known/tqc-configuration},
 * and its public keys (JWKS). The key set is cached for the lifetime the relay gives it
 * ({@code Cache-Control: max-age}, bounded by {@code keysRefreshMinInterval} and
 * {@code keysMaxAge}), refreshed in the background when that lifetime ends, used at most twice
 * that long when refreshing keeps failing, and refetched early when a token or status names an
 * unknown key id or the relay refuses a token for its key (at most once per minimum interval).
 * Keys the relay no longer publishes are dropped with the next fetch and reported to the
 * {@link KeysListener}.
 */
public final class RelayDirectory {
  private static final Logger log = LoggerFactory.getLogger(RelayDirectory.class);
  private static final String[] PLACEHOLDERS = {"{id}", "{reseller_id}", "%7Bid%7D", "%7Breseller_id%7D"};

  private final ClientConfig config;
  private final RelayHttp http;
  private final Resilience resilience;
  private final KeysListener keysListener;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile Endpoints endpoints;
  private volatile CachedKeys cached;
  private volatile boolean forced;
  private volatile long retryAt;

  /** Reads the metadata of the relay at {@code config.relayUrl}. */
  public RelayDirectory(ClientConfig config, RelayHttp http, Resilience resilience) {
    this(config, http, resilience, keyIds -> { });
  }

  /** Reads the metadata of the relay; {@code keysListener} learns of dropped relay keys. */
  public RelayDirectory(ClientConfig config, RelayHttp http, Resilience resilience, KeysListener keysListener) {
    this.config = config;
    this.http = http;
    this.resilience = resilience;
    this.keysListener = keysListener;
    this.retryAt = config.ticker.read();
  }

  /** The endpoints if discovery already succeeded, else {@code null}. */
  public Endpoints endpointsOrNull() {
    return endpoints;
  }

  /** The endpoints, discovering them on first use. */
  public synchronized Endpoints endpoints() throws IOException {
    Endpoints known = endpoints;
    if (known != null) {
      return known;
    }
    HttpUrl url = config.relayUrl.resolve(".well-known/tqc-configuration");
    JsonObject json = resilience.call(() -> http.getJson(url, "relay configuration"));
    Endpoints discovered = parse(json);
    log.info("TQC relay {} discovered at {}", discovered.issuer, config.relayUrl);
    endpoints = discovered;
    return discovered;
  }

  Endpoints parse(JsonObject json) throws RelayContractException {
    try {
      String issuer = json.string(RelayConfiguration.ISSUER);
      if (issuer.isEmpty() || issuer.length() > 256) {
        throw new RelayContractException("relay configuration: issuer must be 1-256 characters");
      }
      String id = config.resellerId.value();
      return new Endpoints(issuer, url(json, RelayConfiguration.JWKS_URI, id, null),
          url(json, RelayConfiguration.TOKEN_ENDPOINT, id, null),
          url(json, RelayConfiguration.STATUS_ENDPOINT, id, "/status"),
          url(json, RelayConfiguration.STATUS_EVENTS_ENDPOINT, id, "/status/events"));
    } catch (JsonException e) {
      throw new RelayContractException("relay configuration: " + e.getMessage());
    }
  }

  /**
   * Reads an absolute http(s) URL member. Per-reseller endpoints are templates with {@code {id}}
   * (or {@code {reseller_id}}); without one, the contract path {@code v1/resellers/<id><suffix>}
   * under the relay URL is used.
   */
  private HttpUrl url(JsonObject json, String member, String resellerId, String resellerSuffix)
      throws JsonException, RelayContractException {
    String value = json.string(member);
    if (resellerSuffix != null) {
      boolean templated = false;
      for (String placeholder : PLACEHOLDERS) {
        if (value.contains(placeholder)) {
          value = value.replace(placeholder, resellerId);
          templated = true;
        }
      }
      if (!templated) {
        return config.relayUrl.resolve("v1/resellers/" + resellerId + resellerSuffix);
      }
    }
    HttpUrl url = HttpUrl.parse(value);
    if (url == null) {
      throw new RelayContractException("relay configuration: " + member + " is not an absolute http(s) URL");
    }
    if (!url.isHttps() && config.relayUrl.isHttps()) {
      throw new RelayContractException("relay configuration: " + member + " must use https like the relay URL");
    }
    return url;
  }

  /**
   * The relay keys: the cached set while it is within its lifetime, else fetched now (blocking; not
   * on the certify path). Throws when the set expired and cannot be fetched: nothing signed by the
   * relay can be verified then, so the client fails closed.
   */
  public KeySet keys() throws IOException {
    CachedKeys c = cached;
    long now = config.ticker.read();
    if (c != null && now - c.expiresAt < 0 && !(forced && now - c.fetchedAt >= minIntervalNanos())) {
      return c.keys;
    }
    return fetchKeys(c);
  }

  /**
   * The relay keys, refetched first if they do not hold {@code kid} and the last fetch is older
   * than the minimum refresh interval.
   */
  public KeySet keysFor(String kid) throws IOException {
    KeySet known = keys();
    if (kid == null || known.find(kid) != null) {
      return known;
    }
    return fetchKeys(cached);
  }

  /**
   * Makes the next use of the keys fetch them again (at most once per minimum refresh interval):
   * the relay refused a token in a way that means its keys changed.
   */
  public void expireKeys() {
    forced = true;
  }

  /**
   * Starts a background JWKS refresh when the cached set has reached its refresh time (its
   * {@code Cache-Control} lifetime within bounds) or a refresh was requested; at most one runs.
   */
  public void refreshKeysIfDue(Executor executor) {
    CachedKeys c = cached;
    if (c == null || endpoints == null) {
      return;
    }
    long now = config.ticker.read();
    boolean due = now - c.refreshAt >= 0 || (forced && now - c.fetchedAt >= minIntervalNanos());
    if (!due || now - retryAt < 0 || !scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          fetchKeys(c);
        } catch (IOException | RuntimeException e) {
          // Retried after the minimum interval (at least a second), until the set expires.
          retryAt = config.ticker.read() + Math.max(minIntervalNanos(), TimeUnit.SECONDS.toNanos(1));
          log.debug("TQC relay keys refresh failed: {}", e.toString());
        } finally {
          scheduled.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      scheduled.set(false);
    }
  }

  private long minIntervalNanos() {
    return config.keysRefreshMinInterval.toNanos();
  }

  /**
   * Fetches the JWKS unless another caller did since {@code seen} was read (single flight), or the
   * cached set is still valid and younger than the minimum interval.
   */
  private synchronized KeySet fetchKeys(CachedKeys seen) throws IOException {
    CachedKeys c = cached;
    long now = config.ticker.read();
    if (c != null && c != seen && now - c.expiresAt < 0) {
      return c.keys;
    }
    if (c != null && now - c.expiresAt < 0 && now - c.fetchedAt < minIntervalNanos()) {
      return c.keys; // fetched moments ago: an unknown kid or a refusal does not hammer the relay
    }
    Endpoints ep = endpoints();
    RelayHttp.JsonAnswer answer = resilience.call(() -> http.getJsonAnswer(ep.jwksUri, "relay JWKS"));
    KeySet fetched;
    try {
      fetched = KeySet.parse(Json.write(answer.body));
    } catch (TqcException e) {
      throw new RelayContractException("relay JWKS: " + e.detail());
    }
    long fetchedAt = config.ticker.read();
    long lifetime = lifetimeNanos(CacheControl.parse(answer.headers));
    forced = false;
    cached = new CachedKeys(fetched, fetchedAt, fetchedAt + lifetime, fetchedAt + 2 * lifetime);
    log.debug("TQC relay keys fetched, refreshed again in {}: {}", Texts.seconds(lifetime / 1_000_000L), fetched);
    if (c != null) {
      Set<String> removed = new HashSet<>();
      for (VerificationKey key : c.keys.keys()) {
        if (fetched.find(key.keyId()) == null) {
          removed.add(key.keyId());
        }
      }
      if (!removed.isEmpty()) {
        log.info("TQC relay dropped {} signing key(s); nothing they signed is accepted any more", removed.size());
        keysListener.keysRemoved(Collections.unmodifiableSet(removed));
      }
    }
    return fetched;
  }

  /**
   * How long a fetched JWKS is used: the answer's {@code max-age} ({@code no-cache} and
   * {@code no-store} count as 0), {@code keysMaxAge} without one, always within
   * [{@code keysRefreshMinInterval}, {@code keysMaxAge}].
   */
  long lifetimeNanos(CacheControl cc) {
    long max = config.keysMaxAge.toNanos();
    long min = Math.min(minIntervalNanos(), max);
    long wanted = cc.noStore() || cc.noCache() ? 0
        : cc.maxAgeSeconds() >= 0 ? TimeUnit.SECONDS.toNanos(cc.maxAgeSeconds()) : max;
    return Math.max(min, Math.min(max, wanted));
  }

  /** Told when a JWKS fetch no longer holds keys the previous one held. */
  public interface KeysListener {
    /** The relay dropped the keys with these ids. */
    void keysRemoved(Set<String> keyIds);
  }

  /** One fetched key set and its deadlines (ticker time). Immutable. */
  private static final class CachedKeys {
    final KeySet keys;
    final long fetchedAt;
    final long refreshAt;
    final long expiresAt;

    CachedKeys(KeySet keys, long fetchedAt, long refreshAt, long expiresAt) {
      this.keys = keys;
      this.fetchedAt = fetchedAt;
      this.refreshAt = refreshAt;
      this.expiresAt = expiresAt;
    }
  }

  /** The {@code kid} in a compact JWS header, or {@code null} if it cannot be read. */
  public static String peekKeyId(String compact) {
    try {
      return CompactJws.parse(compact, CompactJws.MAX_LENGTH).header().optString("kid");
    } catch (JsonException e) {
      return null;
    }
  }

  /** The relay's endpoints, resolved for this reseller. Immutable. */
  public static final class Endpoints {
    public final String issuer;
    public final HttpUrl jwksUri;
    public final HttpUrl tokenEndpoint;
    public final HttpUrl statusUrl;
    public final HttpUrl statusEventsUrl;

    Endpoints(String issuer, HttpUrl jwksUri, HttpUrl tokenEndpoint, HttpUrl statusUrl, HttpUrl statusEventsUrl) {
      this.issuer = issuer;
      this.jwksUri = jwksUri;
      this.tokenEndpoint = tokenEndpoint;
      this.statusUrl = statusUrl;
      this.statusEventsUrl = statusEventsUrl;
    }
  }
}
