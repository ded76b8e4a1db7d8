package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.internal.Digests;
import io.tqc.api.status.CertificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certifying once over the exact bytes sent: {@link TqcClient#certify(Batch, BatchEncoder)} writes
 * them under the token the proof is bound to, {@link TqcClient#certify(byte[], Batch)} signs given
 * bytes and refuses a TQC document of another batch.
 */
class CertifyOnceTest {
  static final String COMPLIANT = "(광고)봄빛마트 봄맞이 할인 문의 02-1234-5678 무료거부 080-123-4567";

  RelayStub relay;
  TqcClient client;
  final List<CertifiedBatch> certified = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.stubToken(Duration.ofMinutes(10));
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void batchCertified(CertifiedBatch batch) {
        certified.add(batch);
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    client.close();
    relay.close();
  }

  static Batch batch(String text) {
    return new Batch.Builder().senderNumber("0212345678").advertiser("봄빛마트", "02-1234-5678")
        .addMessage(new BatchMessage("01011112222", text, true)).build();
  }

  static byte[] providerBytes(Batch batch, String originCode) {
    return ("{\"body\":\"" + batch.messages().get(0).text() + "\",\"originCode\":\"" + originCode + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encoder_writesTheBytesWithTheTokensOriginCode_andOneProofCoversExactlyThem() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    CertifiedBatch result = client.certify(batch(COMPLIANT), (b, claims) -> {
      calls.incrementAndGet();
      return providerBytes(b, claims.originCode());
    });

    assertThat(calls).hasValue(1);
    assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("\"originCode\":\"123456789\"");
    assertThat(result.proof().bodyDigest()).isEqualTo(Digests.sha256Base64Url(result.body()));
    assertThat(result.proof().messageCount()).isEqualTo(1);
    assertThat(result.compliance()).isNotNull();
    assertThat(certified).containsExactly(result);
  }

  @Test
  void nonCompliantBatch_isRefusedBeforeTheEncoderRuns() {
    AtomicInteger calls = new AtomicInteger();
    BatchEncoder encoder = (b, claims) -> {
      calls.incrementAndGet();
      return providerBytes(b, claims.originCode());
    };

    assertThatThrownBy(() -> client.certify(batch("봄맞이 할인"), encoder))
        .isInstanceOfSatisfying(NonCompliantBatchException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.AD_MARKER_MISSING));
    assertThat(calls).hasValue(0);
    assertThat(certified).isEmpty();
  }

  @Test
  void suspendedCertification_isRefusedBeforeTheEncoderRuns() throws Exception {
    relay.stubStatus(CertificationStatus.SUSPENDED, 2);
    TqcClient fresh = relay.client().build();
    AtomicInteger calls = new AtomicInteger();
    try {
      assertThatThrownBy(() -> fresh.awaitReady(Duration.ofSeconds(10)))
          .isInstanceOf(CertificationSuspendedException.class);

      assertThatThrownBy(() -> fresh.certify(batch(COMPLIANT), (b, claims) -> {
        calls.incrementAndGet();
        return providerBytes(b, claims.originCode());
      })).isInstanceOf(CertificationSuspendedException.class);
    } finally {
      fresh.close();
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void exactBytes_ofTheSameBatchOrInAProvidersFormat_areSignedAsGiven() throws Exception {
    Batch batch = batch(COMPLIANT);
    byte[] provider = providerBytes(batch, "123456789");

    CertifiedBatch own = client.certify(batch.toJsonBytes(), batch);
    CertifiedBatch framed = client.certify(provider, batch);

    assertThat(own.body()).isEqualTo(batch.toJsonBytes());
    assertThat(framed.body()).isSameAs(provider);
    assertThat(framed.proof().bodyDigest()).isEqualTo(Digests.sha256Base64Url(provider));
  }

  @Test
  void exactBytes_thatAreATqcDocumentOfAnotherBatch_areRefused() {
    Batch batch = batch(COMPLIANT);
    byte[] other = batch(COMPLIANT + " 추가").toJsonBytes();

    assertThatThrownBy(() -> client.certify(other, batch)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another batch");
    assertThat(certified).isEmpty();
  }

  @Test
  void exactBytes_stillGetThePreflightOfTheBatch() {
    Batch bad = batch("봄맞이 할인");

    assertThatThrownBy(() -> client.certify(providerBytes(bad, "123456789"), bad))
        .isInstanceOf(NonCompliantBatchException.class);
  }

  @Test
  void encoderReturningNothing_isAProgrammingError() {
    assertThatThrownBy(() -> client.certify(batch(COMPLIANT), (b, claims) -> new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(certified).isEmpty();
  }
}
