package io.tqc.examples.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Failed-login counts in this node's memory, bounded (see {@link LoginFailureStore#inMemory}). */
final class InMemoryLoginFailureStore implements LoginFailureStore {
  private final int maxKeys;
  private final Map<String, Failures> windows = new ConcurrentHashMap<>();

  InMemoryLoginFailureStore(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  @Override
  public Failures find(String key, Instant now) {
    Failures w = windows.get(key);
    if (w == null) {
      if (windows.size() >= maxKeys && prune(now) >= maxKeys) {
        return new Failures(Integer.MAX_VALUE, now.plusSeconds(60)); // full: refuse new keys for now
      }
      return null;
    }
    if (!now.isBefore(w.windowEnd())) {
      windows.remove(key, w);
      return null;
    }
    return w;
  }

  @Override
  public Failures increment(String key, Instant now, Duration window) {
    return windows.compute(key, (k, w) -> w == null || !now.isBefore(w.windowEnd())
        ? new Failures(1, now.plus(window)) : new Failures(w.count() + 1, w.windowEnd()));
  }

  @Override
  public void clear(String key) {
    windows.remove(key);
  }

  private int prune(Instant now) {
    for (Iterator<Failures> it = windows.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().windowEnd())) {
        it.remove();
      }
    }
    return windows.size();
  }
}
