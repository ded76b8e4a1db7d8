package io.tqc.relay.store;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where the relay keeps its private signing keys (active and recently retired). The default is
 * {@link FileSigningKeyStore}; an operator may plug an HSM-backed or secrets-manager-backed store.
 * Implementations must make {@link #save} atomic and durable.
 */
public interface SigningKeyStore {
  /** The stored keys, oldest first; empty if none were saved yet. */
  List<StoredSigningKey> load() throws IOException;

  /** Replaces the stored keys with {@code keys}, atomically and durably. */
  void save(List<StoredSigningKey> keys) throws IOException;

  /**
   * Applies {@code change} to the stored keys and saves the result, returning it. A store shared by
   * several relay nodes overrides this to serialize changes across nodes (for example under a
   * database lock), so a rotation never works from a stale copy; the default loads and saves.
   */
  default List<StoredSigningKey> update(UnaryOperator<List<StoredSigningKey>> change) throws IOException {
    List<StoredSigningKey> next = change.apply(load());
    save(next);
    return next;
  }

  /** A store that keeps keys in memory only: for tests (keys are lost when the JVM exits). */
  static SigningKeyStore inMemory() {
    return new InMemorySigningKeyStore();
  }
}
