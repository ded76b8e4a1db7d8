package io.tqc.relay.protection;

/** The in-memory store keeps the suppression contract (a "restart" keeps the same object). */
class InMemorySuppressionStoreContractTest extends SuppressionStoreContract {
  @Override
  protected SuppressionStore openEmpty() {
    return new InMemorySuppressionStore();
  }

  @Override
  protected SuppressionStore reopen(SuppressionStore store) {
    return store;
  }
}
