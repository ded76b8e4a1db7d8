package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.Json;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ResellerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TQC relay simulated with WireMock, speaking the reference relay's HTTP contract exactly;
 * tokens and statuses are signed with sdk-api classes and a relay key of the test's own.
 */
final class RelayStub implements AutoCloseable {
  static final String ISSUER = "https://relay.test.kr";
  static final String TOKEN_PATH = "/v1/token";
  static final String BATCH_PATH = "/v1/batches";

  final WireMockServer wm;
  final SigningKey relayKey = SigningKey.generate();
  final SigningKey resellerKey = SigningKey.generate();
  final ResellerId reseller;
  /** The relay's clock: token, status and Date header times. */
  final Clock clock;
  private StubMapping outage;

  RelayStub() throws Exception {
    this(Clock.systemUTC());
  }

  RelayStub(Clock clock) throws Exception {
    this.clock = clock;
    wm = new WireMockServer(options().dynamicPort().containerThreads(40).extensions(new DateHeader()));
    reseller = ResellerId.parse("124-81-00998");
    wm.start();
    stubDiscovery();
    stubJwks(KeySet.of(relayKey.verificationKey()));
  }

  String url() {
    return wm.baseUrl() + "/";
  }

  String statusPath() {
    return "/v1/resellers/" + reseller.value() + "/status";
  }

  String eventsPath() {
    return statusPath() + "/events";
  }

