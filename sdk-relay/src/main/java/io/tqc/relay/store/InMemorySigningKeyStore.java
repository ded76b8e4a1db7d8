package io.tqc.relay.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps signing keys in memory (tests only). */
final class InMemorySigningKeyStore implements SigningKeyStore {
  private volatile List<StoredSigningKey> keys = Collections.emptyList();

  @Override
  public List<StoredSigningKey> load() {
    return keys;
  }

  @Override
  public void save(List<StoredSigningKey> newKeys) {
    keys = Collections.unmodifiableList(new ArrayList<>(newKeys));
  }
}
