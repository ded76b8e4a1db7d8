package io.tqc.relay.enforcement;

import io.tqc.api.token.ResellerId;
import java.time.Instant;

/**
 * One link of a node's hash-chained audit: the record at position {@code seq} of node {@code node},
 * the hash of its predecessor and its own hash (see {@link AuditChain}). Immutable.
 */
public final class ChainLink {
  private final String node;
  private final long seq;
  private final String batchId;
  private final ResellerId resellerId;
  private final Instant acceptedAt;
  private final String senderNumber;
  private final String messagesDigest;
  private final String prevHash;
  private final String hash;

  /** A link. */
  public ChainLink(String node, long seq, String batchId, ResellerId resellerId, Instant acceptedAt,
      String senderNumber, String messagesDigest, String prevHash, String hash) {
    if (node == null || seq < 1 || batchId == null || resellerId == null || acceptedAt == null
        || messagesDigest == null || prevHash == null || hash == null) {
      throw new IllegalArgumentException("every chain link field but the sender number is required");
    }
    this.node = node;
    this.seq = seq;
    this.batchId = batchId;
    this.resellerId = resellerId;
    this.acceptedAt = acceptedAt;
    this.senderNumber = senderNumber;
    this.messagesDigest = messagesDigest;
    this.prevHash = prevHash;
    this.hash = hash;
  }

  /** The node. */
  public String node() {
    return node;
  }

  /** Position in the node's chain, from 1. */
  public long seq() {
    return seq;
  }

  /** The batch. */
  public String batchId() {
    return batchId;
  }

  /** The reseller. */
  public ResellerId resellerId() {
    return resellerId;
  }

  /** When the batch was accepted. */
  public Instant acceptedAt() {
    return acceptedAt;
  }

  /** The sender number (digits), or {@code null}. */
  public String senderNumber() {
    return senderNumber;
  }

  /** SHA-256 over the record's traceback digests ({@link AuditChain#messagesDigest}). */
  public String messagesDigest() {
    return messagesDigest;
  }

  /** The predecessor's hash ({@link AuditChain#GENESIS} for the first link). */
  public String prevHash() {
    return prevHash;
  }

  /** This link's hash. */
  public String hash() {
    return hash;
  }

  @Override
  public String toString() {
    return "ChainLink{" + node + "#" + seq + " " + batchId + " " + hash + "}";
  }
}