  void stubDiscovery() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", ISSUER);
    doc.put("jwks_uri", wm.baseUrl() + "/.well-known/jwks.json");
    doc.put("token_endpoint", wm.baseUrl() + TOKEN_PATH);
    doc.put("batch_endpoint", wm.baseUrl() + BATCH_PATH);
    doc.put("status_endpoint", wm.baseUrl() + "/v1/resellers/{id}/status");
    doc.put("status_events_endpoint", wm.baseUrl() + "/v1/resellers/{id}/status/events");
    doc.put("status_list_endpoint", wm.baseUrl() + "/v1/status-lists/{n}");
    wm.stubFor(get(urlEqualTo("/.well-known/tqc-configuration")).willReturn(json(Json.write(doc))));
  }

  void stubJwks(KeySet keys) {
    wm.stubFor(get(urlEqualTo("/.well-known/jwks.json")).willReturn(json(keys.toJson())));
  }

  /** Publishes {@code keys} with {@code Cache-Control: <cacheControl>}. */
  void stubJwks(KeySet keys, String cacheControl) {
    wm.stubFor(get(urlEqualTo("/.well-known/jwks.json"))
        .willReturn(json(keys.toJson()).withHeader("Cache-Control", cacheControl)));
  }

  int jwksRequests() {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo("/.well-known/jwks.json")).build()).getCount();
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder problem(int status, String code) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "urn:tqc:error:" + code);
    doc.put("title", code);
    doc.put("status", status);
    doc.put("detail", "refused by the test relay");
    doc.put("code", code);
    return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
        .withBody(Json.write(doc));
  }

  /** A fresh token for the reseller key, valid {@code lifetime} from now. */
  CertificationToken token(Duration lifetime) {
    return token(lifetime, resellerKey.verificationKey().thumbprint());
  }

  CertificationToken token(Duration lifetime, String boundKeyThumbprint) {
    return token(clock.instant(), lifetime, boundKeyThumbprint, relayKey);
  }

  /** A token issued at {@code issuedAt} (which may be wrong: in the past or the future), signed by {@code key}. */
  CertificationToken token(Instant issuedAt, Duration lifetime, String boundKeyThumbprint, SigningKey key) {
    Instant now = issuedAt;
    return CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(ISSUER).subject(reseller).issuedAt(now).expiresAt(now.plus(lifetime))
        .tokenId(Digests.randomId()).keyThumbprint(boundKeyThumbprint)
        .certificationId("cert-1").certificationExpiresAt(now.plus(Duration.ofDays(365)))
        .senderNumbers(Arrays.asList("0212345678")).originCode("123456789")
        .statusListIndex(0).statusListUri(ISSUER + "/v1/status-lists/0").build(), key);
  }

  static String tokenBody(CertificationToken token, long expiresIn) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token.compact());
    body.put("token_type", "TQC");
    body.put("expires_in", expiresIn);
    return Json.write(body);
  }

  /** Stubs the token endpoint with a new token of {@code lifetime} and returns it. */
  CertificationToken stubToken(Duration lifetime) {
    return stubToken(lifetime, 0);
  }

  CertificationToken stubToken(Duration lifetime, int delayMillis) {
    CertificationToken token = token(lifetime);
    wm.stubFor(post(urlEqualTo(TOKEN_PATH))
        .willReturn(json(tokenBody(token, lifetime.getSeconds())).withFixedDelay(delayMillis)));
    return token;
  }

  void stubTokenResponse(ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(response));
  }

  SignedStatus status(CertificationStatus status, long seq, SigningKey key) {
    return SignedStatus.sign(ISSUER, reseller, "cert-1", status, status == CertificationStatus.ACTIVE ? null : "test",
        seq, clock.instant(), Duration.ofMinutes(5), key);
  }

  /** Serves {@code status} (signed by the relay key) on the poll endpoint and the event stream. */
  SignedStatus stubStatus(CertificationStatus status, long seq) {
    SignedStatus signed = status(status, seq, relayKey);
    stubStatusJws(signed.compact());
    return signed;
  }

  void stubStatusJws(String jws) {
    wm.stubFor(get(urlEqualTo(statusPath())).willReturn(json("{\"status\":\"" + jws + "\"}")));
    stubEvents(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
        .withBody("event: status\ndata: " + jws + "\n\n"));
  }

  void stubEvents(ResponseDefinitionBuilder response) {
    wm.stubFor(get(urlEqualTo(eventsPath())).willReturn(response));
  }

  /** Every request answers 503 until {@link #recover()}. */
  void goDown() {
    outage = wm.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
  }

  void recover() {
    wm.removeStub(outage);
  }

  int tokenRequests() {
    return wm.countRequestsMatching(postRequestedFor(urlEqualTo(TOKEN_PATH)).build()).getCount();
  }

  int statusDeliveries() {
    return wm.countRequestsMatching(getRequestedFor(urlEqualTo(statusPath())).build()).getCount()
        + wm.countRequestsMatching(getRequestedFor(urlEqualTo(eventsPath())).build()).getCount();
  }

  /** Serve events for {@code path} answered with {@code status}. */
  long served(String path, int status) {
    return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path))
        .filter(e -> e.getResponse().getStatus() == status).count();
  }

  List<ServeEvent> requestsTo(String path) {
    List<ServeEvent> events = wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(path))
        .collect(Collectors.toList());
    java.util.Collections.reverse(events);
    return events;
  }

  CertificationVerifier verifier() {
    return new CertificationVerifier.Builder().relayId(ISSUER).keys(KeySet.of(relayKey.verificationKey())).build();
  }

  /** A client builder for this relay with test-speed settings. */
  TqcClient.Builder client() {
    return new TqcClient.Builder()
        .relayUrl(url())
        .resellerId(reseller)
        .signingKey(resellerKey)
        .clock(clock)
        .maintenanceInterval(Duration.ofMillis(20))
        .statusPollInterval(Duration.ofMillis(100))
        .reconnectBackoff(Backoff.between(Duration.ofMillis(50), Duration.ofMillis(200)))
        .retry(RetryPolicy.builder().maxAttempts(3).backoff(Backoff.between(Duration.ofMillis(10), Duration.ofMillis(50)))
            .build())
        .circuitBreaker(CircuitBreakerPolicy.builder().window(10).minimumCalls(5).openDuration(Duration.ofMillis(500))
            .build())
        .keysRefreshMinInterval(Duration.ZERO)
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(2)).read(Duration.ofSeconds(5))
            .call(Duration.ofSeconds(8)).build());
  }

  /** The relay's time now as an HTTP-date. */
  String httpDate() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  /**
   * Like any HTTP server (RFC 9110 §6.6.1), the relay sends its time in the {@code Date} header of
   * every answer, unless a stub sets one of its own (a test's wrong or hostile Date).
   */
  final class DateHeader implements ResponseTransformerV2 {
    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      if (response.getHeaders().getHeader("Date").isPresent()) {
        return response;
      }
      return Response.Builder.like(response).but()
          .headers(response.getHeaders().plus(new HttpHeader("Date", httpDate()))).build();
    }

    @Override
    public String getName() {
      return "relay-date-header";
    }
  }

  @Override
  public void close() {
    wm.stop();
  }
}
