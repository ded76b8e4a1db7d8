package io.tqc.relay.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SQLite keeps the store contract. */
class SqliteRelayStoreContractTest extends RelayStoreContract {
  @TempDir
  Path dir;

  @Override
  protected RelayStore openEmpty() throws Exception {
    return SqliteRelayStore.open(dir.resolve("relay.db"));
  }

  @Override
  protected RelayStore reopen(RelayStore store) throws Exception {
    store.close();
    return SqliteRelayStore.open(dir.resolve("relay.db"));
  }
}
