package io.tqc.relay.store;

import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.ReportSource;
import java.time.Instant;

/**
 * A spam report as the relay keeps it: digests instead of recipient and text, the outcome of its
 * traceback and the case it joined. {@link #fingerprint()} identifies duplicates. Immutable.
 */
public final class StoredReport {
  private final String id;
  private final String fingerprint;
  private final ReportSource source;
  private final String reference;
  private final Instant receivedAt;
  private final Instant recordedAt;
  private final MatchRank rank;
  private final String batchId;
  private final int messageIndex;
  private final String caseId;
  private final String actor;

  /** A stored report ({@code batchId}, {@code caseId} null when nothing matched). */
  public StoredReport(String id, String fingerprint, ReportSource source, String reference, Instant receivedAt,
      Instant recordedAt, MatchRank rank, String batchId, int messageIndex, String caseId, String actor) {
    if (id == null || fingerprint == null || source == null || receivedAt == null || recordedAt == null
        || rank == null || actor == null) {
      throw new IllegalArgumentException("id, fingerprint, source, times, rank and actor are required");
    }
    this.id = id;
    this.fingerprint = fingerprint;
    this.source = source;
    this.reference = reference;
    this.receivedAt = Instant.ofEpochMilli(receivedAt.toEpochMilli());
    this.recordedAt = Instant.ofEpochMilli(recordedAt.toEpochMilli());
    this.rank = rank;
    this.batchId = batchId;
    this.messageIndex = messageIndex;
    this.caseId = caseId;
    this.actor = actor;
  }

  /** The report id. */
  public String id() {
    return id;
  }

  /** Keyed digest identifying the same report submitted twice. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The source. */
  public ReportSource source() {
    return source;
  }

  /** The reporter's reference, or {@code null}. */
  public String reference() {
    return reference;
  }

  /** When the phone received the message. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** When the relay recorded the report. */
  public Instant recordedAt() {
    return recordedAt;
  }

  /** The best match's rank. */
  public MatchRank rank() {
    return rank;
  }

  /** The best match's batch, or {@code null}. */
  public String batchId() {
    return batchId;
  }

  /** The best match's message index (-1 if none). */
  public int messageIndex() {
    return messageIndex;
  }

  /** The case it opened or joined, or {@code null}. */
  public String caseId() {
    return caseId;
  }

  /** Who submitted it. */
  public String actor() {
    return actor;
  }
}
