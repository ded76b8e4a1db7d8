package io.tqc.relay.store;

import java.nio.file.Paths;

/** Child process of {@link SqliteRelayStoreTest}: opens a store, says so, holds it until stdin closes. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (SqliteRelayStore store = SqliteRelayStore.open(Paths.get(args[0]))) {
      System.out.println(store.file() != null ? "locked" : "?");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin (or kill us)
      }
    }
  }
}
