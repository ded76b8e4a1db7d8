package io.tqc.relay.protection;

import io.tqc.relay.internal.LongSet;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SuppressionStore} in memory: nothing survives a restart. For tests, benchmarks and
 * embedded runs. Lookups take no lock; writes are serialised.
 */
public final class InMemorySuppressionStore implements SuppressionStore {
  private final LongSet index = new LongSet();
  private final Map<ByteBuffer, SuppressionEntry> entries = new HashMap<>();
  private final Map<String, String> events = new HashMap<>();
  private final List<SuppressionChange> history = new ArrayList<>();

  private static ByteBuffer key(String advertiser, byte[] digest) {
    byte[] name = advertiser.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 1 + digest.length).put(name).put((byte) 0).put(digest);
  }

  @Override
  public synchronized boolean add(SuppressionEntry entry) {
    ByteBuffer key = (ByteBuffer) key(entry.advertiser(), entry.digest()).flip();
    if (entries.containsKey(key)) {
      return false;
    }
    entries.put(key, entry);
    history.add(new SuppressionChange(history.size() + 1, SuppressionChange.Action.ADDED, entry.advertiser(),
        entry.source(), entry.optedOutAt(), entry.eventId()));
    index.add(entry.indexKey());
    return true;
  }

  @Override
  public synchronized boolean remove(String advertiser, byte[] digest, Instant at) {
    SuppressionEntry removed = entries.remove((ByteBuffer) key(advertiser, digest).flip());
    if (removed == null) {
      return false;
    }
    index.remove(removed.indexKey());
    history.add(new SuppressionChange(history.size() + 1, SuppressionChange.Action.REMOVED, advertiser,
        removed.source(), at, null));
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
