package io.tqc.client.internal;

import io.tqc.api.TqcException;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import java.io.IOException;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's metadata: its endpoints, discovered from {@code /.well-known/tqc-configuration},
 * and its public keys (JWKS), fetched on first use and again when a token or status names a key
 * id the client does not know yet (key rotation), at most once per configured interval.
 */
public final class RelayDirectory {
  private static final Logger log = LoggerFactory.getLogger(RelayDirectory.class);
  private static final String[] PLACEHOLDERS = {"{id}", "{reseller_id}", "%7Bid%7D", "%7Breseller_id%7D"};

  private final ClientConfig config;
  private final RelayHttp http;
  private final Resilience resilience;
  private volatile Endpoints endpoints;
  private volatile KeySet keys;
  private long keysFetchedAt;

  /** Reads the metadata of the relay at {@code config.relayUrl}. */
  public RelayDirectory(ClientConfig config, RelayHttp http, Resilience resilience) {
    this.config = config;
    this.http = http;
    this.resilience = resilience;
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
      String issuer = json.string("issuer");
      if (issuer.isEmpty() || issuer.length() > 256) {
        throw new RelayContractException("relay configuration: issuer must be 1-256 characters");
      }
      String id = config.resellerId.value();
      return new Endpoints(issuer, url(json, "jwks_uri", id, null), url(json, "token_endpoint", id, null),
          url(json, "status_endpoint", id, "/status"), url(json, "status_events_endpoint", id, "/status/events"));
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

  /** The relay keys, fetching them on first use. */
  public KeySet keys() throws IOException {
    KeySet known = keys;
    return known != null ? known : refreshKeys(true);
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
    return refreshKeys(false);
  }

  private synchronized KeySet refreshKeys(boolean initial) throws IOException {
    KeySet known = keys;
    if (known != null && (initial || System.nanoTime() - keysFetchedAt < config.keysRefreshMinInterval.toNanos())) {
      return known;
    }
    Endpoints ep = endpoints();
    JsonObject json = resilience.call(() -> http.getJson(ep.jwksUri, "relay JWKS"));
    try {
      KeySet fetched = KeySet.parse(Json.write(json));
      keys = fetched;
      keysFetchedAt = System.nanoTime();
      log.debug("TQC relay keys fetched: {}", fetched);
      return fetched;
    } catch (TqcException e) {
      throw new RelayContractException("relay JWKS: " + e.detail());
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
