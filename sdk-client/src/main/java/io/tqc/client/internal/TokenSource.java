package io.tqc.client.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ClientAssertion;
import io.tqc.client.CertificationExpiredException;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.RelayRefusedException;
import io.tqc.client.RelayUnavailableException;
import io.tqc.client.TqcClientException;
import io.tqc.client.internal.RelayDirectory.Endpoints;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Fetches certification tokens for the client's {@link CachedSupplier}: signs a fresh client
 * assertion per attempt, posts the token request (retried and circuit-broken), verifies the token
 * against the relay's keys and relay time, and returns it with its prefetch and stale times. It
 * changes no client state: a refusal is a typed exception, and the {@link ClientEngine} alone applies
 * what a result or a refusal means (install the token, enter a suspension, back off).
 *
 * <p>Times are on the monotonic ticker, from the moment the request was sent: the token expires at
 * the earlier of {@code expires_in} and {@code exp}; it goes stale {@code tokenStaleWindow} before
 * (at most half its life), and the prefetch starts when about {@code prefetchFraction} of its life is
 * left (at the latest three quarters of the way to stale), with up to a twelfth of its life of
 * jitter so that a fleet of clients does not refresh in step.
 */
final class TokenSource implements CachedSupplier.Source<CertificationToken> {
  private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
  private static final long MAX_EXPIRES_IN = 86_400;
  /** Tolerance of token times against relay time: the one-second granularity of both. */
  private static final Duration TIME_GRANULARITY = Duration.ofSeconds(2);

  private final ClientConfig config;
  private final RelayDirectory directory;
  private final RelayHttp http;
  private final Resilience resilience;
  private final Supplier<Instant> relayNow;

  TokenSource(ClientConfig config, RelayDirectory directory, RelayHttp http, Resilience resilience,
      Supplier<Instant> relayNow) {
    this.config = config;
    this.directory = directory;
    this.http = http;
    this.resilience = resilience;
    this.relayNow = relayNow;
  }

  /**
   * A new verified token with its prefetch and stale times.
   *
   * @throws CertificationSuspendedException the relay refused: the certification is suspended
   * @throws CertificationRevokedException the relay refused: the certification is revoked
   * @throws CertificationExpiredException the relay refused: the certification's validity ended
   * @throws RelayUnavailableException the relay could not be reached or answered out of contract
   * @throws RelayRefusedException any other refusal of the token request
   * @throws TqcClientException the relay issued a token this client cannot accept (its reason)
   */
  @Override
  public CachedSupplier.RefreshResult<CertificationToken> fetch() throws TqcClientException {
    try {
      return fetchOrThrow();
    } catch (TqcClientException e) {
      throw e;
    } catch (RelayHttpException e) {
      throw refusal(e);
    } catch (IOException e) {
      throw new RelayUnavailableException(Texts.clean(e.getMessage(), 300), null, 0, e);
    }
  }

  private CachedSupplier.RefreshResult<CertificationToken> fetchOrThrow() throws IOException {
    Endpoints ep = directory.endpoints();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", config.resellerId.value());
    long sentAt = config.ticker.read();
    JsonObject json = resilience.call(() -> {
      // A fresh assertion per attempt: the relay refuses a replayed jti.
      body.put("assertion", ClientAssertion.create(config.signingKey, config.resellerId, ep.issuer,
          relayNow.get(), ASSERTION_LIFETIME));
      return http.postJson(ep.tokenEndpoint, body, "token response");
    });
    String compact;
    long expiresIn;
    try {
      String tokenType = json.string("token_type");
      if (!"TQC".equalsIgnoreCase(tokenType)) {
        throw new RelayContractException("token response: token_type is not TQC");
      }
      expiresIn = json.integer("expires_in", 1, MAX_EXPIRES_IN);
      compact = json.string("token");
    } catch (JsonException e) {
      throw new RelayContractException("token response: " + e.getMessage());
    }
    // Relay time from the Date headers and signed statuses seen so far (this answer's included),
    // never from the token itself: a token outside its validity window by that time is refused.
    Instant now = relayNow.get();
    CertificationToken token = verify(ep, compact, now);
    long remainingMillis = Math.min(expiresIn * 1000,
        token.claims().expiresAt().toEpochMilli() - now.toEpochMilli());
    if (remainingMillis <= 0) {
      throw new TqcClientException(ReasonCode.TOKEN_EXPIRED, "the relay issued a token that expired at "
          + token.claims().expiresAt() + ", before relay time " + now, null, 0, null);
    }
    return timed(token, sentAt, remainingMillis);
  }

