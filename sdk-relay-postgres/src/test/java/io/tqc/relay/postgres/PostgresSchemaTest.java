package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.postgres.internal.Schema;
import io.tqc.relay.store.StoredSigningKey;
import io.tqc.relay.testing.ResellerIds;
import io.tqc.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  final Instant now = Instant.parse("2026-11-28T03:00:00Z");
  HikariDataSource pool;

  @BeforeEach
  void database() {
    pool = Pg.newDatabase(PG, 8);
  }

  @AfterEach
  void close() {
    pool.close();
  }

  Reseller reseller() {
    return new Reseller.Builder().id(ResellerIds.random()).name("R").keys(List.of(SigningKey.generate()
        .verificationKey())).senderNumbers(List.of("0212345678")).originCode("123456789").certificationId("cert-1")
        .certificationExpiresAt(now.plusSeconds(86400)).statusListIndex(0).status(CertificationStatus.ACTIVE)
        .sequence(1).registeredAt(now).build();
  }

  @Test
  void migrations_areIdempotent_andRefuseANewerSchema() throws Exception {
    new PostgresRelayStore.Builder().dataSource(pool).nodeId("n1").open();
    new PostgresRelayStore.Builder().dataSource(pool).nodeId("n2").open();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*), max(version), min(node_id) FROM tqc_schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
        assertThat(rs.getString(3)).isEqualTo("n1");
      }
      s.execute("INSERT INTO tqc_schema_version (version, node_id) VALUES (" + (Schema.VERSION + 1) + ", 'future')");
    }
    assertThatThrownBy(() -> new PostgresRelayStore.Builder().dataSource(pool).nodeId("n1").open())
        .isInstanceOf(IOException.class).hasMessageContaining("newer than this library");
  }

  @Test
  void nodesStartingTogether_migrateOnce() throws Exception {
    ExecutorService pool4 = Executors.newFixedThreadPool(4);
    try {
      List<Future<PostgresRelayStore>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String node = "n" + i;
        starts.add(pool4.submit(() -> new PostgresRelayStore.Builder().dataSource(pool).nodeId(node).open()));
      }
      for (Future<PostgresRelayStore> start : starts) {
        assertThat(start.get()).isNotNull();
      }
    } finally {
      pool4.shutdownNow();
    }
  }

  @Test
  void auditAndHistory_areAppendOnly_andNameTheNode() throws Exception {
    PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId("node-7").open();
    Reseller r = reseller();
    store.insertReseller(r, new HistoryEntry(r.id(), 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
        null, "op", now));
    store.recordAccepted(List.of(new AuditRecord.Builder().batchId("b-1").resellerId(r.id())
        .certificationId(r.certificationId()).originCode("123456789").tokenId("tokenidtokenidtokenid1")
        .proof("h.p.s").bodyDigest("d").messageCount(1).acceptedAt(now).build()));
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT node_id FROM tqc_accepted_batches WHERE batch_id = 'b-1'")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("node-7");
      }
      for (String sql : List.of("UPDATE tqc_accepted_batches SET message_count = 9",
          "DELETE FROM tqc_accepted_batches", "TRUNCATE tqc_accepted_batches", "UPDATE tqc_history SET actor = 'x'",
          "DELETE FROM tqc_history", "TRUNCATE tqc_history CASCADE")) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
            .hasMessageContaining("append-only");
      }
    }
    assertThat(store.findAccepted("b-1").messageCount()).isEqualTo(1);
  }

  @Test
  void signingKeys_areSealedAtRest_andAWrongKekIsNamed() throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    PostgresSigningKeyStore keys = PostgresSigningKeyStore.open(pool, kek, "n1");
    SigningKey key = SigningKey.generate();
    keys.save(List.of(new StoredSigningKey(key, now, null, null)));
    assertThat(keys.load()).extracting(k -> k.key().keyId()).containsExactly(key.keyId());
    String privateMember = "\"d\":";
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sealed FROM tqc_signing_keys")) {
      rs.next();
      String raw = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
      assertThat(raw).doesNotContain(privateMember).doesNotContain(key.keyId());
    }
    // Control: the plaintext encoding does hold the private member, so the check above can fail.
    assertThat(new String(StoredSigningKey.encodeAll(keys.load()), StandardCharsets.UTF_8)).contains(privateMember);
    KeyEncryptionKey other = KeyEncryptionKey.generate();
    assertThatThrownBy(() -> PostgresSigningKeyStore.open(pool, other, "n2").load())
        .isInstanceOf(IOException.class).hasMessageContaining(kek.id()).hasMessageContaining(other.id());
    assertThat(kek.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(new byte[0]) + "=");
  }

  @Test
  void concurrentKeyChanges_fromTwoNodes_serialize_andLoseNothing() throws Exception {
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    PostgresSigningKeyStore a = PostgresSigningKeyStore.open(pool, kek, "a");
    PostgresSigningKeyStore b = PostgresSigningKeyStore.open(pool, kek, "b");
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> adds = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        PostgresSigningKeyStore store = i % 2 == 0 ? a : b;
        adds.add(two.submit(() -> store.update(current -> {
          List<StoredSigningKey> next = new ArrayList<>(current);
          next.add(new StoredSigningKey(SigningKey.generate(), now, now, now.plusSeconds(60)));
          return next;
        })));
      }
      for (Future<?> add : adds) {
        add.get();
      }
    } finally {
      two.shutdownNow();
    }
    assertThat(a.load()).hasSize(10);
  }
}
