package io.tqc.client.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClientException;
import java.time.Instant;

/**
 * The compliance pre-flight: parses a batch body when needed and runs the reseller's
 * {@link CompliancePolicy} on it, with the held token's sender numbers and relay time. Pure: no
 * I/O, no lock, nothing shared but the immutable policy.
 */
public final class Preflight {
  private final CompliancePolicy policy;

  /** A pre-flight with {@code policy}, or a disabled one when {@code policy} is {@code null}. */
  public Preflight(CompliancePolicy policy) {
    this.policy = policy;
  }

  /** True unless the pre-flight is switched off. */
  public boolean enabled() {
    return policy != null;
  }

  /** The policy, or {@code null} when switched off. */
  public CompliancePolicy policy() {
    return policy;
  }

  /** The batch in {@code bytes}, or {@code null} when they are not a batch document. */
  public static Batch parseIfBatch(byte[] bytes) {
    if (!startsLikeAnObject(bytes)) {
      return null;
    }
    try {
      return Batch.parse(bytes, BatchProof.MAX_MESSAGES);
    } catch (TqcException e) {
      return null;
    }
  }

  private static boolean startsLikeAnObject(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return false;
  }

  /**
   * The batch in {@code bytes}.
   *
   * @throws TqcClientException {@code batch_malformed} (carrying the bytes) if they are not a batch
   */
  public static Batch parse(byte[] bytes) throws TqcClientException {
    try {
      return Batch.parse(bytes, BatchProof.MAX_MESSAGES);
    } catch (TqcException e) {
      throw new TqcClientException(ReasonCode.BATCH_MALFORMED, "the advertising batch body is not a TQC batch: "
          + e.detail(), bytes, 0, e);
    }
  }

  /**
   * Checks {@code batch} (the parsed form of {@code bytes}); returns the report of a compliant batch.
   *
   * @param token the held token whose {@code sender_numbers} the sender must be one of, or {@code null}
   * @param sendTime the send time when the batch has no {@code send_at} (relay time now)
   * @throws TqcClientException {@code batch_count_mismatch} if {@code messageCount} is not the batch's
   * @throws NonCompliantBatchException if an enforced rule is violated
   */
  public ComplianceReport check(Batch batch, byte[] bytes, int messageCount, CertificationToken token,
      Instant sendTime) throws TqcClientException {
    if (batch.messageCount() != messageCount) {
      throw new TqcClientException(ReasonCode.BATCH_COUNT_MISMATCH, "messageCount is " + messageCount
          + " but the batch holds " + batch.messageCount() + " messages", bytes, messageCount, null);
    }
    ComplianceReport report = policy.check(batch, token == null ? null : token.claims().senderNumbers(), sendTime);
    if (!report.isCompliant()) {
      throw new NonCompliantBatchException(report, bytes, messageCount);
    }
    return report;
  }
}
