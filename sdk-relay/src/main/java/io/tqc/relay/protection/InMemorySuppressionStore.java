package io.tqc.relay.protection;

import io.tqc.relay.internal.LongSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SuppressionStore} in memory: nothing survives a restart. For tests, benchmarks and
 * embedded runs. It keeps only the 64-bit index keys (about 16 bytes an opt-out, 10 million in about
 * 160 MiB), so two different recipients collide with probability about n / 2^64; lookups take no
 * lock; writes are serialised.
 */
public final class InMemorySuppressionStore implements SuppressionStore {
  private final LongSet index = new LongSet();
  private final Map<String, String> events = new HashMap<>();
  private final List<SuppressionChange> history = new ArrayList<>();
  private final boolean keepHistory;

  /** A store that keeps its change history in memory too. */
  public InMemorySuppressionStore() {
    this(true);
  }

  /**
   * A store; {@code keepHistory} false drops the history (bulk loads in benchmarks).
   */
  public InMemorySuppressionStore(boolean keepHistory) {
    this.keepHistory = keepHistory;
  }

  @Override
  public synchronized boolean add(SuppressionEntry entry) {
    if (!index.add(entry.indexKey())) {
      return false;
    }
    if (keepHistory) {
      history.add(new SuppressionChange(history.size() + 1, SuppressionChange.Action.ADDED, entry.advertiser(),
          entry.source(), entry.optedOutAt(), entry.eventId()));
    }
    return true;
  }

  @Override
  public synchronized boolean remove(String advertiser, byte[] digest, long indexKey, Instant at) {
    if (!index.remove(indexKey)) {
      return false;
    }
    if (keepHistory) {
      history.add(new SuppressionChange(history.size() + 1, SuppressionChange.Action.REMOVED, advertiser,
          OptOutSource.MANUAL, at, null));
    }
    return true;
  }

  @Override
  public boolean contains(long indexKey) {
    return index.contains(indexKey);
  }

  @Override
  public synchronized String recordEvent(String eventId, String fingerprint) {
    String earlier = events.get(eventId);
    if (earlier == null) {
      events.put(eventId, fingerprint);
    }
    return earlier;
  }

  @Override
  public long size() {
    return index.size();
  }

  @Override
  public synchronized List<SuppressionChange> history(long afterSeq, int limit) {
    int from = (int) Math.max(0, Math.min(afterSeq, history.size()));
    int to = (int) Math.min(history.size(), (long) from + Math.max(0, limit));
    return Collections.unmodifiableList(new ArrayList<>(history.subList(from, to)));
  }

  @Override
  public void close() {
  }
}
