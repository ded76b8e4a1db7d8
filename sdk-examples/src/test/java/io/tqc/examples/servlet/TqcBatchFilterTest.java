package io.tqc.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay library as a servlet filter on plain Jetty: valid batches reach the servlet, others get problem+json. */
class TqcBatchFilterTest {
  static final String ISSUER = "https://relay.servlet.test";

  @TempDir
  Path data;

  final ResellerId id = resellerId();
  final SigningKey key = SigningKey.generate();
  final BlockingQueue<QueueingBatchServlet.Queued> delivery = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  Relay relay;
  EmbeddedJettyRelay jetty;
  CertificationToken token;

  static ResellerId resellerId() {
    try {
      return ResellerId.parse("124-81-00998");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).dataDirectory(data).build());
    relay.registry().register(new Registration.Builder().id(id).name("(주)예시문자").addKey(key.verificationKey())
        .senderNumbers(List.of("0212345678")).originCode("123456789").build(), "test");
    token = relay.issueToken(id.value(), ClientAssertion.create(key, id, ISSUER, Instant.now(), Duration.ofMinutes(1)))
        .token();
    jetty = EmbeddedJettyRelay.start(relay, 0, new QueueingBatchServlet(delivery));
  }

  @AfterEach
  void stop() throws Exception {
    jetty.close();
    relay.close();
  }

  static byte[] body() {
    return new Batch.Builder().senderNumber("0212345678").advertising(true).advertiser("한빛베이커리", "02-1234-5678")
        .addMessage(new BatchMessage("010-2000-0001", "(광고)한빛베이커리 10% 할인 문의 02-1234-5678 무료거부 080-123-4567", true))
        .build().toJsonBytes();
  }

  HttpResponse<String> post(byte[] body, String authorization, String proof) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(jetty.batchEndpoint())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (proof != null) {
      request.header("TQC-Proof", proof);
    }
    return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  BatchProof proof(byte[] body) {
    return new BatchProofSigner(key, ISSUER).sign(token.digest(), body, 1, Instant.now());
  }

  static JsonObject json(String text) throws Exception {
    return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validBatch_isVerifiedRecordedAndReachesTheServletWithItsBody() throws Exception {
    byte[] body = body();
    BatchProof proof = proof(body);

    HttpResponse<String> response = post(body, "TQC " + token.compact(), proof.compact());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response.body()).string("batch_id")).isEqualTo(proof.batchId());
    QueueingBatchServlet.Queued queued = delivery.poll();
    assertThat(queued).isNotNull();
    assertThat(queued.body()).isEqualTo(body);
    assertThat(queued.originCode()).isEqualTo("123456789");
    assertThat(relay.auditRecord(proof.batchId())).isNotNull();
  }

  @Test
  void tamperedBatch_isRefusedWithProblemJson_andNeverReachesTheServlet() throws Exception {
    byte[] body = body();
    BatchProof proof = proof(body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("10%", "90%").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(tampered, "TQC " + token.compact(), proof.compact());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("TQC error=\"batch_digest_mismatch\"");
    JsonObject problem = json(response.body());
    assertThat(problem.string("code")).isEqualTo("batch_digest_mismatch");
    assertThat(problem.string("type")).isEqualTo("urn:tqc:error:batch_digest_mismatch");
    assertThat(problem.integer("status", 100, 599)).isEqualTo(401);
    assertThat(delivery).isEmpty();
    assertThat(relay.stats().acceptedBatches()).isZero();
  }

  @Test
  void replayedBatch_isRefusedWith409() throws Exception {
    byte[] body = body();
    BatchProof proof = proof(body);
    assertThat(post(body, "TQC " + token.compact(), proof.compact()).statusCode()).isEqualTo(202);

    HttpResponse<String> again = post(body, "TQC " + token.compact(), proof.compact());

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again.body()).string("code")).isEqualTo("batch_replayed");
    assertThat(delivery).hasSize(1);
  }

  @Test
  void missingCredentials_areRefusedBeforeTheServlet() throws Exception {
    HttpResponse<String> response = post(body(), null, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response.body()).string("code")).startsWith("token_");
    assertThat(delivery).isEmpty();
  }
}
