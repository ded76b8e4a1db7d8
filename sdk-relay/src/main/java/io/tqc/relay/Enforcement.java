package io.tqc.relay;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.Json;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.ChainLink;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.EvidenceVerifier;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.Normalization;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.ReportResult;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import io.tqc.relay.enforcement.SanctionStep;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.Traceback;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.enforcement.TracebackMatch;
import io.tqc.relay.internal.AuditEnricher;
import io.tqc.relay.internal.QuotaBook;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.store.IndexedMessage;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.StoreConflictException;
import io.tqc.relay.store.StoredReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enforcement loop of a relay (from {@link Relay#enforcement()}): trace a spam report to the
 * batch that carried it, open or join a case for the reseller, review it, sanction it along the
 * {@linkplain io.tqc.relay.enforcement.SanctionLadder ladder} (every sanction through the {@link
 * Registry}'s status machinery, so clients fail closed exactly as after a manual suspension), end
 * timed suspensions durably, and set quotas. Thread-safe.
 *
 * <p>Every method refuses with a {@link RelayException}: {@code request_invalid} for bad input,
 * {@code report_duplicate}, {@code report_out_of_retention}, {@code transition_not_allowed} for a
 * case change its state does not allow, {@code relay_unavailable} (retryable) when the store cannot
 * be reached — then nothing was changed.
 */
public final class Enforcement {
  private static final Logger LOG = LoggerFactory.getLogger(Enforcement.class);
  /** The actor of changes the relay makes by itself. */
  public static final String SYSTEM_ACTOR = "tqc-enforcement";
  private static final Duration CLAIM_LEASE = Duration.ofMinutes(5);
  private static final int INDEX_SCAN_LIMIT = 1_000;

  private final EnforcementConfig config;
  private final RelayStore relayStore;
  private final EnforcementStore store;
  private final Registry registry;
  private final Clock clock;
  private final AuditEnricher enricher;
  private final Object reportLock = new Object();
  private final String issuer;
  /** The node's one id ({@link RelayConfig#nodeId()}): sanction-end claims and checkpoints. */
  private final String nodeId;
  private final Supplier<SigningKey> signer;
  /** Most cases of one {@link #listCases} page. */
  public static final int MAX_CASE_LIST = 500;
  /** Most audit records in one evidence bundle. */
  public static final int MAX_EVIDENCE_RECORDS = 100_000;
  /** Longest period of one evidence bundle. */
  public static final Duration MAX_EVIDENCE_PERIOD = Duration.ofDays(366);
  private static final long MAX_EVIDENCE_LINKS = 1_000_000;

  Enforcement(EnforcementConfig config, RelayStore relayStore, EnforcementStore store, Registry registry,
      Clock clock, AuditEnricher enricher, String issuer, Supplier<SigningKey> signer, String nodeId) {
    this.nodeId = nodeId;
    this.issuer = issuer;
    this.signer = signer;
    this.config = config;
    this.relayStore = relayStore;
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.enricher = enricher;
  }

  /** The settings. */
  public EnforcementConfig config() {
    return config;
  }

  // ---- Traceback ----

  /**
   * Traces a report without recording anything: exact matches (same recipient and normalised text,
   * accepted from {@link EnforcementConfig#exactWindow()} before the received time to {@link
   * EnforcementConfig#clockAllowance()} after it), then probable ones (same recipient and sender
   * number within {@link EnforcementConfig#probableWindow()}), each group newest first; a match of
   * the reported first-sender code ranks before one of another code within its group.
   *
   * @throws RelayException {@code request_invalid} if the received time is in the future, {@code
   *     report_out_of_retention} if it is older than the retention, {@code relay_unavailable}
   */
  public Traceback traceback(SpamReport report) throws RelayException {
    Instant now = clock.instant();
    checkTime(report, now);
    TracebackKey key = config.tracebackKey();
    String recipientDigest = key.recipientDigest(report.recipient());
    String textDigest = key.textDigest(Normalization.text(report.text()));
    Instant to = report.receivedAt().plus(config.clockAllowance());
    Instant exactFrom = report.receivedAt().minus(config.exactWindow());
    Instant probableFrom = report.receivedAt().minus(config.probableWindow());
    List<IndexedMessage> rows;
    try {
      rows = store.messagesTo(recipientDigest, exactFrom, to, INDEX_SCAN_LIMIT);
    } catch (IOException e) {
      throw unavailable(e);
    }
    List<IndexedMessage> exact = new ArrayList<>();
    List<IndexedMessage> probable = new ArrayList<>();
    for (IndexedMessage row : rows) {
      if (Digests.constantTimeEquals(row.textDigest(), textDigest)) {
        exact.add(row);
      } else if (report.senderNumber() != null && report.senderNumber().equals(row.senderNumber())
          && !row.acceptedAt().isBefore(probableFrom)) {
        probable.add(row);
      }
    }
    Comparator<IndexedMessage> order = byOrigin(report.originCode());
    Collections.sort(exact, order);
    Collections.sort(probable, order);
    List<TracebackMatch> matches = new ArrayList<>();
    try {
      for (IndexedMessage row : exact) {
        if (matches.size() < config.maxMatches()) {
          matches.add(match(MatchRank.EXACT, row));
        }
      }
      for (IndexedMessage row : probable) {
        if (matches.size() < config.maxMatches()) {
          matches.add(match(MatchRank.PROBABLE, row));
        }
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
    return new Traceback(matches);
  }

  private static Comparator<IndexedMessage> byOrigin(final String originCode) {
    return new Comparator<IndexedMessage>() {
      @Override
      public int compare(IndexedMessage a, IndexedMessage b) {
        boolean aSame = originCode != null && originCode.equals(a.originCode());
        boolean bSame = originCode != null && originCode.equals(b.originCode());
        if (aSame != bSame) {
          return aSame ? -1 : 1;
        }
        return b.acceptedAt().compareTo(a.acceptedAt());
      }
    };
  }

  private TracebackMatch match(MatchRank rank, IndexedMessage row) throws IOException {
    AuditRecord record = relayStore.findAccepted(row.batchId());
    if (record == null) {
      throw new IOException("traceback row of batch " + row.batchId() + " has no audit record");
    }
    return new TracebackMatch.Builder().rank(rank).resellerId(row.resellerId()).originCode(row.originCode())
        .batchId(row.batchId()).messageIndex(row.index()).acceptedAt(row.acceptedAt()).node(row.node())
        .tokenId(record.tokenId()).token(store.token(record.tokenId())).proof(record.proof()).build();
  }

  private void checkTime(SpamReport report, Instant now) throws RelayException {
    if (report.receivedAt().isAfter(now.plus(config.clockAllowance()))) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "received_at " + report.receivedAt()
          + " is in the future");
    }
    Instant horizon = now.minus(config.retention());
    if (report.receivedAt().isBefore(horizon)) {
      throw new RelayException(ReasonCode.REPORT_OUT_OF_RETENTION, "received_at " + report.receivedAt()
          + " is older than the traceback retention (" + config.retention().toDays() + " days, since " + horizon
          + ")");
    }
  }

  /**
   * Records a report, traces it, and opens a case for the traced reseller or adds the report to its
   * open case. A report that matches nothing is recorded with rank NONE and no case.
   *
   * @param actor who submits it (1-256 characters)
   * @throws RelayException as {@link #traceback}, and {@code report_duplicate} if the same report
   *     (same source and reference; without a reference, same source, received time, recipient and
   *     text) was recorded before (nothing is changed)
   */
  public ReportResult report(SpamReport report, String actor) throws RelayException {
    requireActor(actor);
    Traceback traceback = traceback(report);
    TracebackKey key = config.tracebackKey();
    String fingerprint = key.fingerprint(report.source().wire() + "\u0000" + (report.reference() != null
        ? "ref\u0000" + report.reference()
        : report.receivedAt().toEpochMilli() + "\u0000" + key.recipientDigest(report.recipient()) + "\u0000"
            + key.textDigest(Normalization.text(report.text()))));
    Instant now = clock.instant();
    String reportId = "rpt_" + Digests.randomId();
    TracebackMatch best = traceback.best();
    synchronized (reportLock) {
      try {
        Case open = best == null ? null : store.openCase(best.resellerId());
        String caseId = best == null ? null : open != null ? open.id() : "case_" + Digests.randomId();
        StoredReport stored = new StoredReport(reportId, fingerprint, report.source(), report.reference(),
            report.receivedAt(), now, traceback.rank(), best == null ? null : best.batchId(),
            best == null ? -1 : best.messageIndex(), caseId, actor);
        if (!store.insertReport(stored)) {
          throw new RelayException(ReasonCode.REPORT_DUPLICATE, "this report was already recorded"
              + (report.reference() != null ? " (reference " + report.reference() + ")" : ""));
        }
        if (best == null) {
          return new ReportResult(reportId, traceback, null, false);
        }
        String reason = report.source().wire() + " report " + reportId + ": " + traceback.rank() + " match, batch "
            + best.batchId() + "#" + best.messageIndex();
        if (open == null) {
          Case opened = new Case.Builder().id(caseId).resellerId(best.resellerId()).state(CaseState.OPEN).version(1)
              .reportCount(1).openedAt(now).updatedAt(now).build();
          store.insertCase(opened, new CaseEvent(caseId, 1, CaseEvent.Action.OPENED, CaseState.OPEN, actor,
              truncate(reason), now, reportId));
          LOG.info("case {} opened for reseller {} by report {}", caseId, best.resellerId(), reportId);
          return new ReportResult(reportId, traceback, opened, true);
        }
        Case joined = open.newBuilder().version(open.version() + 1).reportCount(open.reportCount() + 1)
            .updatedAt(now).build();
        store.updateCase(joined, new CaseEvent(caseId, joined.version(), CaseEvent.Action.REPORT_ADDED,
            joined.state(), actor, truncate(reason), now, reportId));
        return new ReportResult(reportId, traceback, joined, false);
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
  }

  // ---- Cases ----

  /** A case, or {@code null}. */
  public Case findCase(String caseId) throws RelayException {
    try {
      return caseId == null ? null : store.findCase(caseId);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** The reseller's cases, oldest first. */
  public List<Case> cases(ResellerId resellerId) throws RelayException {
    try {
      return store.cases(resellerId);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * Cases newest opened first, at most {@code limit} (1 to {@value #MAX_CASE_LIST}), only those in
   * {@code state} and of {@code resellerId} when given ({@code null}: any).
   */
  public List<Case> listCases(CaseState state, ResellerId resellerId, int limit) throws RelayException {
    if (limit < 1 || limit > MAX_CASE_LIST) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "limit must be 1 to " + MAX_CASE_LIST);
    }
    try {
      return store.listCases(state, resellerId, limit);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** How many cases are in each state (every state present, zero when none). */
  public Map<CaseState, Long> caseCounts() throws RelayException {
    try {
      Map<CaseState, Long> counts = new java.util.EnumMap<>(CaseState.class);
      for (CaseState s : CaseState.values()) {
        counts.put(s, 0L);
      }
      counts.putAll(store.caseCounts());
      return Collections.unmodifiableMap(counts);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** A case's append-only history, oldest first. */
  public List<CaseEvent> caseHistory(String caseId) throws RelayException {
    try {
      return store.caseHistory(requireCase(caseId).id());
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** The reports of a case, oldest first. */
  public List<StoredReport> caseReports(String caseId) throws RelayException {
    try {
      return store.reports(requireCase(caseId).id());
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** Confirms an OPEN case: the reports hold up and a sanction is due ({@link #sanction}). */
  public Case confirm(String caseId, String reason, String actor) throws RelayException {
    return move(caseId, CaseState.CONFIRMED, CaseEvent.Action.CONFIRMED, null, reason, actor);
  }

  /** Dismisses an OPEN or CONFIRMED case. */
  public Case dismiss(String caseId, String reason, String actor) throws RelayException {
    return move(caseId, CaseState.DISMISSED, CaseEvent.Action.DISMISSED, null, reason, actor);
  }

  private Case move(String caseId, CaseState target, CaseEvent.Action action, String sanctionId, String reason,
      String actor) throws RelayException {
    requireActor(actor);
    requireReason(reason);
    synchronized (reportLock) {
      try {
        Case current = requireCase(caseId);
        if (!current.state().canBecome(target)) {
          throw new RelayException(ReasonCode.TRANSITION_NOT_ALLOWED, "a " + current.state() + " case cannot become "
              + target);
        }
        Instant now = clock.instant();
        Case updated = current.newBuilder().state(target).version(current.version() + 1).updatedAt(now)
            .sanctionId(sanctionId != null ? sanctionId : current.sanctionId()).build();
        store.updateCase(updated, new CaseEvent(caseId, updated.version(), action, target, actor, reason, now,
            sanctionId));
        return updated;
      } catch (StoreConflictException e) {
        throw new RelayException(ReasonCode.TRANSITION_NOT_ALLOWED, "case " + caseId + " changed meanwhile; try again");
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
  }

  private Case requireCase(String caseId) throws RelayException, IOException {
    Case found = caseId == null ? null : store.findCase(caseId);
    if (found == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "no case " + caseId);
    }
    return found;
  }

  // ---- Sanctions ----

  /**
   * Sanctions a CONFIRMED case with the ladder's next step for the reseller: the n-th sanction within
   * the look-back window gets step n. A suspension or revocation goes through {@link
   * Registry#changeStatus} (durable, announced, in force when this returns); a timed suspension is
   * lifted by the relay at its end ({@link #endDueSuspensions}). The case becomes SANCTIONED.
   *
   * @throws RelayException {@code transition_not_allowed} if the case is not CONFIRMED or the status
   *     change is not allowed (for example suspending a reseller already suspended by hand)
   */
  public Sanction sanction(String caseId, String reason, String actor) throws RelayException {
    return impose(caseId, null, reason, actor);
  }

  /**
   * Sanctions a CONFIRMED case with {@code step} instead of the ladder's proposal ({@link
   * #proposedSanction}), for example a longer suspension for a flagrant case or a warning where the
   * ladder would suspend. The {@code reason} is required (why the ladder was set aside) and is kept
   * with the sanction and in the case history, which also names the step the ladder proposed.
   * Otherwise as {@link #sanction(String, String, String)}.
   *
   * @throws RelayException {@code request_invalid} without a reason
   */
  public Sanction sanction(String caseId, SanctionStep step, String reason, String actor) throws RelayException {
    if (step == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "the sanction step is required");
    }
    if (reason == null || reason.trim().isEmpty()) {
      throw new RelayException(ReasonCode.REQUEST_INVALID,
          "a sanction other than the ladder's proposal needs a reason");
    }
    return impose(caseId, step, reason, actor);
  }

  /**
   * The step the ladder proposes for a case's reseller now, and its position (the n-th sanction
   * within the look-back window).
   */
  public ProposedSanction proposedSanction(String caseId) throws RelayException {
    try {
      Case current = requireCase(caseId);
      int occurrence = occurrence(current.resellerId(), clock.instant());
      return new ProposedSanction(occurrence, config.ladder().step(occurrence));
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** The ladder's proposal for a case: its step number and what it does. */
  public static final class ProposedSanction {
    private final int occurrence;
    private final SanctionStep step;

    ProposedSanction(int occurrence, SanctionStep step) {
      this.occurrence = occurrence;
      this.step = step;
    }

    /** The n-th sanction of the reseller within the ladder's look-back window. */
    public int occurrence() {
      return occurrence;
    }

    /** What the ladder does at that position. */
    public SanctionStep step() {
      return step;
    }
  }

  private int occurrence(ResellerId resellerId, Instant now) throws IOException {
    int earlier = 0;
    for (Sanction s : store.sanctions(resellerId)) {
      if (!s.imposedAt().isBefore(now.minus(config.ladder().lookback()))) {
        earlier++;
      }
    }
    return earlier + 1;
  }

  private Sanction impose(String caseId, SanctionStep chosen, String reason, String actor) throws RelayException {
    requireActor(actor);
    requireReason(reason);
    synchronized (reportLock) {
      try {
        Case current = requireCase(caseId);
        if (current.state() != CaseState.CONFIRMED) {
          throw new RelayException(ReasonCode.TRANSITION_NOT_ALLOWED, "only a CONFIRMED case can be sanctioned; case "
              + caseId + " is " + current.state());
        }
        Instant now = clock.instant();
        int occurrence = occurrence(current.resellerId(), now);
        SanctionStep proposed = config.ladder().step(occurrence);
        SanctionStep step = chosen != null ? chosen : proposed;
        String sanctionId = "snc_" + Digests.randomId();
        String why = truncate("sanction " + sanctionId + " (case " + caseId + ", step " + occurrence
            + (chosen != null ? "; ladder proposed " + proposed + ", chose " + step : "") + ")"
            + (reason != null ? ": " + reason : ""));
        long sequence = 0;
        if (step.kind() == SanctionKind.SUSPENSION) {
          sequence = registry.changeStatus(current.resellerId(), CertificationStatus.SUSPENDED, why, actor).sequence();
        } else if (step.kind() == SanctionKind.REVOCATION) {
          sequence = registry.changeStatus(current.resellerId(), CertificationStatus.REVOKED, why, actor).sequence();
        }
        Sanction sanction = new Sanction.Builder().id(sanctionId).caseId(caseId).resellerId(current.resellerId())
            .kind(step.kind()).step(occurrence).imposedAt(now)
            .endsAt(step.kind() == SanctionKind.SUSPENSION ? now.plus(step.suspension()) : null)
            .reducedDailyQuota(step.reducedDailyQuota(),
                step.quotaDuration() == null ? null : now.plus(step.quotaDuration()))
            .statusSequence(sequence).actor(actor).reason(reason).build();
        store.insertSanction(sanction);
        Case updated = current.newBuilder().state(CaseState.SANCTIONED).version(current.version() + 1).updatedAt(now)
            .sanctionId(sanctionId).build();
        store.updateCase(updated, new CaseEvent(caseId, updated.version(), CaseEvent.Action.SANCTIONED,
            CaseState.SANCTIONED, actor, why, now, sanctionId));
        refreshQuotas();
        LOG.info("reseller {} sanctioned: {}", current.resellerId(), sanction);
        return sanction;
      } catch (StoreConflictException e) {
        throw new RelayException(ReasonCode.TRANSITION_NOT_ALLOWED, "case " + caseId + " changed meanwhile; try again");
      } catch (IOException e) {
        throw unavailable(e);
      }
    }
  }

  /** The reseller's sanctions, oldest first. */
  public List<Sanction> sanctions(ResellerId resellerId) throws RelayException {
    try {
      return store.sanctions(resellerId);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * Ends every timed suspension whose end has come: claims it (exactly one node of a fleet wins the
   * claim), reinstates the reseller through the registry if it is still at the sanction's status
   * sequence (a manual change since then wins: nothing is undone), and marks it ended. Runs at start
   * and every {@link EnforcementConfig#sanctionCheckInterval()}; a crash between claim and mark is
   * retried after the claim's lease. Returns how many resellers it reinstated.
   */
  public int endDueSuspensions() throws RelayException {
    Instant now = clock.instant();
    int reinstated = 0;
    try {
      for (Sanction due : store.suspensionsDue(now)) {
        if (!store.claimSanctionEnd(due.id(), nodeId, now, now.plus(CLAIM_LEASE))) {
          continue;
        }
        Reseller stored = relayStore.findReseller(due.resellerId());
        if (stored != null && stored.status() == CertificationStatus.SUSPENDED
            && stored.sequence() == due.statusSequence()) {
          try {
            registry.changeStatus(due.resellerId(), CertificationStatus.ACTIVE,
                truncate("suspension of sanction " + due.id() + " ended"), SYSTEM_ACTOR);
            reinstated++;
          } catch (RelayException e) {
            if (e.reason() != ReasonCode.TRANSITION_NOT_ALLOWED) {
              throw e;
            }
          }
        }
        store.completeSanctionEnd(due.id(), now);
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
    return reinstated;
  }

  // ---- Quotas ----

  /**
   * Sets the quota of a reseller or first-sender code (overriding the default), in force on this node
   * at once and on others at their next refresh; {@code null} returns to the default.
   */
  public void setQuota(QuotaSubject subject, QuotaLimits limits, String actor) throws RelayException {
    requireActor(actor);
    if (subject == null) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "quota subject is required");
    }
    try {
      store.setQuota(subject, limits);
    } catch (IOException e) {
      throw unavailable(e);
    }
    LOG.info("quota of {} set to {} by {}", subject, limits == null ? "default" : limits, actor);
    refreshQuotas();
  }

  /** The quota in force for {@code subject} now (overrides, defaults and sanction reductions combined). */
  public QuotaLimits quota(QuotaSubject subject) throws RelayException {
    QuotaBook book = enricher.quotas();
    if (book == null) {
      refreshQuotas();
      book = enricher.quotas();
    }
    return book.limits(subject, clock.instant());
  }

  /** Messages counted for {@code subject} in the current Asia/Seoul day. */
  public long usedToday(QuotaSubject subject) throws RelayException {
    try {
      return store.quotaUsed(subject.key(), "day:" + clock.instant().atZone(QuotaBook.SEOUL).toLocalDate());
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** Reloads the quota snapshot the batch path uses from the store (also runs periodically). */
  public void refreshQuotas() throws RelayException {
    try {
      Instant now = clock.instant();
      enricher.quotas(new QuotaBook(config.resellerQuota(), config.originCodeQuota(), store.quotas(),
          store.quotaReductions(now)));
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  // ---- Retention ----

  /** Deletes traceback index rows older than the retention; returns how many. */
  public int pruneTraceback() throws RelayException {
    try {
      return store.pruneMessages(clock.instant().minus(config.retention()));
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  // ---- Hash chain and evidence ----

  /**
   * Signs a checkpoint of this node's audit chain if it grew since the last one (runs every {@link
   * EnforcementConfig#checkpointInterval()} and on close); returns the latest checkpoint, or {@code
   * null} while the chain is empty.
   */
  public Checkpoint checkpoint() throws RelayException {
    try {
      String node = nodeId;
      ChainLink head = store.chainHead(node);
      Checkpoint last = store.lastCheckpoint(node);
      if (head == null || (last != null && last.seq() >= head.seq())) {
        return last;
      }
      Instant now = clock.instant();
      SigningKey key = signer.get();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "EdDSA");
      header.put("typ", Checkpoint.TYPE);
      header.put("kid", key.keyId());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("iss", issuer);
      payload.put("node", node);
      payload.put("seq", head.seq());
      payload.put("hash", head.hash());
      payload.put("iat", now.getEpochSecond());
      Checkpoint checkpoint = new Checkpoint(node, head.seq(), head.hash(), now,
          CompactJws.sign(header, payload, key::sign));
      store.insertCheckpoint(checkpoint);
      return checkpoint;
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * Exports the evidence bundle of a reseller for [{@code from}, {@code to}]: its audit records with
   * their tokens and proofs, the chain segment of every node that holds them up to the next signed
   * checkpoint, the checkpoints, the status history, the cases with their history and reports, and
   * the sanctions; the last line is the relay's signature over every line. Verify it offline with
   * {@link EvidenceVerifier}. Sign a {@linkplain #checkpoint() checkpoint} first to cover the newest
   * records.
   *
   * @throws RelayException {@code request_invalid} for a window that is empty, inverted or longer than
   *     {@link #MAX_EVIDENCE_PERIOD}, or holds more than {@link #MAX_EVIDENCE_RECORDS} records
   */
  public byte[] exportEvidence(ResellerId resellerId, Instant from, Instant to) throws RelayException {
    if (resellerId == null || from == null || to == null || !from.isBefore(to)) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "evidence needs a reseller and from < to");
    }
    if (Duration.between(from, to).compareTo(MAX_EVIDENCE_PERIOD) > 0) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "an evidence period is at most "
          + MAX_EVIDENCE_PERIOD.toDays() + " days; export several");
    }
    try {
      List<ChainLink> mine = store.chainOf(resellerId, from, to, MAX_EVIDENCE_RECORDS + 1);
      if (mine.size() > MAX_EVIDENCE_RECORDS) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "more than " + MAX_EVIDENCE_RECORDS
            + " records in the period; export shorter periods");
      }
      List<String> lines = new ArrayList<>();
      Map<String, Object> head = new LinkedHashMap<>();
      head.put("part", "header");
      head.put("format", EvidenceVerifier.FORMAT);
      head.put("issuer", issuer);
      head.put("reseller_id", resellerId.value());
      head.put("from", from.toString());
      head.put("to", to.toString());
      head.put("exported_at", clock.instant().toString());
      lines.add(Json.write(head));
      Map<String, AuditRecord> records = new LinkedHashMap<>();
      Set<String> tokenIds = new LinkedHashSet<>();
      Map<String, long[]> ranges = new LinkedHashMap<>();
      Set<String> batchIds = new LinkedHashSet<>();
      for (ChainLink link : mine) {
        AuditRecord record = relayStore.findAccepted(link.batchId());
        if (record == null) {
          throw new IOException("chain link " + link + " has no audit record");
        }
        records.put(link.batchId(), record);
        batchIds.add(link.batchId());
        tokenIds.add(record.tokenId());
        long[] range = ranges.get(link.node());
        if (range == null) {
          ranges.put(link.node(), new long[] {link.seq(), link.seq()});
        } else {
          range[1] = Math.max(range[1], link.seq());
        }
      }
      for (String tokenId : tokenIds) {
        String token = store.token(tokenId);
        if (token != null) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("part", "token");
          line.put("jti", tokenId);
          line.put("token", token);
          lines.add(Json.write(line));
        }
      }
      List<Checkpoint> checkpoints = new ArrayList<>();
      for (Map.Entry<String, long[]> range : ranges.entrySet()) {
        String node = range.getKey();
        Checkpoint after = store.checkpointAtOrAfter(node, range.getValue()[1]);
        long end = after != null ? after.seq() : range.getValue()[1];
        if (end - range.getValue()[0] > MAX_EVIDENCE_LINKS) {
          throw new RelayException(ReasonCode.REQUEST_INVALID, "the chain segment of node " + node
              + " is too long for one bundle; export shorter periods");
        }
        if (after != null) {
          checkpoints.add(after);
        }
        for (ChainLink link : store.chain(node, range.getValue()[0], end)) {
          Map<String, Object> line = new LinkedHashMap<>();
          AuditRecord record = batchIds.contains(link.batchId()) ? records.get(link.batchId()) : null;
          line.put("part", record != null ? "record" : "link");
          line.put("node", link.node());
          line.put("seq", link.seq());
          if (record != null) {
            line.put("batch_id", record.batchId());
            line.put("reseller_id", record.resellerId().value());
            line.put("cert_id", record.certificationId());
            line.put("origin_code", record.originCode());
            line.put("token_jti", record.tokenId());
            line.put("proof", record.proof());
            line.put("body_digest", record.bodyDigest());
            line.put("n", record.messageCount());
            line.put("accepted_at_ms", record.acceptedAt().toEpochMilli());
            line.put("accepted_at", record.acceptedAt().toString());
            if (link.senderNumber() != null) {
              line.put("sender_number", link.senderNumber());
            }
            line.put("messages_digest", link.messagesDigest());
          }
          line.put("prev", link.prevHash());
          line.put("hash", link.hash());
          lines.add(Json.write(line));
        }
      }
      for (Checkpoint c : checkpoints) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("part", "checkpoint");
        line.put("node", c.node());
        line.put("seq", c.seq());
        line.put("hash", c.hash());
        line.put("at", c.at().toString());
        line.put("jws", c.jws());
        lines.add(Json.write(line));
      }
      for (HistoryEntry change : relayStore.history(resellerId)) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("part", "status");
        line.put("seq", change.sequence());
        line.put("kind", change.kind().name());
        line.put("status", change.status().name());
        line.put("reason", change.reason());
        line.put("actor", change.actor());
        line.put("at", change.at().toString());
        lines.add(Json.write(line));
      }
      for (Case c : store.cases(resellerId)) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("part", "case");
        line.put("case_id", c.id());
        line.put("state", c.state().name());
        line.put("reports", c.reportCount());
        line.put("opened_at", c.openedAt().toString());
        line.put("sanction_id", c.sanctionId());
        lines.add(Json.write(line));
        for (CaseEvent e : store.caseHistory(c.id())) {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("part", "case_event");
          event.put("case_id", c.id());
          event.put("seq", e.sequence());
          event.put("action", e.action().name());
          event.put("state", e.state().name());
          event.put("actor", e.actor());
          event.put("reason", e.reason());
          event.put("at", e.at().toString());
          event.put("reference", e.reference());
          lines.add(Json.write(event));
        }
        for (StoredReport r : store.reports(c.id())) {
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("part", "report");
          report.put("report_id", r.id());
          report.put("case_id", c.id());
          report.put("source", r.source().wire());
          report.put("reference", r.reference());
          report.put("received_at", r.receivedAt().toString());
          report.put("rank", r.rank().name());
          report.put("batch_id", r.batchId());
          report.put("message_index", r.messageIndex());
          lines.add(Json.write(report));
        }
      }
      for (Sanction s : store.sanctions(resellerId)) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("part", "sanction");
        line.put("sanction_id", s.id());
        line.put("case_id", s.caseId());
        line.put("kind", s.kind().name());
        line.put("step", s.step());
        line.put("imposed_at", s.imposedAt().toString());
        line.put("ends_at", s.endsAt() == null ? null : s.endsAt().toString());
        line.put("ended_at", s.endedAt() == null ? null : s.endedAt().toString());
        line.put("actor", s.actor());
        line.put("reason", s.reason());
        lines.add(Json.write(line));
      }
      List<Object> hashes = new ArrayList<>();
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        hashes.add(Digests.sha256Base64Url(line.getBytes(StandardCharsets.UTF_8)));
        out.append(line).append('\n');
      }
      SigningKey key = signer.get();
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "EdDSA");
      header.put("typ", EvidenceVerifier.SIGNATURE_TYPE);
      header.put("kid", key.keyId());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("iss", issuer);
      payload.put("sub", resellerId.value());
      payload.put("iat", clock.instant().getEpochSecond());
      payload.put("lines", hashes);
      Map<String, Object> signature = new LinkedHashMap<>();
      signature.put("part", "signature");
      signature.put("jws", CompactJws.sign(header, payload, key::sign));
      out.append(Json.write(signature)).append('\n');
      return out.toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** One maintenance round: end due suspensions, refresh quotas, prune. */
  void maintain() {
    try {
      endDueSuspensions();
      refreshQuotas();
    } catch (RelayException | RuntimeException e) {
      LOG.warn("enforcement maintenance failed: {}", e.toString());
    }
  }

  private static RelayException unavailable(IOException e) {
    return new RelayException(ReasonCode.RELAY_UNAVAILABLE,
        "the enforcement store could not be reached; nothing was changed; retry shortly", e);
  }

  private static void requireActor(String actor) throws RelayException {
    if (actor == null || actor.isEmpty() || actor.length() > 256) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "actor must be 1-256 characters");
    }
  }

  private static void requireReason(String reason) throws RelayException {
    if (reason != null && reason.length() > 256) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "reason must be at most 256 characters");
    }
  }

  private static String truncate(String text) {
    return text.length() <= 256 ? text : text.substring(0, 256);
  }
}
