package io.tqc.adapters.jdbc;

import static io.tqc.adapters.Fixtures.AD;
import static io.tqc.adapters.Fixtures.CONTACT;
import static io.tqc.adapters.Fixtures.NAME;
import static io.tqc.adapters.Fixtures.TO_1;
import static io.tqc.adapters.Fixtures.TO_2;
import static io.tqc.adapters.Fixtures.UNMARKED_AD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.adapters.Fixtures;
import io.tqc.adapters.ProviderException;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class AgentTableWriterTest {
  @TempDir Path dir;
  StubRelay relay;
  TqcClient tqc;
  SQLiteDataSource db;

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    tqc = relay.client();
    db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + dir.resolve("agent.db"));
    sql("CREATE TABLE em_tran (tran_pr INTEGER PRIMARY KEY AUTOINCREMENT, tran_phone VARCHAR(15) NOT NULL, "
        + "tran_callback VARCHAR(15), tran_status CHAR(1), tran_date DATETIME NOT NULL, tran_msg VARCHAR(255), "
        + "tran_type INT NOT NULL)");
    sql("CREATE TABLE KV_MSG (MSG_SEQ INTEGER PRIMARY KEY AUTOINCREMENT, PHONE VARCHAR(20) NOT NULL, "
        + "CALLBACK VARCHAR(20) NOT NULL, MSG VARCHAR(2000) NOT NULL, REQ_DATE DATETIME, KISA_ORIGCODE VARCHAR(9), "
        + "STATUS CHAR(1) NOT NULL)");
  }

  @AfterEach
  void stop() {
    tqc.close();
    relay.close();
  }

  AgentTableWriter writer(AgentTable table) throws Exception {
    AgentTableWriter w = new AgentTableWriter.Builder().tqc(tqc).dataSource(db).table(table).build();
    w.createEvidenceTables();
    return w;
  }

  static AgentBatch.Builder ad(String text) {
    return new AgentBatch.Builder().sender(StubRelay.SENDER).advertiser(NAME, CONTACT)
        .addMessage(TO_1, text).addMessage(TO_2, text).nightConsent(TO_1).nightConsent(TO_2);
  }

  @Test
  void certifiedBatch_writesReadyEmTranRows_andKeepsTokenAndProofBesideThemByRowId() throws Exception {
    AgentReceipt receipt = writer(AgentTable.daouEmTran()).write(ad(AD).build());

    assertThat(rows("SELECT tran_phone, tran_callback, tran_status, tran_type, tran_msg FROM em_tran ORDER BY tran_pr"))
        .containsExactly(TO_1 + "|0212345678|1|4|" + AD, TO_2 + "|0212345678|1|4|" + AD);
    assertThat(receipt.rowIds()).containsExactly("1", "2");
    assertThat(rows("SELECT row_id, batch_id FROM tqc_certified_row WHERE agent_table = 'em_tran' ORDER BY row_id"))
        .containsExactly("1|" + receipt.certification().batchId(), "2|" + receipt.certification().batchId());
    // The stored evidence verifies on its own, as a relay or an auditor would check it.
    List<String> evidence = rows("SELECT token, proof, batch_json, message_count FROM tqc_certified_batch");
    assertThat(evidence).hasSize(1);
    String[] e = evidence.get(0).split("\\|", 4);
    assertThat(relay.verifier().verify(e[0], e[1], e[2].getBytes(StandardCharsets.UTF_8), Integer.parseInt(e[3]),
        java.time.Instant.now()).batchId()).isEqualTo(receipt.certification().batchId());
  }

  @Test
  void originCodeColumn_getsTheCertificationsCode() throws Exception {
    AgentTable kvMsg = new AgentTable.Builder("KV_MSG").idColumn("MSG_SEQ").recipientColumn("PHONE")
        .senderColumn("CALLBACK").textColumn("MSG").sendTimeColumn("REQ_DATE").originCodeColumn("KISA_ORIGCODE")
        .constant("STATUS", "0").build();

    writer(kvMsg).write(ad(AD).build());

    assertThat(rows("SELECT PHONE, KISA_ORIGCODE, STATUS FROM KV_MSG ORDER BY MSG_SEQ"))
        .containsExactly(TO_1 + "|123456789|0", TO_2 + "|123456789|0");
  }

  static final String MMS_TEXT = "봄맞이 사진 할인 안내 문의 02-1234-5678 무료거부 080-123-4567";
  static final io.tqc.api.batch.BatchImage PHOTO =
      io.tqc.api.batch.BatchImage.ofContent("spring photo".getBytes(StandardCharsets.UTF_8));

  AgentTable mmsTable() throws Exception {
    sql("CREATE TABLE MMS_MSG (MSG_SEQ INTEGER PRIMARY KEY AUTOINCREMENT, PHONE VARCHAR(20) NOT NULL, "
        + "CALLBACK VARCHAR(20) NOT NULL, SUBJECT VARCHAR(40), MSG VARCHAR(2000) NOT NULL, KISA_ORIGCODE VARCHAR(9), "
        + "FILE_PATH1 VARCHAR(255), FILE_PATH2 VARCHAR(255), MSG_TYPE VARCHAR(3) NOT NULL)");
    return new AgentTable.Builder("MMS_MSG").idColumn("MSG_SEQ").recipientColumn("PHONE").senderColumn("CALLBACK")
        .textColumn("MSG").originCodeColumn("KISA_ORIGCODE").subjectColumn("SUBJECT")
        .imageColumns("FILE_PATH1", "FILE_PATH2").constant("MSG_TYPE", "MMS").build();
  }

  @Test
  void mmsBatch_writesSubjectAndImageReferences_andTheEvidenceBindsTheImageDigests() throws Exception {
    AgentReceipt receipt = writer(mmsTable()).write(new AgentBatch.Builder().sender(StubRelay.SENDER)
        .advertiser(NAME, CONTACT).subject("(광고)봄빛마트 봄 세일").addImage("/spool/mms/spring.jpg", PHOTO)
        .addMessage(TO_1, MMS_TEXT).nightConsent(TO_1).build());

    assertThat(rows("SELECT PHONE, SUBJECT, KISA_ORIGCODE, FILE_PATH1, FILE_PATH2, MSG_TYPE FROM MMS_MSG"))
        .containsExactly(TO_1 + "|(광고)봄빛마트 봄 세일|123456789|/spool/mms/spring.jpg|null|MMS");
    String evidence = rows("SELECT batch_json FROM tqc_certified_batch").get(0);
    assertThat(evidence).contains("\"type\":\"MMS\"").contains(PHOTO.sha256());
    assertThat(receipt.certification().messageClasses()).containsExactly(io.tqc.api.compliance.MessageClass.MMS);
  }

  @Test
  void mmsBatch_thatTheTableCannotHold_isRefusedBeforeAnythingIsCertifiedOrWritten() throws Exception {
    AgentTableWriter w = writer(mmsTable().newBuilder().imageColumns("FILE_PATH1").build());
    AgentBatch two = new AgentBatch.Builder().sender(StubRelay.SENDER).advertiser(NAME, CONTACT)
        .subject("(광고)봄빛마트").addImage("/a.jpg", PHOTO).addImage("/b.jpg", PHOTO).addMessage(TO_1, MMS_TEXT)
        .nightConsent(TO_1).build();

    assertThatThrownBy(() -> w.write(two)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 images").hasMessageContaining("1 image columns");
    assertThatThrownBy(() -> writer(AgentTable.daouEmTran()).write(two)).hasMessageContaining("no subject column");
    assertThat(rows("SELECT MSG_SEQ FROM MMS_MSG")).isEmpty();
  }

  @Test
  void refusedBatches_writeNoRow_whileANonAdvertisingNoticeStillDoes() throws Exception {
    AgentTableWriter writer = writer(AgentTable.daouEmTran());
    assertThatThrownBy(() -> writer.write(ad(UNMARKED_AD).build())).isInstanceOf(NonCompliantBatchException.class);

    relay.status(CertificationStatus.SUSPENDED);
    Fixtures.awaitNotReady(tqc);
    assertThatThrownBy(() -> writer.write(ad(AD).build())).isInstanceOf(CertificationSuspendedException.class);
    assertThat(rows("SELECT tran_pr FROM em_tran")).isEmpty();
    assertThat(rows("SELECT batch_id FROM tqc_certified_batch")).isEmpty();

    // Control: the writer and the table work; the gate is what kept the advertisements out.
    writer.write(new AgentBatch.Builder().sender(StubRelay.SENDER).addMessage(TO_1, Fixtures.NOTICE)
        .advertising(false).build());
    assertThat(rows("SELECT tran_phone FROM em_tran")).containsExactly(TO_1);
  }

  @Test
  void aFailingInsert_rollsBackTheWholeBatch_andSaysNothingWasWritten() throws Exception {
    AgentTableWriter writer = writer(AgentTable.daouEmTran());
    sql("CREATE TRIGGER refuse_second BEFORE INSERT ON em_tran WHEN NEW.tran_phone = '" + TO_2 + "' "
        + "BEGIN SELECT RAISE(ABORT, 'disk full'); END");

    assertThatThrownBy(() -> writer.write(ad(AD).build())).isInstanceOfSatisfying(ProviderException.class, e -> {
      assertThat(e.outcome()).isEqualTo(ProviderException.Outcome.RETRY_LATER);
      assertThat(e.certification()).isNotNull();
    });
    assertThat(rows("SELECT tran_pr FROM em_tran")).isEmpty();
    assertThat(rows("SELECT batch_id FROM tqc_certified_batch")).isEmpty();
    assertThat(rows("SELECT row_id FROM tqc_certified_row")).isEmpty();
  }

  @Test
  void tableAndColumnNames_mustBePlainIdentifiers() {
    assertThatThrownBy(() -> new AgentTable.Builder("em_tran; DROP TABLE x").idColumn("id").recipientColumn("a")
        .senderColumn("b").textColumn("c").build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table");
  }

  void sql(String statement) throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  List<String> rows(String query) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
