package io.tqc.relay.enforcement;

/**
 * The keyed digests of one accepted message, kept in the audit's traceback index: its index in the
 * batch, the digest of its recipient and the digest of its text (see {@link TracebackKey}).
 */
public final class TracebackDigest {
  private final int index;
  private final String recipientDigest;
  private final String textDigest;

  /** The digests of message {@code index} (from 0). */
  public TracebackDigest(int index, String recipientDigest, String textDigest) {
    if (index < 0 || recipientDigest == null || textDigest == null) {
      throw new IllegalArgumentException("index >= 0 and both digests are required");
    }
    this.index = index;
    this.recipientDigest = recipientDigest;
    this.textDigest = textDigest;
  }

  /** The message's index in the batch. */
  public int index() {
    return index;
  }

  /** Digest of the recipient in national form. */
  public String recipientDigest() {
    return recipientDigest;
  }

  /** Digest of the normalised text. */
  public String textDigest() {
    return textDigest;
  }
}
