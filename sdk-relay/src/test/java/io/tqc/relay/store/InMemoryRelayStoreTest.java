package io.tqc.relay.store;

/** The in-memory store keeps the store contract (restart: the same instance opened again). */
class InMemoryRelayStoreTest extends RelayStoreContract {
  @Override
  protected RelayStore openEmpty() {
    return new InMemoryRelayStore();
  }

  @Override
  protected RelayStore reopen(RelayStore store) throws Exception {
    store.close();
    ((InMemoryRelayStore) store).reopen();
    return store;
  }
}
