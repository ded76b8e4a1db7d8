package io.tqc.examples.sender;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one {@link BulkSender} run: one {@link BatchOutcome} per batch, in order, and the
 * reason the run stopped early, if it did.
 *
 * @param outcomes every batch's outcome, in order
 * @param stoppedBy the reason code that stopped the run (the rest of its batches are deferred), or null
 */
public record SendReport(List<BatchOutcome> outcomes, String stoppedBy) {
  /** Copies the outcome list. */
  public SendReport {
    outcomes = List.copyOf(outcomes);
  }

  /** The outcomes with {@code status}. */
  public List<BatchOutcome> with(BatchOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }

  /** Messages per status. */
  public Map<BatchOutcome.Status, Integer> messageCounts() {
    Map<BatchOutcome.Status, Integer> counts = new TreeMap<>();
    for (BatchOutcome outcome : outcomes) {
      counts.merge(outcome.status(), outcome.messageCount(), Integer::sum);
    }
    return counts;
  }

  @Override
  public String toString() {
    return "SendReport{" + outcomes.size() + " batches, messages " + messageCounts()
        + (stoppedBy == null ? "" : ", stopped by " + stoppedBy) + "}";
  }
}
