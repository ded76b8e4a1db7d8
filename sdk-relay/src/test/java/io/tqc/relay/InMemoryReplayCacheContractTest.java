package io.tqc.relay;

/** The {@link ReplayCacheContract} for the in-process default. */
class InMemoryReplayCacheContractTest extends ReplayCacheContract {
  @Override
  protected ReplayCache newCache() {
    return ReplayCache.inMemory(10_000);
  }
}
