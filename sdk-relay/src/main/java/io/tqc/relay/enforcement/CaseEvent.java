package io.tqc.relay.enforcement;

import java.time.Instant;

/**
 * One entry of a case's append-only history: what happened, the state after it, who, why and when,
 * and the report or sanction it concerns. Entries are numbered from 1 by the case's version.
 */
public final class CaseEvent {
  /** What an entry records. */
  public enum Action {
    /** The case was opened by a traced report. */
    OPENED,
    /** Another traced report joined the case. */
    REPORT_ADDED,
    /** A reviewer confirmed the case. */
    CONFIRMED,
    /** A sanction was imposed. */
    SANCTIONED,
    /** The case was dismissed. */
    DISMISSED
  }

  private final String caseId;
  private final long sequence;
  private final Action action;
  private final CaseState state;
  private final String actor;
  private final String reason;
  private final Instant at;
  private final String reference;

  /**
   * A history entry.
   *
   * @param reference the report id (for {@code OPENED}, {@code REPORT_ADDED}) or sanction id (for
   *     {@code SANCTIONED}), else {@code null}
   */
  public CaseEvent(String caseId, long sequence, Action action, CaseState state, String actor, String reason,
      Instant at, String reference) {
    if (caseId == null || action == null || state == null || at == null || sequence < 1) {
      throw new IllegalArgumentException("caseId, sequence >= 1, action, state and at are required");
    }
    if (actor == null || actor.isEmpty() || actor.length() > 256) {
      throw new IllegalArgumentException("actor must be 1-256 characters");
    }
    if (reason != null && reason.length() > 256) {
      throw new IllegalArgumentException("reason longer than 256 characters");
    }
    this.caseId = caseId;
    this.sequence = sequence;
    this.action = action;
    this.state = state;
    this.actor = actor;
    this.reason = reason;
    this.at = Instant.ofEpochMilli(at.toEpochMilli());
    this.reference = reference;
  }

  /** The case. */
  public String caseId() {
    return caseId;
  }

  /** Position in the case's history, from 1. */
  public long sequence() {
    return sequence;
  }

  /** What happened. */
  public Action action() {
    return action;
  }

  /** The case's state after it. */
  public CaseState state() {
    return state;
  }

  /** Who (an operator, or {@code system} for reports). */
  public String actor() {
    return actor;
  }

  /** Why, or {@code null}. */
  public String reason() {
    return reason;
  }

  /** When. */
  public Instant at() {
    return at;
  }

  /** The report or sanction id it concerns, or {@code null}. */
  public String reference() {
    return reference;
  }

  @Override
  public String toString() {
    return "CaseEvent{" + caseId + "#" + sequence + " " + action + " -> " + state + " by " + actor + " at " + at + "}";
  }
}
