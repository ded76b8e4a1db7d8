package io.tqc.adapters.jdbc;

import io.tqc.client.CertifiedBatch;
import java.util.List;

/**
 * Rows a {@link AgentTableWriter} committed: their ids in message order and the certification they were
 * written under (also stored in the evidence tables). Immutable; {@link #toString()} shows no secret.
 */
public final class AgentReceipt {
  private final List<String> rowIds;
  private final CertifiedBatch certification;

  AgentReceipt(List<String> rowIds, CertifiedBatch certification) {
    this.rowIds = rowIds;
    this.certification = certification;
  }

  /** The agent table's row ids, one per message, in order. */
  public List<String> rowIds() {
    return rowIds;
  }

  /** The certification, or {@code null} when the batch does not advertise. */
  public CertifiedBatch certification() {
    return certification;
  }

  @Override
  public String toString() {
    return "AgentReceipt{" + rowIds.size() + " rows"
        + (certification != null ? ", batch " + certification.batchId() : ", not certified") + "}";
  }
}
