package io.tqc.relay.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.Violation;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.KeySet;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.VerifiedBatch;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.store.AuditOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * The batch path. In order, each step one reason code when it fails: size cap; SHA-256 of the
 * received bytes (before anything parses them); token (from the verified-token cache by digest,
 * else full verification); live status from memory; proof, times and binding to that digest;
 * replay cache; body parse and count; scope; sender number and content policy (reported together);
 * then, inside the acceptance gate, the live status once more and the durable audit record. No lock
 * and no I/O before the audit write. The audit commit is the authority: it refuses a batch id it
 * already holds ({@code batch_replayed}, also after the replay window or on another node) and a
 * certification the store no longer holds as ACTIVE (the fence); a store that cannot be reached is
 * {@code relay_unavailable}, never a 202.
 */
public final class BatchVerifier {
  private static final String PROOF_PREFIX = "proof:";

  private final Clock clock;
  private final int maxBatchBytes;
  private final int maxBatchMessages;
  private final int tokenCacheSize;
  private final Duration replayWindow;
  private final LiveRegistry live;
  private final ReplayCache replayCache;
  private final AuditWriter audit;
  private final ContentPolicy contentPolicy;
  private final AuditEnricher enricher;
  private final BiFunction<AuditRecord, Batch, AcceptedBatch> acceptedBatch;
  private final AtomicReference<State> state = new AtomicReference<>();
  private final LongAdder accepted = new LongAdder();
  /** The most recent refusals per reseller, for the console (memory only, this node). */
  private final RecentRefusals refusals = new RecentRefusals();
  private final Map<ReasonCode, LongAdder> rejected = new ConcurrentHashMap<>();
  private final WindowedRecorder verificationTimes = new WindowedRecorder();

  /** The verifier and its token cache for one relay key set, replaced together when keys change. */
  private static final class State {
    final CertificationVerifier verifier;
    final VerifiedTokenCache tokens;

    State(CertificationVerifier verifier, VerifiedTokenCache tokens) {
      this.verifier = verifier;
      this.tokens = tokens;
    }
  }

