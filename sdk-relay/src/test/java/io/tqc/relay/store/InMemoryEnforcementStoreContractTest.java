package io.tqc.relay.store;

/** The in-memory store keeps the enforcement contract. */
class InMemoryEnforcementStoreContractTest extends EnforcementStoreContract {
  @Override
  protected RelayStore openEmpty() {
    return new InMemoryRelayStore();
  }
}
