package io.tqc.relay.protection;

import java.time.Instant;

/** One line of the append-only suppression history: an opt-out added or withdrawn. Immutable. */
public final class SuppressionChange {
  /** What happened. */
  public enum Action {
    /** The recipient opted out. */
    ADDED,
    /** The opt-out was withdrawn (the recipient consented again). */
    REMOVED
  }

  private final long seq;
  private final Action action;
  private final String advertiser;
  private final OptOutSource source;
  private final Instant at;
  private final String eventId;

  /** A history line. */
  public SuppressionChange(long seq, Action action, String advertiser, OptOutSource source, Instant at, String eventId) {
    this.seq = seq;
    this.action = action;
    this.advertiser = advertiser;
    this.source = source;
    this.at = at;
    this.eventId = eventId;
  }

  /** Position in the history, increasing from 1. */
  public long seq() {
    return seq;
  }

  /** Added or removed. */
  public Action action() {
    return action;
  }

  /** The advertiser key. */
  public String advertiser() {
    return advertiser;
  }

  /** The source of the opt-out. */
  public OptOutSource source() {
    return source;
  }

  /** When it was recorded. */
  public Instant at() {
    return at;
  }

  /** The provider event id, or null. */
  public String eventId() {
    return eventId;
  }

  @Override
  public String toString() {
    return "SuppressionChange{" + seq + " " + action + " " + advertiser + " " + source.code() + " " + at + "}";
  }
}
