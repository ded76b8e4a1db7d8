package io.tqc.examples.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tqc.api.batch.Batch;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClient;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.examples.sender.BatchOutcome.Status;
import io.tqc.relay.Registration;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk sender example against an in-process reference relay. */
class BulkSenderTest {
  static final String TEXT = "(광고)한빛베이커리\n겨울 신메뉴 10% 할인\n문의 02-1234-5678\n무료거부 080-123-4567";
  static final Campaign BAKERY = new Campaign("0212345678", "한빛베이커리", "02-1234-5678", TEXT, 3);

  @TempDir
  Path data;

  final SigningKey key = SigningKey.generate();
  ResellerId id;
  RelayServer server;
  TqcClient client;
  BulkSender sender;

  @BeforeEach
  void start() throws Exception {
    id = ResellerId.parse("124-81-00998");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).build());
    server.relay().registry().register(new Registration.Builder().id(id).name("(주)예시문자")
        .addKey(key.verificationKey()).senderNumbers(List.of("0212345678", "15881234")).originCode("123456789")
        .build(), "test");
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(id).signingKey(key).build();
    client.awaitReady(Duration.ofSeconds(15));
    sender = new BulkSender.Builder().client(client).batchEndpoint(server.url() + "/v1/batches")
        .retry(2, Duration.ofMillis(50)).readyTimeout(Duration.ofSeconds(1)).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  static List<Recipient> recipients(int n) {
    List<Recipient> recipients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      recipients.add(new Recipient(String.format("010-3000-%04d", i), true));
    }
    return recipients;
  }

  @Test
  void csvRecipients_areSentInBatches_allAccepted() throws Exception {
    List<Recipient> recipients = RecipientCsv.read(new StringReader(
        "to,night_consent\n010-3000-0001,true\n010-3000-0002,true\n010-3000-0003,true\n"
            + "010-3000-0004,true\n010-3000-0005,true\n010-3000-0006,true\n010-3000-0007,true\n"));

    SendReport report = sender.send(BAKERY, recipients);

    assertThat(report.outcomes()).hasSize(3).allMatch(o -> o.status() == Status.ACCEPTED);
    assertThat(report.outcomes()).extracting(BatchOutcome::messageCount).containsExactly(3, 3, 1);
    assertThat(report.stoppedBy()).isNull();
    for (BatchOutcome outcome : report.outcomes()) {
      assertThat(server.relay().auditRecord(outcome.batchId())).isNotNull();
    }
    assertThat(server.relay().stats().acceptedBatches()).isEqualTo(3);
  }

  @Test
  void suspendedCertification_defersEveryBatch_withItsBytes_andSendsNothing() throws Exception {
    server.relay().registry().suspend(id, "불법스팸 전송 확인", "kim");
    await().atMost(Duration.ofSeconds(15)).until(() -> !client.isReady());

    SendReport report = sender.send(BAKERY, recipients(7));

    assertThat(report.stoppedBy()).isEqualTo("certification_suspended");
    assertThat(report.outcomes()).hasSize(3).allMatch(o -> o.status() == Status.DEFERRED);
    assertThat(report.outcomes()).allMatch(o -> "certification_suspended".equals(o.code()));
    int kept = 0;
    for (BatchOutcome outcome : report.outcomes()) {
      kept += Batch.parse(outcome.body(), 100).messageCount();
    }
    assertThat(kept).isEqualTo(7);
    assertThat(server.relay().stats().acceptedBatches()).isZero();
  }

  @Test
  void nonCompliantBatch_isRefusedBeforeSending_othersGoOn() throws Exception {
    List<Recipient> recipients = new ArrayList<>(recipients(6));
    recipients.set(4, new Recipient("02-555-1234", true)); // a landline cannot receive advertising texts

    SendReport report = sender.send(BAKERY, recipients);

    assertThat(report.outcomes()).extracting(BatchOutcome::status).containsExactly(Status.ACCEPTED, Status.REFUSED);
    assertThat(report.outcomes().get(1).code()).isEqualTo("recipient_number_invalid");
    assertThat(server.relay().stats().acceptedBatches()).isEqualTo(1);
  }

  @Test
  void relayRefusal_refusesThatBatch_andTheRunGoesOn() throws Exception {
    Campaign unregistered = new Campaign("0311234567", "한빛베이커리", "02-1234-5678", TEXT, 2);

    SendReport report = sender.send(unregistered, recipients(3));

    assertThat(report.outcomes()).hasSize(2).allMatch(o -> o.status() == Status.REFUSED);
    assertThat(report.outcomes()).allMatch(o -> "sender_number_not_registered".equals(o.code()));
    assertThat(report.stoppedBy()).isNull();
  }

  @Test
  void revokedCertification_stopsTheRun() throws Exception {
    server.relay().registry().revoke(id, "취소", "kim");
    await().atMost(Duration.ofSeconds(15)).until(() -> !client.isReady());

    SendReport report = sender.send(BAKERY, recipients(4));

    assertThat(report.stoppedBy()).isEqualTo("certification_revoked");
    assertThat(report.with(Status.DEFERRED)).hasSize(2);
  }
}
