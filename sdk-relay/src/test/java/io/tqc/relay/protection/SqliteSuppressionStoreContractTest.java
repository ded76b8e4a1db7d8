package io.tqc.relay.protection;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** SQLite keeps the suppression contract across a close and reopen of its file. */
class SqliteSuppressionStoreContractTest extends SuppressionStoreContract {
  @TempDir
  Path dir;

  @Override
  protected SuppressionStore openEmpty() throws Exception {
    return SqliteSuppressionStore.open(dir.resolve(SqliteSuppressionStore.FILE));
  }

  @Override
  protected SuppressionStore reopen(SuppressionStore store) throws Exception {
    store.close();
    return SqliteSuppressionStore.open(dir.resolve(SqliteSuppressionStore.FILE));
  }
}
