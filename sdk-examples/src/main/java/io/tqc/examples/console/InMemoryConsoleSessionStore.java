package io.tqc.examples.console;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this node's memory (the default; one node, or a balancer with sticky sessions). */
final class InMemoryConsoleSessionStore implements ConsoleSessionStore {
  private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void create(String key, StoredSession session) {
    sessions.put(key, session);
  }

  @Override
  public StoredSession find(String key) {
    return sessions.get(key);
  }

  @Override
  public void touch(String key, Instant at) {
    sessions.computeIfPresent(key, (k, s) -> s.lastUsed().isBefore(at) ? s.usedAt(at) : s);
  }

  @Override
  public void delete(String key) {
    sessions.remove(key);
  }

  @Override
  public void purge(Instant createdBefore, Instant usedBefore) {
    for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext(); ) {
      StoredSession s = it.next();
      if (s.createdAt().isBefore(createdBefore) || s.lastUsed().isBefore(usedBefore)) {
        it.remove();
      }
    }
  }

  @Override
  public int count() {
    return sessions.size();
  }
}
