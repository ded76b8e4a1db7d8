package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.RecipientOptedOutException;
import io.tqc.client.SuppressionList;
import io.tqc.client.TqcClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TqcClient#checkSuppressions} against the reference relay with recipient protection on:
 * the client refuses what the relay's answer marks as opted out, and an opt-out made after the
 * check is refused by the relay itself.
 */
class ClientSuppressionCheckTest {
  static final String ISSUER = "https://relay.suppression-client.test";
  static final byte[] SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path data;
  RelayProtection protection;
  RelayServer server;
  RelayHttp http;
  TqcClient client;

  @BeforeEach
  void start() throws Exception {
    protection = RelayProtection.open(data, SECRET, "provider-080-credential-4567");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .protection(protection).build());
    http = new RelayHttp(server.url(), server.adminToken());
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(reseller.id).signingKey(reseller.key).build();
    client.awaitReady(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    protection.close();
  }

  static Batch batch(List<String> recipients) {
    Batch.Builder b = RelayHttp.advertising(RelayHttp.SENDERS.get(0));
    for (int i = 0; i < recipients.size(); i++) {
      b.addMessage(new BatchMessage(recipients.get(i), RelayHttp.compliantText(i), true));
    }
    return b.build();
  }

  RelayHttp.Response send(CertifiedBatch certified) throws Exception {
    return http.batch(certified.token(), certified.proofHeader(), certified.body());
  }

  @Test
  void checkedSuppressions_refuseBeforeTheNetwork_andALaterOptOutIsRefusedByTheRelay() throws Exception {
    assertThat(http.admin("/v1/admin/suppressions", Map.of("advertiser", RelayHttp.ADVERTISER,
        "numbers", List.of("01077770001", "01077770003"), "source", "080_ars")).status()).isEqualTo(200);
    List<String> campaign = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      campaign.add(String.format("010-7777-%04d", i));
    }

    SuppressionList list = client.checkSuppressions(RelayHttp.ADVERTISER, campaign);

    assertThat(list.suppressed()).containsExactly("01077770001", "01077770003");
    assertThatThrownBy(() -> client.certify(batch(campaign), list))
        .isInstanceOfSatisfying(RecipientOptedOutException.class,
            e -> assertThat(e.messageIndices()).containsExactly(1, 3));
    // Control: certified without the list, the same batch is refused by the relay for the same messages.
    RelayHttp.Response refused = send(client.certify(batch(campaign)));
    assertProblem(refused, ReasonCode.RECIPIENT_OPTED_OUT);
    assertThat(refused.body()).contains("\"index\":1").contains("\"index\":3");

    // The campaign without the suppressed recipients passes the pre-flight and the relay...
    List<String> kept = List.of(campaign.get(0), campaign.get(2), campaign.get(4));
    assertThat(send(client.certify(batch(kept), list)).status()).isEqualTo(202);
    // ...but an opt-out made after the check is not in the list: the relay refuses it.
    assertThat(http.admin("/v1/admin/suppressions", Map.of("advertiser", RelayHttp.ADVERTISER,
        "number", "01077770004", "source", "manual")).status()).isEqualTo(200);
    RelayHttp.Response late = send(client.certify(batch(kept), list));
    assertProblem(late, ReasonCode.RECIPIENT_OPTED_OUT);
    assertThat(late.body()).contains("\"index\":2");
  }
}