  private CertificationToken verify(Endpoints ep, String compact, Instant relayNow) throws IOException {
    try {
      CertificationToken unverified = CertificationToken.decodeUnverified(compact);
      KeySet keys = directory.keysFor(unverified.keyId());
      CertificationToken token = new CertificationVerifier.Builder().relayId(ep.issuer).keys(keys)
          .clockSkew(TIME_GRANULARITY).build().verifyToken(compact, relayNow);
      if (token.claims().issuedAt().isAfter(relayNow.plus(TIME_GRANULARITY))) {
        throw new VerificationException(ReasonCode.TOKEN_NOT_YET_VALID, "the token's iat "
            + token.claims().issuedAt() + " is later than relay time " + relayNow);
      }
      if (!token.claims().subject().equals(config.resellerId)) {
        throw new VerificationException(ReasonCode.TOKEN_MALFORMED, "the token is for another reseller");
      }
      if (!token.claims().keyThumbprint().equals(config.signingKey.verificationKey().thumbprint())) {
        throw new VerificationException(ReasonCode.PROOF_KEY_MISMATCH,
            "the token is bound (cnf.jkt) to another key than this client's signing key");
      }
      return token;
    } catch (VerificationException e) {
      throw new TqcClientException(e.reason(), "the relay issued a token this client cannot accept: " + e.detail(),
          null, 0, e);
    } catch (TqcException e) {
      throw new RelayContractException("token response: " + e.detail());
    }
  }

  /** The token with its prefetch and stale times, {@code remainingMillis} of life from {@code sentAt}. */
  private CachedSupplier.RefreshResult<CertificationToken> timed(CertificationToken token, long sentAt,
      long remainingMillis) {
    long life = remainingMillis * 1_000_000L;
    long expiresAt = sentAt + life;
    long staleAt = expiresAt - Math.min(config.tokenStaleWindow.toNanos(), life / 2);
    long prefetchAt = Math.min(expiresAt - (long) (life * config.prefetchFraction), staleAt - (staleAt - sentAt) / 4);
    long jitter = (long) (ThreadLocalRandom.current().nextDouble() * (life / 12));
    long prefetchFrom = Math.max(sentAt, prefetchAt - jitter);
    return CachedSupplier.RefreshResult.of(token, prefetchFrom, staleAt);
  }

  /**
   * A relay refusal of the token request as the typed exception (its cause the relay's answer,
   * whose {@link RelayHttpException#detail()} the engine records with a state change).
   */
  private static TqcClientException refusal(RelayHttpException e) {
    ReasonCode reason = ReasonCode.fromCode(e.code());
    String detail = (e.isTransient() ? "token request failed: " : "token request refused: ") + e.getMessage();
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_SUSPENDED) {
      return new CertificationSuspendedException(detail, null, 0, e);
    }
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_REVOKED) {
      return new CertificationRevokedException(detail, null, 0, e);
    }
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_EXPIRED) {
      return new CertificationExpiredException(detail, null, 0, e);
    }
    if (e.isTransient()) {
      return new RelayUnavailableException(detail, null, 0, e);
    }
    return new RelayRefusedException(e.status(), e.code(), detail, null, 0, e);
  }
}
