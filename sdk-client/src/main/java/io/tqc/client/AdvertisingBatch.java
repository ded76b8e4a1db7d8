package io.tqc.client;

import io.tqc.api.token.BatchProof;

/**
 * Marks an OkHttp request as an advertising batch that the {@linkplain TqcClient#interceptor()
 * TQC interceptor} must certify. Attach it as a typed tag:
 *
 * <pre>{@code
 * Request request = new Request.Builder()
 *     .url(batchEndpoint)
 *     .post(RequestBody.create(batchJson, MediaType.get("application/json")))
 *     .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(120))
 *     .build();
 * }</pre>
 *
 * Requests without this tag pass through the interceptor untouched. While the client's compliance
 * pre-flight is on (the default), the interceptor parses every tagged body as a TQC batch document
 * and runs the pre-flight on it before anything is sent: a body that is not a batch is refused with
 * {@code batch_malformed}, a non-compliant one with {@link NonCompliantBatchException}; with
 * {@link #withMessageCount} the count must then match the body's ({@code batch_count_mismatch}).
 * Immutable.
 */
public final class AdvertisingBatch {
  private final int messageCount;

  private AdvertisingBatch(int messageCount) {
    this.messageCount = messageCount;
  }

  /** The batch holds exactly {@code messageCount} messages (1 to 1,000,000). */
  public static AdvertisingBatch withMessageCount(int messageCount) {
    if (messageCount < 1 || messageCount > BatchProof.MAX_MESSAGES) {
      throw new IllegalArgumentException("messageCount must be 1.." + BatchProof.MAX_MESSAGES);
    }
    return new AdvertisingBatch(messageCount);
  }

  /**
   * The body is a TQC batch document ({@code {"sender_number", "advertising", "messages": [...]}});
   * the interceptor parses it to count the messages. A body that does not parse is refused with
   * {@code batch_malformed} before anything is sent.
   */
  public static AdvertisingBatch countingMessages() {
    return new AdvertisingBatch(0);
  }

  /** The declared message count, or 0 when the interceptor counts the messages of the body. */
  int declaredCount() {
    return messageCount;
  }

  @Override
  public String toString() {
    return messageCount > 0 ? "AdvertisingBatch{n=" + messageCount + "}" : "AdvertisingBatch{counting}";
  }
}
