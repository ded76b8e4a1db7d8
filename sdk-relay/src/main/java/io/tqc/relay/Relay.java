package io.tqc.relay;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.status.StatusList;
import io.tqc.api.status.StatusListToken;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.ReportResult;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.Traceback;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.internal.AuditEnricher;
import io.tqc.relay.internal.AuditWriter;
import io.tqc.relay.internal.BatchVerifier;
import io.tqc.relay.internal.InMemoryReplayCache;
import io.tqc.relay.internal.KeyRing;
import io.tqc.relay.internal.LiveRegistry;
import io.tqc.relay.internal.StaleViewException;
import io.tqc.relay.internal.SignedStatusPublisher;
import io.tqc.relay.internal.TokenIssuer;
import io.tqc.relay.internal.WindowedRecorder;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.store.FileSigningKeyStore;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.SqliteRelayStore;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TQC relay, embedded in the operator's own HTTP service: it issues certification tokens,
 * verifies and durably records batches, publishes signed statuses and status lists, and holds the
 * reseller {@linkplain #registry() registry}. Open one per process with {@link #open}; it is
 * thread-safe. Close it on shutdown.
 *
 * <p>Map each HTTP endpoint to one call: token endpoint → {@link #issueToken}; batch endpoint →
 * {@link #acceptBatch} (pass the body bytes exactly as received); status → {@link #status} and
 * {@link #subscribe}; status list → {@link #statusListToken}; JWKS → {@link #publicKeys()}. Every
 * refusal is a {@link RelayException} whose {@link RelayException#reason() reason} gives the code
 * and HTTP status to answer with.
 *
 * <p><b>Replay protection across restarts.</b> The store refuses any batch id it already holds
 * ({@code batch_replayed}), so an accepted batch can never be replayed across a restart. The
 * in-memory replay cache, which refuses replays early, is seeded at start-up from the audit log
 * with the most recent batches accepted within the proof acceptance window, up to half its
 * capacity (so a restart never starts it full); a shared cache is not seeded. A proof refused before a restart (and so never
 * delivered) may be evaluated again after it, like a new submission. Beyond the cache, the store
 * refuses any batch id it already holds and any client-assertion id it remembers (until the
 * assertion's expiry), so neither can be replayed after a restart or on another node of a fleet.
 *
 * <p><b>Fleet.</b> Nodes sharing one store (for example {@code tqc-relay-postgres}) keep every
 * guarantee: the store is the authority (audit fence, compare-and-set transitions), memory only
 * refuses early, and a node whose {@link RegistryFeed} is not current signs no ACTIVE status and
 * reports itself unhealthy ({@link #isHealthy()}).
 */
public final class Relay implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
  private static final int REPLAY_SEED_LIMIT = 1_000_000;
  private static final Duration MAX_LAG = Duration.ofDays(365);
  /**
   * How often each node reloads the signing keys from its key store and drops expired ones: the
   * bound within which a rotation or an emergency removal made on one node takes effect on all.
   */
  public static final int KEY_REFRESH_SECONDS = 5;

  private final RelayConfig config;
  private final Clock clock;
  private final RelayStore store;
  private final KeyRing keyRing;
  private final LiveRegistry live;
  private final AuditWriter auditWriter;
  private final BatchVerifier batchVerifier;
  private final TokenIssuer issuer;
  private final SignedStatusPublisher publisher;
  private final RegistryFeed feed;
  private final Subscription feedSubscription;
  private final Registry registry;
  private final ScheduledExecutorService maintenance;
  private final LongAdder tokensIssued = new LongAdder();
  private final ReplayCache replayCache;
  /** Nanoseconds of the last remote registry change's lag, or {@link Long#MIN_VALUE} before any. */
  private final AtomicLong feedLagNanos = new AtomicLong(Long.MIN_VALUE);
  private final Enforcement enforcement;

  private Relay(RelayConfig config, RelayStore store, KeyRing keyRing, List<Reseller> resellers,
      EnforcementConfig enforcementConfig) {
    this.config = config;
    this.clock = config.clock();
    this.store = store;
    this.keyRing = keyRing;
    this.live = new LiveRegistry(resellers);
    ReplayCache replayCache = config.replayCache() != null ? config.replayCache()
        : ReplayCache.inMemory(RelayConfig.DEFAULT_REPLAY_CAPACITY);
    this.replayCache = replayCache;
    this.auditWriter = new AuditWriter(store);
    EnforcementStore enforcementStore = enforcementConfig == null ? null : store.enforcement();
    if (enforcementConfig != null && enforcementStore == null) {
      throw new IllegalArgumentException("enforcement is configured but the relay store " + store
          + " does not support it (RelayStore.enforcement() is null)");
    }
    AuditEnricher enricher = enforcementStore == null ? AuditEnricher.NONE
        : new AuditEnricher(enforcementConfig.tracebackKey(), config.nodeId(), enforcementStore);
    this.batchVerifier = new BatchVerifier(config, live, replayCache, auditWriter, keyRing.snapshot().publicKeys(),
        enricher, AcceptedBatch::new);
    this.issuer = new TokenIssuer(config, live, replayCache, keyRing, store);
    this.publisher = new SignedStatusPublisher(this::signCurrentStatus, config.heartbeatInterval());
    this.feed = config.registryFeed() != null ? config.registryFeed() : RegistryFeed.inProcess();
    this.registry = new Registry(config, store, live, publisher, feed);
    this.enforcement = enforcementStore == null ? null
        : new Enforcement(enforcementConfig, store, enforcementStore, registry, clock, enricher, config.issuer(),
            () -> keyRing.snapshot().active(), config.nodeId());
    this.feedSubscription = feed.subscribe(new RegistryFeed.Listener() {
      @Override
      public void onChange(Reseller changed) {
        onChange(changed, null);
      }

      @Override
      public void onChange(Reseller changed, Instant recordedAt) {
        // A change this node made is already in memory (applied before it was published), so only a
        // change from another node is newer here: its lag is the feed's.
        if (live.apply(changed)) {
          if (recordedAt != null) {
            feedLagNanos.set(lagNanos(recordedAt, clock.instant()));
          }
          publisher.changed(changed.id());
        }
      }
    });
    this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tqc-relay-maintenance");
      thread.setDaemon(true);
      return thread;
    });
    maintenance.scheduleWithFixedDelay(this::pruneKeys, KEY_REFRESH_SECONDS, KEY_REFRESH_SECONDS, TimeUnit.SECONDS);
    seedReplayCache(replayCache);
    if (enforcement != null) {
      try {
        enforcement.refreshQuotas();
        enforcement.endDueSuspensions();
      } catch (RelayException e) {
        throw new IllegalStateException("cannot start enforcement: " + e.detail(), e);
      }
      long every = enforcementConfig.sanctionCheckInterval().toMillis();
      maintenance.scheduleWithFixedDelay(enforcement::maintain, every, every, TimeUnit.MILLISECONDS);
      maintenance.scheduleWithFixedDelay(this::pruneTraceback, 1, 60, TimeUnit.MINUTES);
      long checkpointEvery = enforcementConfig.checkpointInterval().toMillis();
      maintenance.scheduleWithFixedDelay(this::signCheckpoint, checkpointEvery, checkpointEvery, TimeUnit.MILLISECONDS);
    }
  }

  private void signCheckpoint() {
    try {
      enforcement.checkpoint();
    } catch (RelayException | RuntimeException e) {
      LOG.warn("signing an audit checkpoint failed: {}", e.toString());
    }
  }

  private void pruneTraceback() {
    try {
      int pruned = enforcement.pruneTraceback();
      if (pruned > 0) {
        LOG.info("traceback index: {} rows past retention pruned", pruned);
      }
    } catch (RelayException | RuntimeException e) {
      LOG.warn("pruning the traceback index failed: {}", e.toString());
    }
  }

  /**
   * Opens a relay: opens (or creates) its stores, loads or creates its signing key, loads the
   * registry into memory and seeds the replay cache from the audit log.
   */
  public static Relay open(RelayConfig config) throws IOException {
    RelayStore store = config.store() != null ? config.store()
        : SqliteRelayStore.open(config.dataDirectory().resolve(RelayConfig.DATABASE_FILE));
    try {
      SigningKeyStore keyStore = config.signingKeyStore() != null ? config.signingKeyStore()
          : new FileSigningKeyStore(config.dataDirectory().resolve(RelayConfig.SIGNING_KEY_FILE));
      KeyRing keyRing = KeyRing.open(keyStore, config.clock().instant());
      List<Reseller> resellers = store.loadResellers();
      EnforcementConfig enforcement = config.enforcement();
      if (enforcement == null && config.store() == null) {
        enforcement = new EnforcementConfig.Builder().tracebackKey(
            TracebackKeyFile.loadOrCreate(config.dataDirectory().resolve(RelayConfig.TRACEBACK_KEY_FILE))).build();
      }
      Relay relay = new Relay(config, store, keyRing, resellers, enforcement);
      LOG.info("relay {} opened: {} resellers, signing key {}", config.issuer(), resellers.size(),
          keyRing.snapshot().active().keyId());
      return relay;
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Seeds an in-memory replay cache with the most recent batches accepted within the window, at
   * most half its capacity, so a restart never leaves it full (every batch would then be refused
   * {@code rate_limited} until the seeded ids age out). Older ones, and every id for a shared cache
   * (which outlives this node, and would cost one round trip per id), are left to the store, which
   * refuses a batch id it already holds ({@code batch_replayed}): the cache only refuses early.
   */
  private void seedReplayCache(ReplayCache cache) {
    if (cache.shared()) {
      // One SET per recent audit record to a shared cache would slow every start-up of every node;
      // the audit table's unique batch id refuses what the shared cache forgot (DUPLICATE).
      return;
    }
    // An in-memory cache gets at most half its capacity (the newest ids); another node-local cache
    // everything in the window.
    int room = cache instanceof InMemoryReplayCache ? ((InMemoryReplayCache) cache).capacity() / 2
        : Integer.MAX_VALUE;
    Duration window = batchVerifier.replayWindow();
    Instant now = clock.instant();
    try {
      List<AuditRecord> recent = store.acceptedSince(now.minus(window), REPLAY_SEED_LIMIT);
      for (AuditRecord record : recent.subList(Math.max(0, recent.size() - room), recent.size())) {
        cache.remember("proof:" + record.batchId(), record.acceptedAt().plus(window), now);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read recent batches to seed the replay cache", e);
    }
  }

  /** The relay id ({@code iss} of tokens and statuses). */
  public String issuer() {
    return config.issuer();
  }

  /** The configuration. */
  public RelayConfig config() {
    return config;
  }

  /** The registry (administration). */
  public Registry registry() {
    return registry;
  }

  /** The published key set (JWKS): the active key and retired keys still needed to verify. */
  public KeySet publicKeys() {
    return keyRing.snapshot().publicKeys();
  }

  /** The key id of the key that signs now. */
  public String activeKeyId() {
    return keyRing.snapshot().active().keyId();
  }

  /**
   * Issues a certification token to a reseller presenting a client assertion.
   *
   * @param resellerId the reseller id as sent by the client
   * @param assertion the client assertion (compact JWS)
   * @throws RelayException {@code reseller_id_invalid}, {@code reseller_unknown},
   *     {@code assertion_invalid} (also for a replayed assertion), {@code certification_suspended},
   *     {@code certification_revoked}, {@code certification_expired}, {@code rate_limited}
   */
  public IssuedToken issueToken(String resellerId, String assertion) throws RelayException {
    CertificationToken token = issuer.issue(resellerId, assertion);
    tokensIssued.increment();
    return new IssuedToken(token, TokenIssuer.lifetime(token));
  }

  /**
   * Verifies a batch and records it durably. Returns only once the audit record is committed.
   *
   * @param token the certification token (after {@code Authorization: TQC})
   * @param proof the batch proof ({@code TQC-Proof} header)
   * @param body the request body exactly as received
   * @throws RelayException with the first failing check's reason; a content-policy refusal lists
   *     every {@linkplain RelayException#violations() violation}
   */
  public AcceptedBatch acceptBatch(String token, String proof, byte[] body) throws RelayException {
    return batchVerifier.accept(token, proof, body);
  }

  /**
   * The reseller's current status, freshly signed.
   *
   * @throws RelayException {@code certification_unknown} if the reseller is not registered
   */
  public SignedStatus status(ResellerId id) throws RelayException {
    SignedStatus status;
    try {
      status = signCurrentStatus(id);
    } catch (StaleViewException e) {
      throw new RelayException(ReasonCode.RELAY_UNAVAILABLE,
          "this relay node's status view is not current; retry (another node may answer)");
    }
    if (status == null) {
      throw new RelayException(ReasonCode.CERTIFICATION_UNKNOWN, "no certification for reseller " + id);
    }
    return status;
  }

  private SignedStatus signCurrentStatus(ResellerId id) {
    Reseller reseller = live.get(id);
    if (reseller == null) {
      return null;
    }
    if (reseller.status() == io.tqc.api.status.CertificationStatus.ACTIVE && !feed.isCurrent()) {
      // A stale node must not vouch for ACTIVE: clients then fail closed until it has caught up.
      throw new StaleViewException();
    }
    return SignedStatus.sign(config.issuer(), id, reseller.certificationId(), reseller.status(),
        reseller.statusReason(), reseller.sequence(), clock.instant(), config.statusLifetime(),
        keyRing.snapshot().active());
  }

  /**
   * Subscribes to the reseller's signed statuses: the current one at once, each change as soon as it
   * is durable, and a heartbeat every {@link RelayConfig#heartbeatInterval()}.
   *
   * @throws RelayException {@code certification_unknown} if the reseller is not registered
   */
  public Subscription subscribe(ResellerId id, StatusListener listener) throws RelayException {
    if (live.get(id) == null) {
      throw new RelayException(ReasonCode.CERTIFICATION_UNKNOWN, "no certification for reseller " + id);
    }
    return publisher.subscribe(id, listener);
  }

  /**
   * True while this node can vouch for statuses: its status feed is current. An unhealthy node
   * signs no ACTIVE status; take it out of the load balancer until it reports healthy again.
   */
  public boolean isHealthy() {
    return feed.isCurrent();
  }

  /** The URI of status list {@code n} (the {@code sub} of its token and the {@code uri} in tokens). */
  public String statusListUri(int n) {
    return config.statusListUri(n);
  }

  /**
   * Status list {@code n} as a signed status list token ({@code statuslist+jwt}, 2 bits per entry:
   * 0 ACTIVE, 1 REVOKED, 2 SUSPENDED).
   *
   * @throws RelayException {@code request_invalid} if no certification has an index in list {@code n}
   *     (list 0 always exists)
   */
  public String statusListToken(int n) throws RelayException {
    if (!feed.isCurrent()) {
      throw new RelayException(ReasonCode.RELAY_UNAVAILABLE,
          "this relay node's status view is not current; retry (another node may answer)");
    }
    int size = config.statusListSize();
    List<Reseller> all = live.all();
    int highest = -1;
    for (Reseller reseller : all) {
      highest = Math.max(highest, reseller.statusListIndex());
    }
    if (n < 0 || (n > 0 && n > highest / size)) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "no status list " + n);
    }
    StatusList.Builder list = new StatusList.Builder(2, size);
    for (Reseller reseller : all) {
      if (reseller.statusListIndex() / size == n) {
        list.set(reseller.statusListIndex() % size, reseller.status().statusListValue());
      }
    }
    return StatusListToken.sign(config.issuer(), config.statusListUri(n), list.build(), clock.instant(),
        config.statusListLifetime(), config.statusListTtl(), keyRing.snapshot().active());
  }

  /**
   * Rotates the relay signing key: a new key signs from now on; the previous key stays in the
   * published key set until everything it signed has expired (the longest of token, status and
   * status-list lifetimes, plus the clock skew), then it is dropped. Returns the new key id. With a
   * {@linkplain RelayConfig#keyActivationDelay() key activation delay} (a fleet) the new key is
   * published at once and signs only after the delay, on every node.
   */
  public String rotateSigningKey() throws IOException {
    Duration retention = max(max(config.tokenTtl(), config.statusLifetime()), config.statusListLifetime())
        .plus(config.clockSkew());
    Duration delay = config.keyActivationDelay();
    SigningKey fresh = keyRing.rotate(clock.instant(), retention, delay);
    batchVerifier.keysChanged(keyRing.snapshot().publicKeys());
    if (delay.isZero()) {
      LOG.info("relay signing key rotated; now signing with {}", fresh.keyId());
    } else {
      LOG.info("relay signing key {} published; it signs in {} s", fresh.keyId(), delay.getSeconds());
    }
    return fresh.keyId();
  }

  /**
   * Rotates the relay signing key and drops every previous key at once: for a key that may have
   * leaked. Tokens and statuses signed before (including any forged with the leaked key) stop
   * verifying immediately; honest clients must fetch new tokens. Returns the new key id.
   */
  public String emergencyRotateSigningKey() throws IOException {
    Instant now = clock.instant();
    SigningKey fresh = keyRing.rotate(now, Duration.ZERO);
    keyRing.prune(now);
    batchVerifier.keysChanged(keyRing.snapshot().publicKeys());
    LOG.warn("relay signing key rotated in emergency; previous keys dropped; now signing with {}", fresh.keyId());
    return fresh.keyId();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Drops retired signing keys whose retention ended (also runs every 30 s); true if any was dropped. */
  public boolean pruneSigningKeys() throws IOException {
    boolean changed = keyRing.prune(clock.instant());
    if (changed) {
      batchVerifier.keysChanged(keyRing.snapshot().publicKeys());
      LOG.info("retired relay signing keys dropped; key set now {}", keyRing.snapshot().publicKeys());
    }
    return changed;
  }

  private void pruneKeys() {
    try {
      pruneSigningKeys();
    } catch (IOException | RuntimeException e) {
      LOG.error("pruning signing keys failed", e);
    }
  }

  /** The audit record of an accepted batch, or {@code null} (traceback). */
  public AuditRecord auditRecord(String batchId) throws IOException {
    return store.findAccepted(batchId);
  }

  /** Audit records of batches accepted at or after {@code since}, oldest first, at most {@code limit}. */
  public List<AuditRecord> acceptedBatches(Instant since, int limit) throws IOException {
    return limit <= 0 ? Collections.<AuditRecord>emptyList() : store.acceptedSince(since, limit);
  }

  /**
   * A reseller's audit records accepted strictly before {@code before}, newest first, at most
   * {@code limit} (its recent batches; an indexed, bounded store query).
   *
   * @throws UnsupportedOperationException if the store does not list a reseller's batches
   */
  public List<AuditRecord> acceptedBatches(ResellerId resellerId, Instant before, int limit) throws IOException {
    return limit <= 0 ? Collections.<AuditRecord>emptyList() : store.acceptedBy(resellerId, before, limit);
  }

  /**
   * The batches of {@code resellerId} this node refused most recently, newest first, at most
   * {@code limit} (this node keeps the last {@value io.tqc.relay.internal.RecentRefusals#PER_RESELLER}
   * for each of the {@value io.tqc.relay.internal.RecentRefusals#RESELLERS} resellers refused most
   * recently). Only refusals that came with a token this relay had verified are attributed to a
   * reseller. Per node and in memory only: a restart forgets them, another node of a fleet has its
   * own; the audit log is the durable record, of accepted batches. Takes no lock the batch path takes.
   */
  public List<RefusedBatch> recentRefusals(ResellerId resellerId, int limit) {
    return limit <= 0 ? Collections.<RefusedBatch>emptyList() : batchVerifier.recentRefusals(resellerId, limit);
  }

  /**
   * The enforcement loop (traceback, cases, sanctions, quotas), or {@code null} if enforcement is off
   * (see {@link RelayConfig.Builder#enforcement}).
   */
  public Enforcement enforcement() {
    return enforcement;
  }

  /**
   * Traces a spam report to the batches that carried it, without recording anything; see {@link
   * Enforcement#traceback}.
   */
  public Traceback traceback(SpamReport report) throws RelayException {
    return requireEnforcement().traceback(report);
  }

  /** Records a spam report, traces it and opens or joins a case; see {@link Enforcement#report}. */
  public ReportResult report(SpamReport report, String actor) throws RelayException {
    return requireEnforcement().report(report, actor);
  }

  private Enforcement requireEnforcement() throws RelayException {
    if (enforcement == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "enforcement is off on this relay");
    }
    return enforcement;
  }

  /**
   * This node's statistics now: counters since it opened, open status subscriptions, verification and
   * audit-commit times, audit group size, replay-cache size and registry-feed lag. Takes no lock the
   * batch path takes; cheap enough for every scrape.
   */
  public RelayStats stats() {
    WindowedRecorder.Window groups = auditWriter.groupSizes().window();
    long lag = feedLagNanos.get();
    return new RelayStats.Builder()
        .acceptedBatches(batchVerifier.acceptedCount())
        .tokensIssued(tokensIssued.sum())
        .rejectedBatches(batchVerifier.rejectedCounts())
        .statusSubscribers(publisher.subscriberCount())
        .verification(summary(batchVerifier.verificationTimes()))
        .auditCommit(summary(auditWriter.commitTimes()))
        .auditGroupSize(groups.mean())
        .replayCacheSize(replayCacheSize())
        .registryFeedLag(lag == Long.MIN_VALUE ? null : Duration.ofNanos(lag))
        .build();
  }

  /** From {@code recordedAt} to {@code appliedAt} in nanoseconds: 0 if negative (clocks differ), capped at a year. */
  static long lagNanos(Instant recordedAt, Instant appliedAt) {
    Duration lag = Duration.between(recordedAt, appliedAt);
    if (lag.isNegative()) {
      return 0;
    }
    return lag.compareTo(MAX_LAG) > 0 ? MAX_LAG.toNanos() : lag.toNanos();
  }

  private long replayCacheSize() {
    try {
      return Math.max(-1, replayCache.size());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static TimingSummary summary(WindowedRecorder recorder) {
    // The window first, then the totals: every value in the window is already in the totals.
    WindowedRecorder.Window window = recorder.window();
    long count = recorder.totalCount();
    long total = recorder.totalSum();
    long recent = Math.min(window.count, count);
    long mean = recent == 0 ? 0 : Math.round(window.mean());
    long max = recent == 0 ? 0 : Math.max(window.max, mean);
    return new TimingSummary.Builder().count(count).total(Duration.ofNanos(total))
        .window(Duration.ofNanos(recorder.windowNanos())).recentCount(recent).mean(Duration.ofNanos(mean))
        .max(Duration.ofNanos(max)).build();
  }

  /** Stops publishing, finishes pending audit writes and closes the store. */
  @Override
  public void close() throws IOException {
    maintenance.shutdownNow();
    feedSubscription.close();
    if (config.registryFeed() == null) {
      feed.close();
    }
    publisher.close();
    auditWriter.close();
    if (enforcement != null) {
      signCheckpoint();
    }
    store.close();
  }
}
