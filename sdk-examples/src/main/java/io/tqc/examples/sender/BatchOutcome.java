package io.tqc.examples.sender;

/**
 * What became of one batch. Nothing is dropped: every batch that was not accepted keeps its exact
 * bytes in {@link #body()} so that it can be fixed, sent later or reconciled.
 *
 * @param index the batch's position in the run, from 0
 * @param status what became of it
 * @param messageCount its number of messages
 * @param batchId the relay's batch id (the proof's {@code jti}) when accepted, else null
 * @param code the reason code (the relay's or the client's) when not accepted, else null
 * @param detail a human-readable detail, or null
 * @param body the batch bytes
 */
public record BatchOutcome(int index, Status status, int messageCount, String batchId, String code, String detail,
    byte[] body) {
  /** The four ends of a batch. */
  public enum Status {
    /** The relay answered 202: it recorded the batch and took it over. */
    ACCEPTED,
    /**
     * Refused for what it contains or how it was formed (content rules, sender number, a malformed
     * or oversized body): sending it again unchanged would fail again. Fix it.
     */
    REFUSED,
    /**
     * Not sent because the certification or the relay is not healthy (suspended, revoked, expired,
     * not certified, relay unavailable): keep it and send it when the cause is gone.
     */
    DEFERRED,
    /** Sent, but no answer came back: it may or may not have been accepted. Reconcile before resending. */
    UNCONFIRMED
  }

  @Override
  public String toString() {
    return "batch " + index + " " + status + " (" + messageCount + " messages"
        + (batchId != null ? ", id " + batchId : "") + (code != null ? ", " + code : "") + ")";
  }
}
