package io.tqc.relay.protection;

import java.time.Instant;
import java.util.Arrays;

/**
 * One suppressed recipient of one advertiser, as stored: the keyed digest of the number (never the
 * number), the advertiser's key, the source, when the opt-out was made, the 080 number that took it
 * and the provider's event id where given. Immutable.
 */
public final class SuppressionEntry {
  private final String advertiser;
  private final byte[] digest;
  private final OptOutSource source;
  private final Instant optedOutAt;
  private final String optOutNumber;
  private final String eventId;
  private final long indexKey;

  /**
   * An entry.
   *
   * @param advertiser the advertiser key ({@link io.tqc.api.compliance.UrlRules#advertiserKey})
   * @param digest the 32-byte keyed digest of the recipient number ({@link Suppressions#digest})
   * @param indexKey the non-zero 64-bit keyed index key of (advertiser, recipient) the batch path looks up
   */
  public SuppressionEntry(String advertiser, byte[] digest, long indexKey, OptOutSource source, Instant optedOutAt,
      String optOutNumber, String eventId) {
    if (advertiser == null || digest == null || digest.length != 32 || source == null || optedOutAt == null) {
      throw new IllegalArgumentException("advertiser, a 32-byte digest, source and time are required");
    }
    this.advertiser = advertiser;
    this.digest = digest.clone();
    this.source = source;
    this.optedOutAt = optedOutAt;
    this.optOutNumber = optOutNumber;
    this.eventId = eventId;
    if (indexKey == 0) {
      throw new IllegalArgumentException("the index key is never 0");
    }
    this.indexKey = indexKey;
  }

  /** The advertiser key. */
  public String advertiser() {
    return advertiser;
  }

  /** The keyed digest of the number (a copy). */
  public byte[] digest() {
    return digest.clone();
  }

  /** The in-memory index key ({@link Suppressions} computes it with SipHash-2-4 under its secret). */
  public long indexKey() {
    return indexKey;
  }

  /** The source. */
  public OptOutSource source() {
    return source;
  }

  /** When the recipient opted out. */
  public Instant optedOutAt() {
    return optedOutAt;
  }

  /** The 080 number that took the opt-out, or null. */
  public String optOutNumber() {
    return optOutNumber;
  }

  /** The 080 provider's event id, or null. */
  public String eventId() {
    return eventId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SuppressionEntry)) {
      return false;
    }
    SuppressionEntry other = (SuppressionEntry) o;
    return advertiser.equals(other.advertiser) && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return advertiser.hashCode() * 31 + Arrays.hashCode(digest);
  }

  /** Never shows the digest in full. */
  @Override
  public String toString() {
    return "SuppressionEntry{" + advertiser + ", " + source.code() + ", " + optedOutAt + "}";
  }
}
