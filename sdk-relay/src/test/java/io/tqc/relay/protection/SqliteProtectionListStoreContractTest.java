package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite keeps the list-store contract across a close and reopen of its file (a second handle is a
 * second connection on the file), migrates the sender-number file of earlier releases in place and
 * keeps its history append-only.
 */
class SqliteProtectionListStoreContractTest extends ProtectionListStoreContract {
  @TempDir
  Path dir;

  @Override
  protected ProtectionListStore openEmpty() throws Exception {
    return SqliteProtectionListStore.open(dir.resolve(SqliteProtectionListStore.FILE));
  }

  @Override
  protected ProtectionListStore reopen(ProtectionListStore store) throws Exception {
    store.close();
    return SqliteProtectionListStore.open(dir.resolve(SqliteProtectionListStore.FILE));
  }

  @Override
  protected ProtectionListStore another(ProtectionListStore store) throws Exception {
    return SqliteProtectionListStore.open(dir.resolve(SqliteProtectionListStore.FILE));
  }

  /** The layout of the sender-number file as the previous release wrote it. */
  static void writeLegacyFile(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE sender_list_numbers (state TEXT NOT NULL, digits TEXT NOT NULL,"
          + " PRIMARY KEY (state, digits))");
      st.execute("CREATE TABLE sender_list_imports (seq INTEGER PRIMARY KEY AUTOINCREMENT, state TEXT NOT NULL,"
          + " version TEXT NOT NULL, published_at INTEGER NOT NULL, imported_at INTEGER NOT NULL,"
          + " imported INTEGER NOT NULL, refused INTEGER NOT NULL)");
      st.execute("CREATE TRIGGER sender_list_imports_no_delete BEFORE DELETE ON sender_list_imports"
          + " BEGIN SELECT RAISE(ABORT, 'sender-number list history is append-only'); END");
      long at = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
      st.execute("INSERT INTO sender_list_imports (state, version, published_at, imported_at, imported, refused)"
          + " VALUES ('STOLEN', 'k1', " + at + ", " + at + ", 1, 0)");
      st.execute("INSERT INTO sender_list_imports (state, version, published_at, imported_at, imported, refused)"
          + " VALUES ('TERMINATED', 't1', " + at + ", " + at + ", 2, 1)");
      st.execute("INSERT INTO sender_list_imports (state, version, published_at, imported_at, imported, refused)"
          + " VALUES ('STOLEN', 'k2', " + at + ", " + at + ", 1, 0)");
      st.execute("INSERT INTO sender_list_numbers VALUES ('STOLEN', '15881234'), ('TERMINATED', '0212345678'),"
          + " ('TERMINATED', '0311112222')");
    }
  }

  @Test
  void anEarlierReleasesSenderListFile_isMigratedInPlace_keepingItsListsAndHistory() throws Exception {
    store.close();
    Path file = dir.resolve("legacy-" + SqliteProtectionListStore.FILE);
    writeLegacyFile(file);
    store = SqliteProtectionListStore.open(file);
    assertThat(store.history()).extracting(ListVersion::kind, ListVersion::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ListKind.STOLEN, "k1"),
        org.assertj.core.groups.Tuple.tuple(ListKind.TERMINATED, "t1"),
        org.assertj.core.groups.Tuple.tuple(ListKind.STOLEN, "k2"));
    assertThat(store.current()).extracting(ListVersion::version).containsExactly("t1", "k2");
    assertThat(entries(store, store.current().get(0))).containsExactlyInAnyOrder("0212345678", "0311112222");
    assertThat(entries(store, store.current().get(1))).containsExactly("15881234");
    assertThat(store.current().get(0).refused()).isEqualTo(1);
    // The blocklist now joins the sender lists in the same file, and the next seq follows the old ones.
    ListVersion blocklist = store.put(draft(ListKind.URL_BLOCKLIST, "feed-1", 0), Arrays.asList("evil.example"));
    assertThat(blocklist.seq()).isEqualTo(4);
    store.close();
    store = SqliteProtectionListStore.open(file);
    assertThat(store.history()).hasSize(4);
    try (SenderNumberLists lists = SenderNumberLists.open(file)) {
      assertThat(lists.check("15881234").state()).isEqualTo(SenderNumberStatus.State.STOLEN);
      assertThat(lists.check("15881234").listVersion()).isEqualTo("k2");
      assertThat(lists.check("0311112222").state()).isEqualTo(SenderNumberStatus.State.TERMINATED);
    }
  }

  @Test
  void history_refusesUpdateAndDelete_andANewerLayoutIsRefused() throws Exception {
    store.put(draft(ListKind.STOLEN, "k1", 0), Arrays.asList("0212345678"));
    Path file = dir.resolve(SqliteProtectionListStore.FILE);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM protection_list_versions")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> st.execute("UPDATE protection_list_versions SET version = 'x'"))
          .hasMessageContaining("append-only");
    }
    store.close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = " + (SqliteProtectionListStore.LAYOUT + 1));
    }
    assertThatThrownBy(() -> SqliteProtectionListStore.open(file)).isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("newer than this library");
    store = new InMemoryProtectionListStore();
  }
}
