package io.tqc.relay.protection;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where a relay keeps opted-out recipients: keyed digests per advertiser (never numbers), the
 * append-only history of changes and the 080 providers' event ids. {@link InMemorySuppressionStore}
 * for tests and single runs, {@link SqliteSuppressionStore} for a single node; a fleet store
 * implements the same contract on PostgreSQL.
 *
 * <p>Writes are durable when they return, and visible to {@link #contains} from then on: a batch
 * checked after an opt-out was acknowledged sees it. {@link #contains} is on the batch path: it must
 * answer from memory, without I/O and without blocking. Implementations are thread-safe.
 */
public interface SuppressionStore extends Closeable {
  /** Adds {@code entry}; false if the advertiser already had this digest (the first entry stays). */
  boolean add(SuppressionEntry entry) throws IOException;

  /**
   * Removes the advertiser's entry with {@code digest} and {@code indexKey} (consent given again, at
   * {@code at}); false if it was not there.
   */
  boolean remove(String advertiser, byte[] digest, long indexKey, java.time.Instant at) throws IOException;

  /** True if the advertiser has {@code indexKey} suppressed ({@link SuppressionEntry#indexKey()}). No I/O. */
  boolean contains(long indexKey);

  /**
   * Records that the 080 provider's event {@code eventId} carried {@code fingerprint}.
   *
   * @return null the first time; the fingerprint recorded earlier when the event id was seen before
   */
  String recordEvent(String eventId, String fingerprint) throws IOException;

  /** Number of suppressed (advertiser, recipient) pairs. */
  long size();

  /** History lines after {@code afterSeq}, oldest first, at most {@code limit}. */
  List<SuppressionChange> history(long afterSeq, int limit) throws IOException;
}
