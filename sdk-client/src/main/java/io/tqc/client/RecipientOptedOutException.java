package io.tqc.client;

import io.tqc.api.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The pre-flight refused a batch before anything went on the network because some of its
 * messages go to recipients that the caller's {@link SuppressionList} marks as opted out
 * ({@code recipient_opted_out}). {@link #messageIndices()} lists them: remove those messages and
 * certify again (not transient; retrying the same batch fails the same way). The message never
 * contains a recipient number.
 */
public final class RecipientOptedOutException extends TqcClientException {
  private static final long serialVersionUID = 1L;

  private final List<Integer> messageIndices;

  /**
   * Creates the exception.
   *
   * @param messageIndices the indices of the messages to suppressed recipients (not empty)
   * @param refusedBatch the refused batch bytes
   * @param refusedMessageCount the message count of {@code refusedBatch}
   */
  public RecipientOptedOutException(List<Integer> messageIndices, byte[] refusedBatch, int refusedMessageCount) {
    super(ReasonCode.RECIPIENT_OPTED_OUT, messageIndices.size() + " message(s) go to recipients that opted out"
        + " from this advertiser: messages " + messageIndices, refusedBatch, refusedMessageCount, null);
    if (messageIndices.isEmpty()) {
      throw new IllegalArgumentException("messageIndices must not be empty");
    }
    this.messageIndices = Collections.unmodifiableList(new ArrayList<>(messageIndices));
  }

  /** The indices (0-based, ascending) of the messages addressed to suppressed recipients. */
  public List<Integer> messageIndices() {
    return messageIndices;
  }
}
