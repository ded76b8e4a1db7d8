package io.tqc.api.http;

import io.tqc.api.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relay's discovery document, {@code GET /.well-known/tqc-configuration}: its issuer and the
 * absolute URL of every endpoint (per-reseller ones are templates with {@code {id}}). Immutable.
 *
 * <p>The paths of a relay that follows the reference layout are the {@code *_PATH} constants;
 * {@link #atBaseUrl} builds the document for one.
 */
public final class RelayConfiguration {
  /** The path of this document. */
  public static final String WELL_KNOWN_PATH = "/.well-known/tqc-configuration";
  /** The reference path of the JWK set. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";
  /** The reference path of the token endpoint. */
  public static final String TOKEN_PATH = "/v1/token";
  /** The reference path of the batch endpoint. */
  public static final String BATCH_PATH = "/v1/batches";
  /** The reference template of the status endpoint. */
  public static final String STATUS_PATH = "/v1/resellers/{id}/status";
  /** The reference template of the status event stream. */
  public static final String STATUS_EVENTS_PATH = "/v1/resellers/{id}/status/events";
  /** The reference template of the status lists. */
  public static final String STATUS_LIST_PATH = "/v1/status-lists/{n}";

  /** Member names of the document. */
  public static final String ISSUER = "issuer";
  /** Member name of the JWK set URL. */
  public static final String JWKS_URI = "jwks_uri";
  /** Member name of the token endpoint. */
  public static final String TOKEN_ENDPOINT = "token_endpoint";
  /** Member name of the batch endpoint. */
  public static final String BATCH_ENDPOINT = "batch_endpoint";
  /** Member name of the status endpoint template. */
  public static final String STATUS_ENDPOINT = "status_endpoint";
  /** Member name of the status event stream template. */
  public static final String STATUS_EVENTS_ENDPOINT = "status_events_endpoint";
  /** Member name of the status list template. */
  public static final String STATUS_LIST_ENDPOINT = "status_list_endpoint";

  private final Map<String, String> members;

  private RelayConfiguration(Map<String, String> members) {
    this.members = members;
  }

  /**
   * The document of relay {@code issuer} serving the reference layout under {@code baseUrl}
   * (absolute, without a trailing slash, e.g. {@code https://relay.example.kr}).
   */
  public static RelayConfiguration atBaseUrl(String issuer, String baseUrl) {
    if (issuer == null || issuer.isEmpty()) {
      throw new IllegalArgumentException("issuer must not be empty");
    }
    if (baseUrl == null || !(baseUrl.startsWith("https://") || baseUrl.startsWith("http://"))) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
    }
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    Map<String, String> m = new LinkedHashMap<String, String>();
    m.put(ISSUER, issuer);
    m.put(JWKS_URI, base + JWKS_PATH);
    m.put(TOKEN_ENDPOINT, base + TOKEN_PATH);
    m.put(BATCH_ENDPOINT, base + BATCH_PATH);
    m.put(STATUS_ENDPOINT, base + STATUS_PATH);
    m.put(STATUS_EVENTS_ENDPOINT, base + STATUS_EVENTS_PATH);
    m.put(STATUS_LIST_ENDPOINT, base + STATUS_LIST_PATH);
    return new RelayConfiguration(m);
  }

  /** The issuer. */
  public String issuer() {
    return members.get(ISSUER);
  }

  /** The URL of member {@code name} (one of the {@code *_ENDPOINT} / {@link #JWKS_URI} constants), or {@code null}. */
  public String endpoint(String name) {
    return members.get(name);
  }

  /** The document as compact JSON, UTF-8 ({@code Content-Type: application/json}). */
  public byte[] toJsonBytes() {
    return Json.writeBytes(members);
  }

  @Override
  public String toString() {
    return "RelayConfiguration" + members;
  }
}
