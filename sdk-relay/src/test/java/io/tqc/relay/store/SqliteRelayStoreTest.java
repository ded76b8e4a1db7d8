package io.tqc.relay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.testing.ResellerIds;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRelayStoreTest {
  @TempDir
  Path dir;

  final Instant now = Instant.parse("2026-11-28T03:00:00Z");

  Reseller reseller(int index) {
    return new Reseller.Builder().id(ResellerIds.random()).name("Reseller " + index)
        .keys(List.of(SigningKey.generate().verificationKey())).senderNumbers(List.of("0212345678"))
        .originCode("123456789").certificationId("cert-" + index).certificationExpiresAt(now.plusSeconds(86400))
        .statusListIndex(index).status(CertificationStatus.ACTIVE).sequence(1).registeredAt(now).build();
  }

  static HistoryEntry registered(Reseller r, Instant at) {
    return new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE, null, "op", at);
  }

  AuditRecord audit(Reseller r, String batchId, Instant at) {
    return new AuditRecord.Builder().batchId(batchId).resellerId(r.id()).certificationId(r.certificationId())
        .originCode(r.originCode()).tokenId("tokenidtokenidtokenid1").proof("h.p.s").bodyDigest("digest")
        .messageCount(3).acceptedAt(at).build();
  }

  @Test
  void reopen_returnsEveryCommittedChange() throws Exception {
    Reseller r = reseller(0);
    Reseller suspended = r.newBuilder().status(CertificationStatus.SUSPENDED).statusReason("spam").sequence(2).build();
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      store.insertReseller(r, registered(r, now));
      store.recordAccepted(List.of(audit(r, "batch-1", now.plusMillis(1500)), audit(r, "batch-2", now.plusSeconds(2))));
      store.updateReseller(suspended, new HistoryEntry(r.id(), 2, HistoryEntry.Kind.SUSPENDED,
          CertificationStatus.SUSPENDED, "spam", "kim", now.plusSeconds(5)));
    }
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      List<Reseller> loaded = store.loadResellers();
      assertThat(loaded).hasSize(1);
      Reseller back = loaded.get(0);
      assertThat(back.status()).isEqualTo(CertificationStatus.SUSPENDED);
      assertThat(back.sequence()).isEqualTo(2);
      assertThat(back.statusReason()).isEqualTo("spam");
      assertThat(back.keys()).isEqualTo(r.keys());
      assertThat(back.senderNumbers()).isEqualTo(r.senderNumbers());
      assertThat(back.certificationExpiresAt()).isEqualTo(r.certificationExpiresAt());
      assertThat(store.history(r.id())).extracting(HistoryEntry::actor).containsExactly("op", "kim");
      assertThat(store.findAccepted("batch-1").acceptedAt()).isEqualTo(now.plusMillis(1500));
      assertThat(store.acceptedSince(now.plusSeconds(2), 10)).extracting(AuditRecord::batchId)
          .containsExactly("batch-2");
    }
  }

  @Test
  void database_isWalWithFullSync() throws Exception {
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      assertThat(store.pragma("synchronous")).isEqualTo("2"); // FULL
      assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
      Reseller r = reseller(0);
      store.insertReseller(r, registered(r, now));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void historyAndAudit_areAppendOnly() throws Exception {
    Reseller r = reseller(0);
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      store.insertReseller(r, registered(r, now));
      store.recordAccepted(List.of(audit(r, "batch-1", now)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("relay.db"));
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE history SET actor = 'mallory'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM accepted_batches"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }
  }

  @Test
  void staleSequence_isRefused() throws Exception {
    Reseller r = reseller(0);
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      store.insertReseller(r, registered(r, now));
      Reseller same = r.newBuilder().status(CertificationStatus.SUSPENDED).build();
      assertThatThrownBy(() -> store.updateReseller(same, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.SUSPENDED,
          CertificationStatus.SUSPENDED, null, "kim", now))).isInstanceOf(StoreConflictException.class);
      assertThat(store.loadResellers().get(0).status()).isEqualTo(CertificationStatus.ACTIVE);
    }
  }

  @Test
  void duplicateBatch_isReportedAlone_andTheRestOfTheGroupIsRecorded() throws Exception {
    Reseller r = reseller(0);
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      store.insertReseller(r, registered(r, now));
      store.recordAccepted(List.of(audit(r, "batch-1", now)));
      assertThat(store.recordAccepted(List.of(audit(r, "batch-2", now), audit(r, "batch-1", now))))
          .containsExactly(AuditOutcome.RECORDED, AuditOutcome.DUPLICATE);
      assertThat(store.findAccepted("batch-2")).isNotNull();
    }
  }

  @Test
  void uniqueCertificationAndIndex_areEnforced() throws Exception {
    Reseller a = reseller(0);
    Reseller b = reseller(0);
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      store.insertReseller(a, registered(a, now));
      assertThatThrownBy(() -> store.insertReseller(b, registered(b, now))).isInstanceOf(IOException.class);
      assertThat(store.loadResellers()).hasSize(1);
      assertThat(store.history(b.id())).isEmpty();
    }
  }

  @Test
  void storeHeldByAnotherProcess_refusesToOpen_namingItsPid_andIsFreeOnceThatProcessDies() throws Exception {
    Path db = dir.resolve("relay.db");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        LockHolderMain.class.getName(), db.toString()).redirectErrorStream(true).start();
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String line;
      do { // the JVM may print notes of its own first (JAVA_TOOL_OPTIONS, ...)
        line = out.readLine();
      } while (line != null && !line.equals("locked"));
      assertThat(line).as("the child holds the lock").isEqualTo("locked");
      assertThatThrownBy(() -> SqliteRelayStore.open(db)).isInstanceOf(DirectoryLockedException.class)
          .hasMessageContaining("pid " + child.pid()).hasMessageContaining(dir.toString());
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    // The OS released the dead holder's lock: no stale lock file blocks a restart.
    try (SqliteRelayStore store = SqliteRelayStore.open(db)) {
      assertThat(store.loadResellers()).isEmpty();
    }
  }
}
