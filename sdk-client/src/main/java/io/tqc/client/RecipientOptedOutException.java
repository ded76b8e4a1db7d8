package io.tqc.client;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pre-flight refused a batch before anything went on the network because some of its
 * messages go to recipients that the caller's {@link SuppressionList} marks as opted out
 * ({@code recipient_opted_out}). Like a compliance refusal ({@link NonCompliantBatchException}) it
 * lists its {@linkplain #violations() violations}, one {@code recipient_opted_out} per message, the
 * very violations the relay reports for an opt-out it knows; {@link #messageIndices()} are their
 * message indices. Remove those messages and certify again: not transient, retrying the same batch
 * fails the same way. The message never contains a recipient number.
 */
public final class RecipientOptedOutException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;
  private final List<Integer> messageIndices;

  /**
   * Creates the exception.
   *
   * @param violations the {@code recipient_opted_out} violations, one per message, ascending
   *     message index (see {@link Violation#recipientOptedOut})
   * @param refusedBatch the refused batch bytes
   * @param refusedMessageCount the message count of {@code refusedBatch}
   * @throws IllegalArgumentException {@code violations} is empty, out of order, or holds another
   *     code or a batch-level violation
   */
  public RecipientOptedOutException(List<Violation> violations, byte[] refusedBatch, int refusedMessageCount) {
    super(ReasonCode.RECIPIENT_OPTED_OUT, summary(violations), refusedBatch, refusedMessageCount, null);
    List<Integer> indices = new ArrayList<>(violations.size());
    for (Violation violation : violations) {
      indices.add(violation.messageIndex());
    }
    this.violations = Collections.unmodifiableList(new ArrayList<>(violations));
    this.messageIndices = Collections.unmodifiableList(indices);
  }

  private static String summary(List<Violation> violations) {
    if (violations == null || violations.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient_opted_out violation is required");
    }
    int previous = -1;
    for (Violation violation : violations) {
      if (violation == null || violation.code() != ReasonCode.RECIPIENT_OPTED_OUT || violation.isBatchLevel()) {
        throw new IllegalArgumentException("every violation must be a recipient_opted_out of one message");
      }
      if (violation.messageIndex() <= previous) {
        throw new IllegalArgumentException("violations must be in ascending message order, one per message");
      }
      previous = violation.messageIndex();
    }
    StringBuilder indices = new StringBuilder();
    for (int i = 0; i < violations.size() && i < 20; i++) {
      indices.append(i == 0 ? "" : ", ").append(violations.get(i).messageIndex());
    }
    if (violations.size() > 20) {
      indices.append(", …");
    }
    return violations.size() + (violations.size() == 1 ? " message goes to a recipient" : " messages go to recipients")
        + " that opted out from this advertiser: messages [" + indices + "]";
  }

  /** The {@code recipient_opted_out} violations, one per refused message, ascending message index. */
  public List<Violation> violations() {
    return violations;
  }

  /** The indices (0-based, ascending) of the messages addressed to suppressed recipients. */
  public List<Integer> messageIndices() {
    return messageIndices;
  }
}
