package io.tqc.relay.protection;

/** The in-memory store keeps the list-store contract (a "restart" keeps the same object). */
class InMemoryProtectionListStoreContractTest extends ProtectionListStoreContract {
  @Override
  protected ProtectionListStore openEmpty() {
    return new InMemoryProtectionListStore();
  }

  @Override
  protected ProtectionListStore reopen(ProtectionListStore store) {
    return store;
  }

  @Override
  protected ProtectionListStore another(ProtectionListStore store) {
    return store;
  }
}
