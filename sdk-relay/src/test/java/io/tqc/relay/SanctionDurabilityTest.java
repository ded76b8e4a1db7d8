package io.tqc.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.SanctionLadder;
import io.tqc.relay.enforcement.SanctionStep;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.testing.MutableClock;
import io.tqc.relay.testing.ResellerIds;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases, sanctions and timed reinstatement on the SQLite store, across restarts. */
class SanctionDurabilityTest {
  @TempDir
  Path dir;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T03:00:00Z"));
  final TracebackKey key = TracebackKey.generate();
  final SigningKey resellerKey = SigningKey.generate();
  final ResellerId id = ResellerIds.random();

  Relay open() throws Exception {
    return Relay.open(new RelayConfig.Builder().issuer(RelayFixture.ISSUER).dataDirectory(dir).clock(clock)
        .enforcement(new EnforcementConfig.Builder().tracebackKey(key).sanctionCheckInterval(Duration.ofHours(1))
            .ladder(new SanctionLadder.Builder().step(SanctionStep.suspension(Duration.ofDays(3))).build()).build())
        .build());
  }

  static String send(Relay relay, ResellerId id, SigningKey key, Instant now, byte[] body) throws Exception {
    String token = relay.issueToken(id.value(), ClientAssertion.create(key, id, RelayFixture.ISSUER, now,
        Duration.ofMinutes(1))).token().compact();
    String proof = new BatchProofSigner(key, RelayFixture.ISSUER).sign(RelayFixture.digest(token), body,
        Batch.parse(body, 100).messageCount(), now).compact();
    return relay.acceptBatch(token, proof, body).record().batchId();
  }

  @Test
  void timedSuspension_endsOnceAfterARestart_andTracebackSurvivesIt() throws Exception {
    String text = RelayFixture.compliantText(1);
    String batchId;
    String caseId;
    try (Relay relay = open()) {
      relay.registry().register(new Registration.Builder().id(id).name("예시").addKey(resellerKey.verificationKey())
          .senderNumbers(RelayFixture.SENDERS).originCode("123456789").build(), "op");
      batchId = send(relay, id, resellerKey, clock.instant(), TracebackTest.batch("010-1234-5678", text));
      Case opened = relay.report(new SpamReport.Builder().receivedAt(clock.instant()).recipient("01012345678")
          .text("[Web발신] " + text).source(ReportSource.KISA_118).reference("118-2026-1").build(), "kisa")
          .joinedCase();
      caseId = opened.id();
      relay.enforcement().confirm(caseId, "확인", "kim");
      relay.enforcement().sanction(caseId, "정지 3일", "kim");
      assertThat(relay.registry().get(id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    }
    clock.advance(Duration.ofDays(4));
    try (Relay relay = open()) {
      // Reinstated at start, from the durable sanction.
      assertThat(relay.registry().get(id).status()).isEqualTo(CertificationStatus.ACTIVE);
      assertThat(relay.enforcement().sanctions(id).get(0).endedAt()).isEqualTo(clock.instant());
      assertThat(relay.enforcement().findCase(caseId).sanctionId()).isNotNull();
      assertThat(relay.traceback(new SpamReport.Builder().receivedAt(clock.instant().minus(Duration.ofDays(4)))
          .recipient("010-1234-5678").text(text).source(ReportSource.USER).build()).best().batchId())
          .isEqualTo(batchId);
    }
    try (Relay relay = open()) {
      List<HistoryEntry> history = relay.registry().history(id);
      assertThat(history).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.REGISTERED,
          HistoryEntry.Kind.SUSPENDED, HistoryEntry.Kind.REINSTATED);
      assertThat(relay.enforcement().endDueSuspensions()).isZero();
    }
  }
}
