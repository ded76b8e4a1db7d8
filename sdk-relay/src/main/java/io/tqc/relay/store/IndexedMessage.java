package io.tqc.relay.store;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/** One row of the traceback index, as an {@link EnforcementStore} returns it. Immutable. */
public final class IndexedMessage {
  private final String batchId;
  private final int index;
  private final String textDigest;
  private final String senderNumber;
  private final ResellerId resellerId;
  private final String originCode;
  private final Instant acceptedAt;
  private final String node;

  /** A row. */
  public IndexedMessage(String batchId, int index, String textDigest, String senderNumber, ResellerId resellerId,
      String originCode, Instant acceptedAt, String node) {
    if (batchId == null || textDigest == null || resellerId == null || originCode == null || acceptedAt == null
        || node == null) {
      throw new IllegalArgumentException("every indexed-message field but the sender number is required");
    }
    this.batchId = batchId;
    this.index = index;
    this.textDigest = textDigest;
    this.senderNumber = senderNumber;
    this.resellerId = resellerId;
    this.originCode = originCode;
    this.acceptedAt = acceptedAt;
    this.node = node;
  }

  /** The batch. */
  public String batchId() {
    return batchId;
  }

  /** The message index. */
  public int index() {
    return index;
  }

  /** The text digest. */
  public String textDigest() {
    return textDigest;
  }

  /** The batch's sender number (digits), or {@code null}. */
  public String senderNumber() {
    return senderNumber;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** The origin code. */
  public String originCode() {
    return originCode;
  }

  /** When accepted. */
  public Instant acceptedAt() {
    return acceptedAt;
  }

  /** The node. */
  public String node() {
    return node;
  }
}