  /**
   * A verifier for the relay configured by {@code config}, trusting {@code keys}, that adds traceback
   * digests and quota charges to each audit record ({@code enricher}) and hands each accepted batch
   * out as {@code accepted} builds it (the relay's own constructor of its public value: nothing is
   * copied between layers).
   */
  public BatchVerifier(RelayConfig config, LiveRegistry live, ReplayCache replayCache, AuditWriter audit,
      KeySet keys, AuditEnricher enricher, BiFunction<AuditRecord, Batch, AcceptedBatch> accepted) {
    this.acceptedBatch = accepted;
    this.enricher = enricher;
    this.clock = config.clock();
    this.maxBatchBytes = config.maxBatchBytes();
    this.maxBatchMessages = config.maxBatchMessages();
    this.tokenCacheSize = config.tokenCacheSize();
    this.live = live;
    this.replayCache = replayCache;
    this.audit = audit;
    this.contentPolicy = config.contentPolicy();
    state.set(new State(config.verifierBuilder().keys(keys).build(), new VerifiedTokenCache(tokenCacheSize)));
    this.replayWindow = state.get().verifier.proofAcceptanceWindow().plusSeconds(1);
    for (ReasonCode reason : ReasonCode.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  /** Installs a new relay key set (after rotation or pruning); the token cache starts empty. */
  public void keysChanged(KeySet keys) {
    // An immutable copy of the current verifier with the new keys: no builder shared between calls.
    state.set(new State(state.get().verifier.withKeys(keys), new VerifiedTokenCache(tokenCacheSize)));
  }

  /** How long a batch id must be remembered after acceptance to refuse every replay. */
  public Duration replayWindow() {
    return replayWindow;
  }

  /** Verifies and records one batch; see the class comment for the order of checks. */
  public AcceptedBatch accept(String token, String proof, byte[] body) throws RelayException {
    long started = verificationTimes.tick();
    try {
      AcceptedBatch result = acceptOrThrow(token, proof, body);
      accepted.increment();
      return result;
    } catch (RelayException e) {
      rejected.get(e.reason()).increment();
      noteRefusal(token, proof, e);
      throw e;
    } finally {
      verificationTimes.recordSince(started);
    }
  }

  /** The time of each {@link #accept} call (accepted or refused, audit commit included), in nanoseconds. */
  public WindowedRecorder verificationTimes() {
    return verificationTimes;
  }

  private AcceptedBatch acceptOrThrow(String token, String proof, byte[] body) throws RelayException {
    Instant now = clock.instant();
    if (body == null || body.length > maxBatchBytes) {
      throw new RelayException(ReasonCode.BATCH_TOO_LARGE,
          "batch body exceeds " + maxBatchBytes + " bytes");
    }
    // Hash the bytes exactly as received, before anything else looks at them.
    String bodyDigest = Digests.sha256Base64Url(body);
    if (token == null || token.isEmpty()) {
      throw new RelayException(ReasonCode.TOKEN_MALFORMED, "no certification token presented");
    }
    if (proof == null || proof.isEmpty()) {
      throw new RelayException(ReasonCode.PROOF_MALFORMED, "no batch proof presented");
    }
    State current = state.get();
    VerifiedBatch verified;
    try {
      CertificationToken certified = current.tokens.get(token);
      if (certified == null) {
        certified = current.verifier.verifyToken(token, now);
        current.tokens.put(certified);
      }
      checkLive(certified.claims());
      // n is the proof's own; it is compared with the parsed batch below (batch_count_mismatch).
      verified = current.verifier.verifyDigest(certified, proof, bodyDigest, now);
    } catch (VerificationException e) {
      throw new RelayException(e.reason(), e.detail(), e);
    }
    CertificationClaims claims = verified.token().claims();
    BatchProof batchProof = verified.proof();
    if (batchProof.messageCount() > maxBatchMessages) {
      throw new RelayException(ReasonCode.BATCH_TOO_LARGE, "proof declares " + batchProof.messageCount()
          + " messages; the limit is " + maxBatchMessages);
    }
    rememberBatchId(batchProof.batchId(), now);
    Batch batch = parse(body);
    if (batch.messageCount() != batchProof.messageCount()) {
      throw new RelayException(ReasonCode.BATCH_COUNT_MISMATCH, "proof n=" + batchProof.messageCount()
          + " but the batch holds " + batch.messageCount() + " messages");
    }
    if (batch.advertising() && !claims.allowsAdvertising()) {
      throw new RelayException(ReasonCode.SCOPE_INSUFFICIENT, "the token's scope " + claims.scope()
          + " does not include \"" + CertificationClaims.SCOPE_ADVERTISING + "\"");
    }
    checkContent(batch, claims, batch.sendAt() != null ? batch.sendAt() : now);
    return record(claims, batchProof, batch, verified.token().compact());
  }

  private void checkLive(CertificationClaims claims) throws RelayException {
    LiveRegistry.Entry entry = live.entry(claims.subject());
    requireLive(entry, claims);
  }

  private static void requireLive(LiveRegistry.Entry entry, CertificationClaims claims) throws RelayException {
    if (entry == null || !entry.reseller().certificationId().equals(claims.certificationId())) {
      throw new RelayException(ReasonCode.CERTIFICATION_UNKNOWN,
          "no certification " + claims.certificationId() + " for reseller " + claims.subject());
    }
    ReasonCode refusal = entry.refusal();
    if (refusal != null) {
      throw new RelayException(refusal, "certification " + claims.certificationId() + " is "
          + (refusal == ReasonCode.CERTIFICATION_SUSPENDED ? "suspended" : "revoked"));
    }
  }

  private void rememberBatchId(String batchId, Instant now) throws RelayException {
    switch (replayCache.remember(PROOF_PREFIX + batchId, now.plus(replayWindow), now)) {
      case FIRST_USE:
        return;
      case REPLAYED:
        throw new RelayException(ReasonCode.BATCH_REPLAYED, "batch " + batchId + " was already submitted");
      case UNAVAILABLE:
        throw new RelayException(ReasonCode.RELAY_UNAVAILABLE, "the replay check is unavailable; retry shortly");
      default:
        throw new RelayException(ReasonCode.RATE_LIMITED, "replay cache is full; retry shortly");
    }
  }

  private Batch parse(byte[] body) throws RelayException {
    try {
      return Batch.parse(body, maxBatchMessages);
    } catch (TqcException e) {
      throw new RelayException(e.reason(), e.detail(), e);
    }
  }

  /**
   * The relay's own registration check and the content policy, reported together: one 422 lists
   * every violation, the unregistered sender number (batch-level) first. The registration rule is
   * the compliance engine's ({@link CompliancePolicy#unregisteredSender}); a policy reporting the
   * very same violation does not list it twice.
   */
  private void checkContent(Batch batch, CertificationClaims claims, Instant sendTime) throws RelayException {
    Violation unregistered = CompliancePolicy.unregisteredSender(batch.senderNumber(), claims.senderNumbers());
    List<Violation> found;
    try {
      found = contentPolicy.check(batch, claims, sendTime);
    } catch (RuntimeException e) {
      throw new RelayException(ReasonCode.INTERNAL_ERROR, "content policy failed", e);
    }
    if (unregistered == null && (found == null || found.isEmpty())) {
      return;
    }
    List<Violation> violations = new ArrayList<>();
    if (unregistered != null) {
      violations.add(unregistered);
    }
    if (found != null) { // warning-only violations (a policy returning a whole report) do not refuse
      for (Violation violation : found) {
        if (violation == null) {
          throw new RelayException(ReasonCode.INTERNAL_ERROR, "content policy "
              + contentPolicy.getClass().getName() + " returned a null violation");
        }
        if (!violation.warningOnly() && !violation.equals(unregistered)) {
          violations.add(violation);
        }
      }
    }
    if (violations.isEmpty()) {
      return;
    }
    throw RelayException.contentViolations(violations);
  }

  private AcceptedBatch record(CertificationClaims claims, BatchProof proof, Batch batch, String token)
      throws RelayException {
    List<TracebackDigest> digests = enricher.digests(batch);
    LiveRegistry.Entry entry = live.enter(claims.subject());
    try {
      requireLive(entry, claims);
      Instant acceptedAt = clock.instant();
      AuditRecord.Builder builder = new AuditRecord.Builder()
          .batchId(proof.batchId())
          .resellerId(claims.subject())
          .certificationId(claims.certificationId())
          .originCode(claims.originCode())
          .tokenId(claims.tokenId())
          .proof(proof.compact())
          .bodyDigest(proof.bodyDigest())
          .messageCount(batch.messageCount())
          .acceptedAt(acceptedAt);
      enricher.enrich(builder, claims, token, batch, digests, acceptedAt);
      AuditRecord record = builder.build();
      AuditOutcome outcome = audit.record(record);
      if (outcome == AuditOutcome.RECORDED) {
        return acceptedBatch.apply(record, batch);
      }
      if (outcome == AuditOutcome.DUPLICATE) {
        throw new RelayException(ReasonCode.BATCH_REPLAYED, "batch " + proof.batchId() + " was already accepted");
      }
      if (outcome == AuditOutcome.QUOTA_EXCEEDED) {
        throw new RelayException(ReasonCode.QUOTA_EXCEEDED, AuditEnricher.quotaDetail(record),
            enricher.retryAfter(record, acceptedAt));
      }
      // The store no longer holds this certification as ACTIVE; memory may not know yet.
      LiveRegistry.Entry now = live.entry(claims.subject());
      ReasonCode refusal = now == null ? null : now.refusal();
      if (now != null && !now.reseller().certificationId().equals(claims.certificationId())) {
        refusal = ReasonCode.CERTIFICATION_UNKNOWN;
      }
      throw new RelayException(refusal != null ? refusal : ReasonCode.CERTIFICATION_SUSPENDED,
          "certification " + claims.certificationId() + " is no longer active");
    } catch (IOException e) {
      throw new RelayException(ReasonCode.RELAY_UNAVAILABLE,
          "the batch could not be recorded, so it is not accepted; retry shortly", e);
    } finally {
      if (entry != null) {
        LiveRegistry.exit(entry);
      }
    }
  }

  /**
   * Remembers a refusal for the console when it came with a token this relay verified (a cache
   * hit names the reseller; an unverified token names no one). Off the accepting path.
   */
  private void noteRefusal(String token, String proof, RelayException e) {
    if (token == null || token.isEmpty()) {
      return;
    }
    CertificationToken verified = state.get().tokens.get(token);
    if (verified != null) {
      refusals.record(verified.claims().subject(), proof, e.reason(), clock.instant());
    }
  }

  /** The reseller's refusals this node remembers, newest first (at most {@code limit}). */
  public java.util.List<io.tqc.relay.RefusedBatch> recentRefusals(io.tqc.api.token.ResellerId reseller, int limit) {
    return refusals.recent(reseller, limit);
  }

  /** Batches accepted since start. */
  public long acceptedCount() {
    return accepted.sum();
  }

  /** Batches refused since start, by reason (only reasons seen). */
  public Map<ReasonCode, Long> rejectedCounts() {
    Map<ReasonCode, Long> counts = new EnumMap<>(ReasonCode.class);
    for (Map.Entry<ReasonCode, LongAdder> entry : rejected.entrySet()) {
      long count = entry.getValue().sum();
      if (count > 0) {
        counts.put(entry.getKey(), count);
      }
    }
    return counts;
  }
}
