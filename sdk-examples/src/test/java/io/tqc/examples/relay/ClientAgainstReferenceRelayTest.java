package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.AdvertisingBatch;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real client SDK against the real reference relay over loopback HTTP (issue 4's "a few against
 * the real reference relay"): token fetch, certify → 202, suspension pushed over SSE, reinstatement
 * with a new token, revocation.
 */
class ClientAgainstReferenceRelayTest {
  static final String ISSUER = "https://relay.client.test";
  static final Duration BOUND = Duration.ofSeconds(15);

  @TempDir
  Path data;

  RelayServer server;
  RelayHttp http;
  RelayHttp.Reseller reseller;
  TqcClient client;
  OkHttpClient okHttp;
  final List<CertificationToken> tokens = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER).build());
    http = new RelayHttp(server.url(), server.adminToken());
    reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(reseller.id).signingKey(reseller.key)
        .listener(new TqcEventListener() {
          @Override
          public void tokenRefreshed(CertificationToken token) {
            tokens.add(token);
          }
        }).build();
    okHttp = new OkHttpClient.Builder().addInterceptor(client.interceptor()).build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }

  /** A batch that also passes the advertising content rules, should the relay enforce them. */
  static byte[] body(String sender, int messages) {
    Batch.Builder batch = new Batch.Builder().senderNumber(sender).advertising(true)
        .advertiser("한빛베이커리", "02-1234-5678");
    for (int i = 0; i < messages; i++) {
      batch.addMessage(new BatchMessage(String.format("010-4000-%04d", i),
          "(광고)한빛베이커리 겨울 신메뉴 할인 문의 02-1234-5678 무료거부 080-123-4567", true));
    }
    return batch.build().toJsonBytes();
  }

  int sendThroughInterceptor() throws Exception {
    Request request = new Request.Builder().url(server.url() + "/v1/batches")
        .post(RequestBody.create(body(RelayHttp.SENDERS.get(0), 2), MediaType.get("application/json")))
        .tag(AdvertisingBatch.class, AdvertisingBatch.countingMessages())
        .build();
    try (Response response = okHttp.newCall(request).execute()) {
      return response.code();
    }
  }

  /** Waits until the client is ready and its listener has seen {@code count} tokens (listeners run just after). */
  void awaitReadyWithTokens(int count) throws Exception {
    client.awaitReady(BOUND);
    await().atMost(BOUND).until(() -> tokens.size() >= count);
  }

  @Test
  void tokenFetchedFromTheRelay_certifiedBatchIsAccepted() throws Exception {
    awaitReadyWithTokens(1);
    assertThat(tokens).hasSize(1);
    CertificationToken token = tokens.get(0);
    assertThat(token.claims().subject()).isEqualTo(reseller.id);
    assertThat(token.claims().issuer()).isEqualTo(ISSUER);
    assertThat(token.claims().keyThumbprint()).isEqualTo(reseller.key.verificationKey().thumbprint());

    byte[] body = body(RelayHttp.SENDERS.get(1), 3);
    CertifiedBatch certified = client.certify(body, 3);
    RelayHttp.Response accepted = http.batch(certified.token(), certified.proofHeader(), body);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.string("batch_id")).isEqualTo(certified.batchId());
    assertThat(server.relay().auditRecord(certified.batchId())).isNotNull();

    assertThat(sendThroughInterceptor()).isEqualTo(202);
    assertThat(tokens).hasSize(1);
  }

  @Test
  void suspension_clientRefusesWithinBound_reinstatement_newTokenAccepted() throws Exception {
    awaitReadyWithTokens(1);
    String firstJti = tokens.get(0).claims().tokenId();
    byte[] body = body(RelayHttp.SENDERS.get(0), 2);

    assertThat(http.suspend(reseller.id, "불법스팸 전송 확인").status()).isEqualTo(200);
    await().atMost(BOUND).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(body, 2)).isInstanceOf(CertificationSuspendedException.class));
    assertThatThrownBy(this::sendThroughInterceptor).isInstanceOf(CertificationSuspendedException.class)
        .satisfies(e -> assertThat(((TqcClientException) e).refusedBatch()).isNotNull());

    assertThat(http.reinstate(reseller.id).status()).isEqualTo(200);
    awaitReadyWithTokens(2);
    String newJti = tokens.get(tokens.size() - 1).claims().tokenId();
    assertThat(newJti).isNotEqualTo(firstJti);
    CertifiedBatch certified = client.certify(body, 2);
    assertThat(CertificationToken.decodeUnverified(certified.token()).claims().tokenId()).isEqualTo(newJti);
    assertThat(http.batch(certified.token(), certified.proofHeader(), body).status()).isEqualTo(202);
  }

  @Test
  void revocation_isFinalForTheClient() throws Exception {
    client.awaitReady(BOUND);
    assertThat(http.revoke(reseller.id).status()).isEqualTo(200);
    byte[] body = body(RelayHttp.SENDERS.get(0), 2);
    await().atMost(BOUND).pollInterval(Duration.ofMillis(5)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(body, 2)).isInstanceOf(CertificationRevokedException.class));
    assertThatThrownBy(() -> client.awaitReady(BOUND)).isInstanceOf(CertificationRevokedException.class);
    assertThat(http.reinstate(reseller.id).code()).isEqualTo("transition_not_allowed");
  }
}
