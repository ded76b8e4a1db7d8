package io.tqc.examples.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClient;
import io.tqc.examples.adapters.AgentOutbox.Campaign;
import io.tqc.examples.adapters.AgentOutbox.Status;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.Registration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The DB-agent outbox against the in-process reference relay and an SQLite {@code em_tran}. */
class AgentOutboxTest {
  static final String TEXT = "(광고)한빛베이커리 겨울 신메뉴 10% 할인 문의 02-1234-5678 무료거부 080-123-4567";
  static final Campaign WINTER = new Campaign("0212345678", "한빛베이커리", "02-1234-5678", TEXT,
      List.of("01030000001", "01030000002"));

  @TempDir Path data;
  final SigningKey key = SigningKey.generate();
  ResellerId id;
  RelayServer server;
  TqcClient client;
  SQLiteDataSource agentDb;

  @BeforeEach
  void start() throws Exception {
    id = ResellerId.parse("124-81-00998");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data.resolve("relay")).build());
    server.relay().registry().register(new Registration.Builder().id(id).name("(주)예시문자")
        .addKey(key.verificationKey()).senderNumbers(List.of("0212345678")).originCode("123456789").build(), "test");
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(id).signingKey(key)
        .statusPollInterval(Duration.ofMillis(100)).build();
    client.awaitReady(Duration.ofSeconds(15));
    agentDb = new SQLiteDataSource();
    agentDb.setUrl("jdbc:sqlite:" + data.resolve("agent.db"));
    try (Connection c = agentDb.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE em_tran (tran_pr INTEGER PRIMARY KEY AUTOINCREMENT, tran_phone VARCHAR(15) NOT NULL, "
          + "tran_callback VARCHAR(15), tran_status CHAR(1), tran_date DATETIME NOT NULL, tran_msg VARCHAR(255), "
          + "tran_type INT NOT NULL)");
    }
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void campaigns_areWrittenOnlyWhileCertified_andEveryOutcomeIsReported() throws Exception {
    AgentOutbox outbox = new AgentOutbox(client, agentDb);

    assertThat(outbox.put(WINTER).status()).isEqualTo(Status.WRITTEN);
    AgentOutbox.Outcome unmarked = outbox.put(new Campaign("0212345678", "한빛베이커리", "02-1234-5678",
        "한빛베이커리 겨울 신메뉴 10% 할인 문의 02-1234-5678", List.of("01030000003")));
    assertThat(unmarked.status()).isEqualTo(Status.NON_COMPLIANT);
    assertThat(unmarked.reason()).contains("ad_marker_missing");

    server.relay().registry().suspend(id, "불법스팸 전송 확인", "test");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.isReady() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    AgentOutbox.Outcome held = outbox.put(WINTER);
    assertThat(held.status()).isEqualTo(Status.HELD);
    assertThat(held.reason()).isEqualTo("certification_suspended");

    assertThat(count("SELECT COUNT(*) FROM em_tran")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM tqc_certified_row")).isEqualTo(2);
  }

  long count(String query) throws Exception {
    try (Connection c = agentDb.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
