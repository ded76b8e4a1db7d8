package io.tqc.relay.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SQLite keeps the enforcement contract. */
class SqliteEnforcementStoreContractTest extends EnforcementStoreContract {
  @TempDir
  Path dir;

  @Override
  protected RelayStore openEmpty() throws Exception {
    return SqliteRelayStore.open(dir.resolve("relay.db"));
  }
}
