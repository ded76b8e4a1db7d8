package io.tqc.relay.enforcement;

import java.time.Instant;

/**
 * A signed checkpoint of a node's audit chain: the relay key's signature ({@code tqc-checkpoint+jwt})
 * over the node, the position and the hash of the link there. Immutable.
 */
public final class Checkpoint {
  /** The JWS {@code typ} of a checkpoint. */
  public static final String TYPE = "tqc-checkpoint+jwt";

  private final String node;
  private final long seq;
  private final String hash;
  private final Instant at;
  private final String jws;

  /** A checkpoint. */
  public Checkpoint(String node, long seq, String hash, Instant at, String jws) {
    if (node == null || seq < 1 || hash == null || at == null || jws == null) {
      throw new IllegalArgumentException("every checkpoint field is required");
    }
    this.node = node;
    this.seq = seq;
    this.hash = hash;
    this.at = Instant.ofEpochMilli(at.toEpochMilli());
    this.jws = jws;
  }

  /** The node. */
  public String node() {
    return node;
  }

  /** The position it fixes. */
  public long seq() {
    return seq;
  }

  /** The hash of the link at {@link #seq()}. */
  public String hash() {
    return hash;
  }

  /** When it was signed. */
  public Instant at() {
    return at;
  }

  /** The signed checkpoint (compact JWS). */
  public String jws() {
    return jws;
  }

  @Override
  public String toString() {
    return "Checkpoint{" + node + "#" + seq + " " + hash + " at " + at + "}";
  }
}
