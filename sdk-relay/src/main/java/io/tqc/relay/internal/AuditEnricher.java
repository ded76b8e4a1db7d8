package io.tqc.relay.internal;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.KoreanPhoneNumbers;
import io.tqc.api.token.CertificationClaims;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.enforcement.Normalization;
import io.tqc.relay.enforcement.QuotaCharge;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.store.EnforcementStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the enforcement parts to an audit record on the batch path, before the audit commit: the
 * keyed traceback digest of each message, the sender number, token and node, and the quota charges
 * from the current {@link QuotaBook}. No lock and no I/O (the quota snapshot is volatile).
 */
public final class AuditEnricher {
  /** Enriches nothing (enforcement off). */
  public static final AuditEnricher NONE = new AuditEnricher(null, "local", null);

  private final TracebackKey key;
  private final String nodeId;
  private final EnforcementStore store;
  private volatile QuotaBook quotas;

  /** An enricher digesting under {@code key} (null: no digests) for node {@code nodeId}. */
  public AuditEnricher(TracebackKey key, String nodeId, EnforcementStore store) {
    this.key = key;
    this.nodeId = nodeId;
    this.store = store;
  }

  /** Installs a new quota snapshot (null: no quotas). */
  public void quotas(QuotaBook book) {
    this.quotas = book;
  }

  /** The quota snapshot in force, or {@code null}. */
  public QuotaBook quotas() {
    return quotas;
  }

  /**
   * The keyed traceback digest of every message of {@code batch} (empty when enforcement is off).
   * Computed before the acceptance gate, so a suspension never waits for it.
   */
  public List<TracebackDigest> digests(Batch batch) {
    if (key == null) {
      return java.util.Collections.emptyList();
    }
    List<BatchMessage> messages = batch.messages();
    List<TracebackDigest> digests = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      BatchMessage message = messages.get(i);
      String recipient = Normalization.recipient(message.to());
      // The content policy refuses invalid recipients; a relay running without it still indexes the digits.
      if (recipient == null) {
        recipient = KoreanPhoneNumbers.normalize(message.to());
      }
      digests.add(new TracebackDigest(i, key.recipientDigest(recipient == null ? message.to() : recipient),
          key.textDigest(Normalization.text(message.text()))));
    }
    return digests;
  }

  /** Sets the enforcement fields of {@code record}: {@code digests}, sender, token, node and quota charges. */
  public void enrich(AuditRecord.Builder record, CertificationClaims claims, String token, Batch batch,
      List<TracebackDigest> digests, Instant now) {
    if (key == null) {
      return;
    }
    record.nodeId(nodeId).token(token).senderNumber(KoreanPhoneNumbers.normalize(batch.senderNumber()))
        .messageDigests(digests);
    QuotaBook book = quotas;
    if (book != null) {
      record.quotaCharges(book.charges(QuotaSubject.reseller(claims.subject()),
          QuotaSubject.originCode(claims.originCode()), now));
    }
  }

  /** The detail of a {@code quota_exceeded} refusal: which limit, and whether the batch can ever fit it. */
  public static String quotaDetail(AuditRecord record) {
    for (QuotaCharge charge : record.quotaCharges()) {
      if (record.messageCount() > charge.limit()) {
        return "the batch's " + record.messageCount() + " messages exceed the " + charge.window().split(":")[0]
            + " quota of " + charge.limit() + " (" + charge.key().split(":")[0] + ") by themselves; split the batch;"
            + " nothing was accepted";
      }
    }
    return "the batch's " + record.messageCount() + " messages would exceed a message quota of the reseller or its"
        + " first-sender code in this window; nothing was accepted";
  }

  /**
   * How long until a refused record could fit: the latest end among the windows it would overflow
   * (read from the store, on the refusal path only); at least one second.
   */
  public Duration retryAfter(AuditRecord record, Instant now) {
    Instant latest = null;
    for (QuotaCharge charge : record.quotaCharges()) {
      long used;
      try {
        used = store == null ? Long.MAX_VALUE : store.quotaUsed(charge.key(), charge.window());
      } catch (IOException e) {
        used = Long.MAX_VALUE;
      }
      boolean over = used == Long.MAX_VALUE || used + record.messageCount() > charge.limit();
      if (over && (latest == null || charge.windowEnd().isAfter(latest))) {
        latest = charge.windowEnd();
      }
    }
    if (latest == null) {
      latest = now.plusSeconds(60);
    }
    long seconds = Math.max(1, (Duration.between(now, latest).toMillis() + 999) / 1000);
    return Duration.ofSeconds(seconds);
  }
}
