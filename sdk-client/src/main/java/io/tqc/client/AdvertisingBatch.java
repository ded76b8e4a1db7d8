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
 * With {@link #withSuppressions} the body is also checked against the campaign's
 * {@link SuppressionList}, as {@link TqcClient#certify(Batch, SuppressionList)} does
 * ({@link RecipientOptedOutException}). Immutable.
 */
public final class AdvertisingBatch {
  private final int messageCount;
  private final SuppressionList suppressions;

  private AdvertisingBatch(int messageCount, SuppressionList suppressions) {
    this.messageCount = messageCount;
    this.suppressions = suppressions;
  }

  /** The batch holds exactly {@code messageCount} messages (1 to 1,000,000). */
  public static AdvertisingBatch withMessageCount(int messageCount) {
    if (messageCount < 1 || messageCount > BatchProof.MAX_MESSAGES) {
      throw new IllegalArgumentException("messageCount must be 1.." + BatchProof.MAX_MESSAGES);
    }
    return new AdvertisingBatch(messageCount, null);
  }

  /**
   * The body is a TQC batch document ({@code {"sender_number", "advertising", "messages": [...]}});
   * the interceptor parses it to count the messages. A body that does not parse is refused with
   * {@code batch_malformed} before anything is sent.
   */
  public static AdvertisingBatch countingMessages() {
    return new AdvertisingBatch(0, null);
  }

  /**
   * This marker with the campaign's {@link SuppressionList} (from {@link TqcClient#checkSuppressions}):
   * the interceptor parses the body (it must be a TQC batch document, else {@code batch_malformed})
   * and refuses it with {@link RecipientOptedOutException} when a message goes to a recipient the
   * list marks as opted out, before the compliance pre-flight and before anything is sent. A list
   * checked for another advertiser than the body's is a {@link TqcClientException} with
   * {@code request_invalid} (its cause the {@link IllegalArgumentException} that
   * {@link TqcClient#certify(Batch, SuppressionList)} throws).
   *
   * @throws NullPointerException {@code suppressions} is null
   */
  public AdvertisingBatch withSuppressions(SuppressionList suppressions) {
    if (suppressions == null) {
      throw new NullPointerException("suppressions");
    }
    return new AdvertisingBatch(messageCount, suppressions);
  }

  /** The declared message count, or 0 when the interceptor counts the messages of the body. */
  int declaredCount() {
    return messageCount;
  }

  /** The campaign's suppression list, or null. */
  SuppressionList suppressions() {
    return suppressions;
  }

  @Override
  public String toString() {
    return (messageCount > 0 ? "AdvertisingBatch{n=" + messageCount : "AdvertisingBatch{counting")
        + (suppressions != null ? ", suppressions" : "") + "}";
  }
}
