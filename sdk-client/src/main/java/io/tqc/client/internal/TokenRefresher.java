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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certification token cache, after AWS SDK v2's {@code CachedSupplier}: a token is used until
 * it goes <em>stale</em> ({@code tokenStaleWindow} before expiry, never used after), and a
 * background <em>prefetch</em> starts when about a third of its lifetime is left (with jitter), so
 * the hot path never waits. Expiry is the earlier of {@code expires_in} and {@code exp}, measured
 * on the monotonic ticker from the moment the request was sent. Refreshes are single-flight: any
 * number of concurrent requests share one token request.
 */
public final class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);
  private static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
  private static final long MAX_EXPIRES_IN = 86_400;
  /** Tolerance of token times against relay time: the one-second granularity of both. */
  private static final Duration TIME_GRANULARITY = Duration.ofSeconds(2);

  private final ClientEngine engine;
  private final ClientConfig config;
  private final RelayDirectory directory;
  private final RelayHttp http;
  private final Resilience resilience;
  private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();
  private volatile long nextAttemptAt = System.nanoTime();
  private int consecutiveFailures;

  TokenRefresher(ClientEngine engine, ClientConfig config, RelayDirectory directory, RelayHttp http,
      Resilience resilience) {
    this.engine = engine;
    this.config = config;
    this.directory = directory;
    this.http = http;
    this.resilience = resilience;
  }

  /**
   * Starts a refresh in the background unless one is running or the failure backoff has not
   * elapsed. Lock-free; safe to call from the hot path.
   */
  public void refreshIfAllowed() {
    if (System.nanoTime() - nextAttemptAt >= 0) {
      refresh();
    }
  }

  /**
   * Starts a refresh in the background, or joins the one running. The future completes when that
   * refresh ends, successfully or not (the outcome is in the client state).
   */
  public CompletableFuture<Void> refresh() {
    while (true) {
      CompletableFuture<Void> running = inFlight.get();
      if (running != null) {
        return running;
      }
      CompletableFuture<Void> mine = new CompletableFuture<>();
      if (!inFlight.compareAndSet(null, mine)) {
        continue;
      }
      try {
        engine.executor().execute(() -> {
          try {
            runRefresh();
          } finally {
            inFlight.compareAndSet(mine, null);
            mine.complete(null);
          }
        });
      } catch (RejectedExecutionException e) {
        inFlight.compareAndSet(mine, null);
        mine.complete(null);
      }
      return mine;
    }
  }

  private void runRefresh() {
    CertificationState start = engine.state();
    if (!start.needsToken(engine.ticker().read())) {
      return;
    }
    try {
      fetchAndInstall(start);
      consecutiveFailures = 0;
      nextAttemptAt = System.nanoTime();
    } catch (TqcClientException e) {
      failed(start, e, -1);
    } catch (RelayHttpException e) {
      failed(start, refusal(start, e), e.retryAfterMillis());
    } catch (IOException e) {
      failed(start, new RelayUnavailableException(Texts.clean(e.getMessage(), 300), null, 0, e), -1);
    } catch (RuntimeException e) {
      if (!engine.isClosed()) {
        log.error("TQC token refresh failed unexpectedly", e);
      }
      failed(start, new RelayUnavailableException("unexpected error: " + e, null, 0, e), -1);
    }
  }

  private void fetchAndInstall(CertificationState start) throws IOException {
    Endpoints ep = directory.endpoints();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reseller_id", config.resellerId.value());
    long sentAt = engine.ticker().read();
    JsonObject json = resilience.call(() -> {
      // A fresh assertion per attempt: the relay refuses a replayed jti.
      body.put("assertion", ClientAssertion.create(config.signingKey, config.resellerId, ep.issuer,
          engine.relayNow(engine.state()), ASSERTION_LIFETIME));
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
    Instant relayNow = engine.relayNow(engine.state());
    CertificationToken token = verify(ep, compact, relayNow);
    long remainingMillis = Math.min(expiresIn * 1000,
        token.claims().expiresAt().toEpochMilli() - relayNow.toEpochMilli());
    if (remainingMillis <= 0) {
      throw new TqcClientException(ReasonCode.TOKEN_EXPIRED, "the relay issued a token that expired at "
          + token.claims().expiresAt() + ", before relay time " + relayNow, null, 0, null);
    }
    install(start, token, sentAt, remainingMillis);
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

  /** Computes the deadlines and installs the token unless a suspension or invalidation intervened. */
  private void install(CertificationState start, CertificationToken token, long sentAt, long remainingMillis) {
    long life = remainingMillis * 1_000_000L;
    long expiresAt = sentAt + life;
    long staleAt = expiresAt - Math.min(config.tokenStaleWindow.toNanos(), life / 2);
    long prefetchAt = Math.min(expiresAt - (long) (life * config.prefetchFraction), staleAt - (staleAt - sentAt) / 4);
    long jitter = (long) (ThreadLocalRandom.current().nextDouble() * (life / 12));
    long prefetchFrom = Math.max(sentAt, prefetchAt - jitter);
    long epoch = start.tokenEpoch();
    ClientEngine.Transition t = engine.update(cur -> cur.tokenEpoch() == epoch && cur.wantsToken()
        ? cur.withToken(token, prefetchFrom, staleAt) : cur);
    if (t.before == t.after) {
      log.debug("TQC token {} discarded: the certification changed while it was fetched", token.claims().tokenId());
      return;
    }
    log.info("TQC token refreshed: jti={}, valid {}, prefetch in {}", token.claims().tokenId(),
        Texts.seconds(remainingMillis), Texts.seconds((prefetchFrom - sentAt) / 1_000_000L));
    engine.listener().tokenRefreshed(token);
  }

  /** Maps a relay refusal of the token request; suspension, revocation and expiry change the state. */
  private TqcClientException refusal(CertificationState start, RelayHttpException e) {
    ReasonCode reason = ReasonCode.fromCode(e.code());
    String detail = (e.isTransient() ? "token request failed: " : "token request refused: ") + e.getMessage();
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_SUSPENDED) {
      engine.relayRefused(reason, start.statusSequence(), e.detail());
      return new CertificationSuspendedException(detail, null, 0, e);
    }
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_REVOKED) {
      engine.relayRefused(reason, start.statusSequence(), e.detail());
      return new CertificationRevokedException(detail, null, 0, e);
    }
    if (e.status() == 403 && reason == ReasonCode.CERTIFICATION_EXPIRED) {
      CertificationExpiredException expired = new CertificationExpiredException(detail, null, 0, e);
      engine.update(cur -> cur.withCertificationExpired(expired));
      return expired;
    }
    if (e.isTransient()) {
      return new RelayUnavailableException(detail, null, 0, e);
    }
    return new RelayRefusedException(e.status(), e.code(), detail, null, 0, e);
  }

  private void failed(CertificationState start, TqcClientException error, long retryAfterMillis) {
    if (engine.isClosed()) {
      return;
    }
    consecutiveFailures++;
    long backoff = Math.min(config.retryMaxBackoff.toMillis(),
        config.retryInitialBackoff.toMillis() << Math.min(consecutiveFailures, 20));
    backoff = Math.max(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1), retryAfterMillis);
    nextAttemptAt = System.nanoTime() + backoff * 1_000_000L;
    engine.update(cur -> cur.withTokenFailure(error));
    if (consecutiveFailures == 1) {
      log.warn("TQC token refresh failed ({}); retrying in {}", error.getMessage(), Texts.seconds(backoff));
    } else {
      log.debug("TQC token refresh failed again ({} in a row): {}", consecutiveFailures, error.getMessage());
    }
    engine.listener().tokenRefreshFailed(error);
  }
}
