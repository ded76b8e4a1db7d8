package io.tqc.client.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertificationExpiredException;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.RelayUnavailableException;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's moving parts: the published {@link CertificationState}, the token cache, the
 * status watcher, the relay directory, the background executor and the HTTP resources. Every
 * state change is a compare-and-set of a new immutable snapshot; side effects (listener calls,
 * refreshes) follow a successful change.
 *
 * <p>The token cache is a generic {@link CachedSupplier} (single flight, prefetch and stale times)
 * over a {@link TokenSource} that fetches and verifies a token and changes nothing. The engine alone
 * applies what a fetch returns ({@link #tokenFetched}: install the token unless the certification
 * changed meanwhile) or throws ({@link #tokenFetchFailed}: a suspension, revocation or expiry of the
 * certification, the failure backoff). The published state is what {@code certify} reads: lock-free,
 * never waiting for a fetch.
 */
public final class ClientEngine implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ClientEngine.class);

  private final ClientConfig config;
  private final TqcEventListener listener;
  private final AtomicReference<CertificationState> state = new AtomicReference<>(CertificationState.initial());
  private final HttpResources httpResources;
  private final BackgroundExecutor background;
  private final RelayDirectory directory;
  private final CachedSupplier<CertificationToken> tokens;
  private final TokenSource tokenSource;
  /**
   * The ticker reading before which a failed token fetch is not retried by maintenance or certify
   * (on the injected ticker, like every other client deadline).
   */
  private volatile long nextTokenAttemptAt;
  /** Token fetch failures in a row; touched only inside the (single-flight) fetch. */
  private int consecutiveTokenFailures;
  private final StatusWatcher statusWatcher;
  private final Resilience tokenResilience;
  private final SuppressionChecker suppressions;
  private final RelayClock relayClock;
  private volatile boolean insaneDateLogged;
  /** The key id of the last status that confirmed freshness. */
  private volatile String statusKeyId;
  private volatile long reportedOffset = Long.MIN_VALUE;
  /**
   * The ticker reading at which the newest verified status was issued (its receipt minus its age),
   * or {@link Long#MIN_VALUE} before the first: the status age is {@code ticker - this}.
   */
  private final java.util.concurrent.atomic.AtomicLong statusIssuedTick =
      new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
  private volatile boolean closed;
  private ScheduledFuture<?> maintenance;
  /** Maintenance runs started (tests wait for a number of runs instead of for a time). */
  private final AtomicLong maintenanceRuns = new AtomicLong();

  /** Wires everything; nothing runs until {@link #start()}. */
  public ClientEngine(ClientConfig config, TqcEventListener listener) {
    this.config = config;
    this.listener = new SafeListener(listener);
    this.background = new BackgroundExecutor(config.sharedExecutor);
    this.httpResources = new HttpResources(config, background.name());
    this.relayClock = new RelayClock(config.ticker);
    this.nextTokenAttemptAt = config.ticker.read();
    RelayHttp http = new RelayHttp(httpResources.api(), config.clock, this::relayDateObserved);
    this.directory = new RelayDirectory(config, http, new Resilience("tqc-metadata", config), this::keysRemoved);
    this.tokenResilience = new Resilience("tqc-token", config);
    this.tokenSource = new TokenSource(config, directory, http, tokenResilience, () -> relayNow(state.get()));
    this.tokens = new CachedSupplier<>(this::fetchToken, config.ticker, background.scheduler());
    this.statusWatcher = new StatusWatcher(this, config, directory, http, new Resilience("tqc-status", config),
        httpResources.stream());
    this.suppressions = new SuppressionChecker(config, http, new Resilience("tqc-suppression", config));
  }

  /** The suppression check ({@code POST /v1/suppression/check}). */
  public SuppressionChecker suppressions() {
    return suppressions;
  }

  /** Starts the background maintenance: discovery, first token, status stream. */
  public synchronized void start() {
    long period = config.maintenanceInterval.toNanos();
    maintenance = background.scheduler().scheduleWithFixedDelay(this::maintain, 0, period, TimeUnit.NANOSECONDS);
  }

  private void maintain() {
    maintenanceRuns.incrementAndGet();
    try {
      CertificationState s = state.get();
      if (closed || s.status() == CertificationStatus.REVOKED) {
        return;
      }
      if (s.needsToken(config.ticker.read())) {
        refreshTokenIfAllowed();
      }
      statusWatcher.tick();
      directory.refreshKeysIfDue(executor());
    } catch (RuntimeException e) {
      log.error("TQC client maintenance failed", e);
    }
  }

  /** Maintenance runs started since {@link #start()}: what a test waits for instead of a time. */
  public long maintenanceRuns() {
    return maintenanceRuns.get();
  }

  /** The status stream and poll (tests observe its schedules on the ticker). */
  public StatusWatcher statusWatcher() {
    return statusWatcher;
  }

  /** The current snapshot. */
  public CertificationState state() {
    return state.get();
  }

  /** Relay time now, according to the offset in {@code s}. */
  public Instant relayNow(CertificationState s) {
    Instant local = config.clock.instant();
    long offset = s.clockOffsetMillis();
    return offset == 0 ? local : local.plusMillis(offset);
  }

  /** The monotonic ticker. */
  public Ticker ticker() {
    return config.ticker;
  }

  /** The listener (exceptions it throws are logged and ignored). */
  public TqcEventListener listener() {
    return listener;
  }

  Executor executor() {
    return background.scheduler();
  }

  /** True once {@link #close()} began. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Starts a token fetch in the background (or joins the one running) unless the backoff after a
   * failed fetch has not elapsed. Lock-free; safe to call from the hot path.
   */
  public void refreshTokenIfAllowed() {
    if (tokenAttemptAllowed()) {
      tokens.refresh();
    }
  }

  /** True unless the backoff after a failed token fetch is running (on the injected ticker). */
  public boolean tokenAttemptAllowed() {
    return config.ticker.read() - nextTokenAttemptAt >= 0;
  }

  /**
   * Starts a token fetch in the background, or joins the one running. The future completes when
   * that fetch ends, successfully or not (the outcome is in the client state).
   */
  public CompletableFuture<Void> refreshToken() {
    return tokens.refresh().handle((result, failure) -> null);
  }

  /**
   * The {@link CachedSupplier.Source} of the token cache: fetches a token if the state wants one
   * and applies the outcome to the state. Runs inside the cache's single flight.
   */
  private CachedSupplier.RefreshResult<CertificationToken> fetchToken() throws TqcClientException {
    CertificationState start = state.get();
    if (!start.needsToken(config.ticker.read())) {
      if (start.token() != null) { // a fetch that joined late: the current token is fresh
        return CachedSupplier.RefreshResult.of(start.token(), start.tokenPrefetchAt(), start.tokenStaleAt());
      }
      throw new TqcClientException(ReasonCode.NOT_CERTIFIED, "no token is wanted in the certification's state ("
          + start.status() + ")", null, 0, null);
    }
    CachedSupplier.RefreshResult<CertificationToken> fetched;
    try {
      fetched = tokenSource.fetch();
    } catch (TqcClientException e) {
      tokenFetchFailed(start, e);
      throw e;
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("TQC token refresh failed unexpectedly", e);
      }
      RelayUnavailableException failure = new RelayUnavailableException("unexpected error: " + e, null, 0, e);
      tokenFetchFailed(start, failure);
      throw failure;
    }
    if (!tokenFetched(start, fetched)) {
      throw new TqcClientException(ReasonCode.NOT_CERTIFIED, "the certification changed while the token was fetched",
          null, 0, null);
    }
    return fetched;
  }

  /**
   * Installs a fetched token unless a suspension, revocation or invalidation intervened since the
   * fetch started (the token epoch moved); true if installed.
   */
  private boolean tokenFetched(CertificationState start, CachedSupplier.RefreshResult<CertificationToken> fetched) {
    consecutiveTokenFailures = 0;
    nextTokenAttemptAt = config.ticker.read();
    CertificationToken token = fetched.value();
    long epoch = start.tokenEpoch();
    Transition t = update(cur -> cur.tokenEpoch() == epoch && cur.wantsToken()
        ? cur.withToken(token, fetched.prefetchAt(), fetched.staleAt()) : cur);
    if (t.before == t.after) {
      log.debug("TQC token {} discarded: the certification changed while it was fetched", token.claims().tokenId());
      return false;
    }
    long now = config.ticker.read();
    log.info("TQC token refreshed: jti={}, valid {}, prefetch in {}", token.claims().tokenId(),
        Texts.seconds(Math.max(0, token.claims().expiresAt().toEpochMilli() - relayNow(t.after).toEpochMilli())),
        Texts.seconds(Math.max(0, (fetched.prefetchAt() - now) / 1_000_000L)));
    listener.tokenRefreshed(token);
    return true;
  }

  /**
   * A token fetch failed: a refusal saying the certification is suspended, revoked or expired
   * changes the state; any failure is recorded (the next {@code certify} reports it) and backs off.
   */
  private void tokenFetchFailed(CertificationState start, TqcClientException error) {
    if (closed) {
      return;
    }
    RelayHttpException answer = error.getCause() instanceof RelayHttpException
        ? (RelayHttpException) error.getCause() : null;
    String relayDetail = answer != null ? answer.detail() : error.detail();
    if (error instanceof CertificationSuspendedException) {
      relayRefused(ReasonCode.CERTIFICATION_SUSPENDED, start.statusSequence(), relayDetail);
    } else if (error instanceof CertificationRevokedException) {
      relayRefused(ReasonCode.CERTIFICATION_REVOKED, start.statusSequence(), relayDetail);
    } else if (error instanceof CertificationExpiredException) {
      CertificationExpiredException expired = (CertificationExpiredException) error;
      update(cur -> cur.withCertificationExpired(expired));
    }
    long retryAfterMillis = answer != null ? answer.retryAfterMillis() : -1;
    int failures = ++consecutiveTokenFailures;
    long backoff = Math.min(config.retryMaxBackoff.toMillis(),
        config.retryInitialBackoff.toMillis() << Math.min(failures, 20));
    backoff = Math.max(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1), retryAfterMillis);
    nextTokenAttemptAt = config.ticker.read() + backoff * 1_000_000L;
    update(cur -> cur.withTokenFailure(error));
    if (failures == 1) {
      log.warn("TQC token refresh failed ({}); retrying in {}", error.getMessage(), Texts.seconds(backoff));
    } else {
      log.debug("TQC token refresh failed again ({} in a row): {}", failures, error.getMessage());
    }
    listener.tokenRefreshFailed(error);
  }

  /**
   * The ticker reading before which a failed token fetch is not retried (the failure backoff); at
   * or before the ticker's current reading when no backoff is running.
   */
  public long nextTokenAttemptAt() {
    return nextTokenAttemptAt;
  }

  /** The token endpoint's resilience wiring (tests observe its retry waits). */
  public Resilience tokenResilience() {
    return tokenResilience;
  }

  /** A before/after pair of one state change. */
  public static final class Transition {
    public final CertificationState before;
    public final CertificationState after;

    Transition(CertificationState before, CertificationState after) {
      this.before = before;
      this.after = after;
    }
  }

  /** Applies {@code change} atomically (it may run more than once, so it must be pure). */
  public Transition update(UnaryOperator<CertificationState> change) {
    while (true) {
      CertificationState before = state.get();
      CertificationState after = change.apply(before);
      if (after == before || state.compareAndSet(before, after)) {
        return new Transition(before, after);
      }
    }
  }

  /** A verified signed status arrived; applies the sequence rules. */
  void statusVerified(SignedStatus status, String keyId, long receivedAt, Instant relayNow, String via) {
    long ageMillis = Math.max(0, relayNow.toEpochMilli() - status.issuedAt().toEpochMilli());
    long validMillis = Math.min(config.maxStatusAge.toMillis() - ageMillis,
        status.expiresAt().toEpochMilli() - relayNow.toEpochMilli());
    boolean fresh = validMillis > 0;
    long freshUntil = receivedAt + validMillis * 1_000_000L;
    Transition t = update(cur -> {
      if (cur.isClosed() || cur.status() == CertificationStatus.REVOKED || status.sequence() < cur.statusSequence()) {
        return cur;
      }
      if (status.sequence() == cur.statusSequence()) {
        return status.status() == cur.status() && fresh ? cur.withStatusConfirmed(freshUntil) : cur;
      }
      CertificationState next = cur.withStatus(status.status(), status.sequence(), status.reason(), fresh, freshUntil);
      return status.status() == CertificationStatus.ACTIVE ? next : next.withoutToken();
    });
    if (fresh && t.after != t.before) {
      statusKeyId = keyId;
    }
    // A change, or the current status confirmed again while fresh (a heartbeat); not an outdated one.
    boolean takenIn = t.before != t.after || (fresh && !t.before.isClosed()
        && status.sequence() == t.before.statusSequence() && status.status() == t.before.status());
    if (takenIn) {
      statusTakenIn(status, receivedAt, ageMillis);
    }
    if (t.before == t.after) {
      if (status.sequence() < t.before.statusSequence()
          || (status.sequence() == t.before.statusSequence() && status.status() != t.before.status())) {
        log.info("TQC ignored an outdated status from the {}: {} seq={} (current seq={})", via, status.status(),
            status.sequence(), t.before.statusSequence());
      }
      return;
    }
    if (!fresh) {
      log.warn("TQC status from the {} is older than maxStatusAge: {}", via, status);
    }
    statusChanged(t, status.reason());
  }

  private void statusTakenIn(SignedStatus status, long receivedAt, long ageMillis) {
    long issuedTick = receivedAt - ageMillis * 1_000_000L;
    long seen;
    while (issuedTick > (seen = statusIssuedTick.get()) && !statusIssuedTick.compareAndSet(seen, issuedTick)) {
      // retry: another thread took in a status meanwhile
    }
    listener.statusVerified(status.status(), status.sequence(), Duration.ofMillis(ageMillis));
  }

  /**
   * How old the newest relay-signed status this client verified is now (its age on receipt plus the
   * time since, on the ticker), or {@code null} before the first.
   */
  public Duration statusAge() {
    long issued = statusIssuedTick.get();
    return issued == Long.MIN_VALUE ? null : Duration.ofNanos(Math.max(0, config.ticker.read() - issued));
  }

  /**
   * The relay refused a request with a certification-state code (403). Suspension applies only if
   * no newer status than {@code seqAtRequest} has been seen since; revocation always applies.
   */
  public void relayRefused(ReasonCode reason, long seqAtRequest, String detail) {
    String why = "relay refused a request with " + reason.code() + (detail == null ? "" : ": " + detail);
    Transition t;
    if (reason == ReasonCode.CERTIFICATION_REVOKED) {
      t = update(cur -> cur.isClosed() || cur.status() == CertificationStatus.REVOKED ? cur
          : cur.withStatus(CertificationStatus.REVOKED, Math.max(cur.statusSequence(), seqAtRequest), why, false, 0)
              .withoutToken());
    } else if (reason == ReasonCode.CERTIFICATION_SUSPENDED) {
      t = update(cur -> cur.isClosed() || cur.status() == CertificationStatus.SUSPENDED
          || cur.status() == CertificationStatus.REVOKED || cur.statusSequence() > seqAtRequest ? cur
          : cur.withStatus(CertificationStatus.SUSPENDED, cur.statusSequence(), why, false, 0).withoutToken());
    } else if (reason == ReasonCode.CERTIFICATION_EXPIRED) {
      // The certification's validity ended: drop the token; a refresh clears this only if the
      // relay issues a token again (the certification was renewed).
      CertificationExpiredException expired = new CertificationExpiredException(why, null, 0, null);
      t = update(cur -> cur.isClosed() ? cur : cur.withCertificationExpired(expired));
      if (t.before != t.after) {
        log.warn("TQC certification expired: {}", Texts.clean(why, 200));
        refreshToken();
      }
      return;
    } else {
      return;
    }
    if (t.before != t.after) {
      statusChanged(t, why);
    }
  }

  private void statusChanged(Transition t, String reason) {
    CertificationStatus previous = t.before.status();
    CertificationStatus current = t.after.status();
    if (previous == current) {
      return;
    }
    long seq = t.after.statusSequence();
    if (current == CertificationStatus.ACTIVE) {
      log.info("TQC certification ACTIVE (seq={})", seq);
    } else {
      log.warn("TQC certification {} (seq={}){}", current, seq, reason == null ? "" : ": " + Texts.clean(reason, 200));
    }
    if (previous == null) {
      listener.initialStatus(current, seq, reason);
    } else {
      listener.statusChanged(previous, current, seq, reason);
    }
    if (current == CertificationStatus.REVOKED) {
      statusWatcher.stop();
    } else if (current == CertificationStatus.ACTIVE && previous == CertificationStatus.SUSPENDED) {
      refreshToken();
    }
  }

  /**
   * Drops the token whose digest is {@code tokenDigest} (if it is still the current one) and
   * starts or joins a refresh; with {@code keysToo}, the relay keys are fetched again first (the
   * relay said the token's key is unknown or its signature no longer verifies).
   */
  public CompletableFuture<Void> invalidateToken(String tokenDigest, boolean keysToo) {
    if (keysToo) {
      directory.expireKeys();
    }
    Transition t = update(cur -> cur.token() != null && cur.token().digest().equals(tokenDigest)
        ? cur.withoutToken() : cur);
    if (t.before != t.after) {
      log.info("TQC token {} invalidated after the relay rejected it", t.before.token().claims().tokenId());
      tokens.invalidate(t.before.token());
    }
    return refreshToken();
  }

  /**
   * The relay no longer publishes these keys: a token they signed is dropped and replaced, and a
   * status they signed no longer counts as confirmed.
   */
  private void keysRemoved(Set<String> keyIds) {
    String statusKey = statusKeyId;
    if (statusKey != null && keyIds.contains(statusKey)) {
      Transition s = update(cur -> cur.withoutStatusFreshness());
      if (s.before != s.after) {
        log.info("TQC status confirmation dropped: the relay no longer publishes the key that signed it");
      }
    }
    Transition t = update(cur -> cur.token() != null && keyIds.contains(cur.token().keyId())
        ? cur.withoutToken() : cur);
    if (t.before != t.after) {
      log.info("TQC token {} dropped: the relay no longer publishes the key that signed it",
          t.before.token().claims().tokenId());
      tokens.invalidate(t.before.token());
      refreshToken();
    }
  }

  /** A relay answer carried a {@code Date} header: one sample of relay time. */
  void relayDateObserved(Instant relayDate, Instant localReceipt) {
    RelayClock.Observation o = relayClock.dateObserved(relayDate, localReceipt);
    if (o.discarded) {
      if (!insaneDateLogged) {
        insaneDateLogged = true;
        log.warn("TQC ignored a relay Date header {} from the local clock (more than {}); relay time unchanged",
            Texts.seconds(Math.abs(o.sampleMillis)), Texts.seconds(RelayClock.MAX_OFFSET.toMillis()));
      }
      return;
    }
    clockOffsetMeasured(o.offsetMillis);
  }

  /** A verified signed status was signed at {@code issuedAt}: a lower bound of relay time. */
  void relayStatusTimeObserved(Instant issuedAt, Instant localReceipt) {
    RelayClock.Observation o = relayClock.statusObserved(issuedAt, localReceipt);
    if (!o.discarded) {
      clockOffsetMeasured(o.offsetMillis);
    }
  }

  /** A new relay-minus-local clock offset estimate; reports it when it moved by more than a second. */
  private void clockOffsetMeasured(long offsetMillis) {
    update(cur -> cur.clockOffsetMillis() == offsetMillis ? cur : cur.withClockOffset(offsetMillis));
    long previous = reportedOffset;
    if (previous != Long.MIN_VALUE && Math.abs(previous - offsetMillis) <= 1000) {
      return;
    }
    reportedOffset = offsetMillis;
    if (Math.abs(offsetMillis) > config.clockSkewWarning.toMillis()) {
      log.warn("TQC local clock is {} {} the relay's; proofs are stamped in relay time. Synchronize the clock (NTP).",
          Texts.seconds(Math.abs(offsetMillis)), offsetMillis > 0 ? "behind" : "ahead of");
    }
    listener.clockSkewMeasured(Duration.ofMillis(offsetMillis));
  }

  /** Stops everything this client started; idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (maintenance != null) {
        maintenance.cancel(false);
      }
    }
    update(CertificationState::closedState);
    statusWatcher.stop();
    httpResources.cancelCalls();
    background.shutdown();
    httpResources.shutdown();
    log.debug("TQC client closed");
  }
}
