package io.tqc.relay;

import io.tqc.api.batch.Batch;

/**
 * A batch the relay verified and durably recorded: its {@link AuditRecord} and the parsed
 * {@link Batch} to hand on to the carriers. Immutable.
 */
public final class AcceptedBatch {
  private final AuditRecord record;
  private final Batch batch;

  AcceptedBatch(AuditRecord record, Batch batch) {
    this.record = record;
    this.batch = batch;
  }

  /** The batch id (the proof's {@code jti}). */
  public String batchId() {
    return record.batchId();
  }

  /** Number of messages accepted. */
  public int messageCount() {
    return record.messageCount();
  }

  /** The first-sender identification code to pass on with the messages. */
  public String originCode() {
    return record.originCode();
  }

  /** The audit record written before this result was returned. */
  public AuditRecord record() {
    return record;
  }

  /** The parsed batch. */
  public Batch batch() {
    return batch;
  }

  @Override
  public String toString() {
    return "AcceptedBatch{" + record + "}";
  }
}
