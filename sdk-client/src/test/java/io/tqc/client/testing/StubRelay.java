package io.tqc.client.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ResellerId;
import io.tqc.client.Backoff;
import io.tqc.client.TqcClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * A TQC relay on WireMock speaking the relay's HTTP contract (discovery, JWKS, token, status poll and
 * events), with tokens and statuses signed by a relay key of the test's own; and a client for it.
 * For the tests of the modules built on the client (adapters, Spring Boot starter), from the
 * {@code tqc-client} test-jar; the client's own tests use the richer {@code RelayStub}.
 */
public final class StubRelay implements AutoCloseable {
  public static final String ISSUER = "https://relay.test.kr";
  public static final String ORIGIN_CODE = "123456789";
  public static final String SENDER = "0212345678";

  private final WireMockServer wm = new WireMockServer(options().dynamicPort());
  private final SigningKey relayKey = SigningKey.generate();
  private final SigningKey resellerKey = SigningKey.generate();
  private final ResellerId reseller;
  private long seq;

  public StubRelay() throws Exception {
    reseller = ResellerId.parse("124-81-00998");
    wm.start();
    String base = wm.baseUrl();
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    wm.stubFor(get(urlEqualTo("/.well-known/tqc-configuration")).willReturn(json("{\"issuer\":\"" + ISSUER
        + "\",\"jwks_uri\":\"" + base + "/.well-known/jwks.json\",\"token_endpoint\":\"" + base
        + "/v1/token\",\"batch_endpoint\":\"" + base + "/v1/batches\",\"status_endpoint\":\"" + base
        + "/v1/resellers/{id}/status\",\"status_events_endpoint\":\"" + base
        + "/v1/resellers/{id}/status/events\",\"status_list_endpoint\":\"" + base + "/v1/status-lists/{n}\"}")
        .withHeader("Date", date)));
    wm.stubFor(get(urlEqualTo("/.well-known/jwks.json")).willReturn(json(KeySet.of(relayKey.verificationKey()).toJson())));
    Instant now = Instant.now();
    CertificationToken token = CertificationToken.sign(new CertificationClaims.Builder()
        .issuer(ISSUER).subject(reseller).issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(10)))
        .tokenId(UUID.randomUUID().toString().replace("-", "")).keyThumbprint(resellerKey.verificationKey().thumbprint())
        .certificationId("cert-1").certificationExpiresAt(now.plus(Duration.ofDays(365)))
        .senderNumbers(List.of(SENDER)).originCode(ORIGIN_CODE)
        .statusListIndex(0).statusListUri(ISSUER + "/v1/status-lists/0").build(), relayKey);
    wm.stubFor(post(urlEqualTo("/v1/token")).willReturn(json("{\"token\":\"" + token.compact()
        + "\",\"token_type\":\"TQC\",\"expires_in\":600}")));
    status(CertificationStatus.ACTIVE);
  }

  /** Serves {@code status} (newer than any before) on the poll endpoint and the event stream. */
  public void status(CertificationStatus status) {
    SignedStatus signed = SignedStatus.sign(ISSUER, reseller, "cert-1", status,
        status == CertificationStatus.ACTIVE ? null : "불법스팸 전송 확인", ++seq, Instant.now(), Duration.ofMinutes(5),
        relayKey);
    String path = "/v1/resellers/" + reseller.value() + "/status";
    wm.stubFor(get(urlEqualTo(path)).willReturn(json("{\"status\":\"" + signed.compact() + "\"}")));
    wm.stubFor(get(urlEqualTo(path + "/events")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/event-stream").withBody("event: status\ndata: " + signed.compact() + "\n\n")));
  }

  /** The relay's base URL. */
  public String url() {
    return wm.baseUrl() + "/";
  }

  /** The reseller's private key as a JWK (for a key file). */
  public String resellerPrivateJwk() {
    return resellerKey.exportPrivateJwk();
  }

  /** A ready client for this relay (status polled often so a suspension arrives quickly). */
  public TqcClient client() throws Exception {
    return client(new io.tqc.client.TqcEventListener() { });
  }

  /** A ready client for this relay that reports to {@code listener}. */
  public TqcClient client(io.tqc.client.TqcEventListener listener) throws Exception {
    TqcClient client = new TqcClient.Builder().relayUrl(url()).resellerId(reseller)
        .signingKey(resellerKey).maintenanceInterval(Duration.ofMillis(20)).statusPollInterval(Duration.ofMillis(50))
        .reconnectBackoff(Backoff.between(Duration.ofMillis(50), Duration.ofMillis(200))).listener(listener).build();
    client.awaitReady(Duration.ofSeconds(10));
    return client;
  }

  /** A verifier with the relay's key, to check the proofs the client produced. */
  public CertificationVerifier verifier() {
    return new CertificationVerifier.Builder().relayId(ISSUER).keys(KeySet.of(relayKey.verificationKey())).build();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  @Override
  public void close() {
    wm.stop();
  }
}
