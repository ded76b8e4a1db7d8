package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.CertificationToken;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refused batches a node remembers per reseller for the console (memory only). */
class RecentRefusalsTest {
  RelayFixture fixture;

  @AfterEach
  void close() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  static String batchId(String proof) throws Exception {
    return CompactJws.parse(proof, 8192).payload().string("jti");
  }

  @Test
  void refusalsWithAVerifiedToken_areRememberedForItsReseller_newestFirst_withBatchIdAndCount() throws Exception {
    fixture = new RelayFixture();
    RelayFixture.Member m = fixture.register();
    String token = m.token();
    m.send(token, body()); // accepted: not a refusal
    byte[] one = body(RelayFixture.SENDERS.get(0), 1);
    String mismatch = m.proof(token, one, 2);
    assertRefused(() -> fixture.relay.acceptBatch(token, mismatch, one), ReasonCode.BATCH_COUNT_MISMATCH);
    fixture.relay.registry().suspend(m.id, "spam reports", "kim");
    String suspended = m.proof(token, one, 1);
    assertRefused(() -> fixture.relay.acceptBatch(token, suspended, one), ReasonCode.CERTIFICATION_SUSPENDED);

    List<RefusedBatch> refusals = fixture.relay.recentRefusals(m.id, 10);
    assertThat(refusals).extracting(RefusedBatch::reason)
        .containsExactly(ReasonCode.CERTIFICATION_SUSPENDED, ReasonCode.BATCH_COUNT_MISMATCH);
    assertThat(refusals).extracting(RefusedBatch::batchId).containsExactly(batchId(suspended), batchId(mismatch));
    assertThat(refusals).extracting(RefusedBatch::messageCount).containsExactly(1, 2);
    assertThat(refusals).allSatisfy(r -> {
      assertThat(r.resellerId()).isEqualTo(m.id);
      assertThat(r.refusedAt()).isEqualTo(fixture.clock.instant());
    });
    assertThat(fixture.relay.recentRefusals(m.id, 1)).extracting(RefusedBatch::reason)
        .containsExactly(ReasonCode.CERTIFICATION_SUSPENDED);
    assertThat(fixture.relay.recentRefusals(fixture.register().id, 10)).isEmpty();
  }

  @Test
  void forgedToken_namesNoOne_soNothingIsAttributed_thoughTheRefusalIsCounted() throws Exception {
    fixture = new RelayFixture();
    RelayFixture.Member m = fixture.register();
    String forged = CertificationToken.sign(m.claims().build(), SigningKey.generate()).compact();
    byte[] one = body(RelayFixture.SENDERS.get(0), 1);
    String proof = m.proof(forged, one, 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.relay.acceptBatch(forged, proof, one))
        .isInstanceOf(RelayException.class);
    assertRefused(() -> fixture.relay.acceptBatch("junk", proof, one), ReasonCode.TOKEN_MALFORMED);

    assertThat(fixture.relay.recentRefusals(m.id, 10)).isEmpty();
    // Control: the same refusals reached the accounting the ring hooks into.
    assertThat(fixture.relay.stats().rejectedBatches().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    // ...and a refusal with the reseller's real token is attributed.
    String token = m.token();
    String mismatch = m.proof(token, one, 2);
    assertRefused(() -> fixture.relay.acceptBatch(token, mismatch, one), ReasonCode.BATCH_COUNT_MISMATCH);
    assertThat(fixture.relay.recentRefusals(m.id, 10)).hasSize(1);
  }
}
