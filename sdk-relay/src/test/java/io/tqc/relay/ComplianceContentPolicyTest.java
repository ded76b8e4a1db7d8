package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static io.tqc.relay.RelayFixture.body;
import static io.tqc.relay.RelayFixture.compliantText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The default content policy: the shared compliance engine, with the relay's own registration check. */
class ComplianceContentPolicyTest {
  static final String SENDER = RelayFixture.SENDERS.get(0);
  static final Instant TEN_PM_KST = Instant.parse("2026-11-28T13:00:00Z");

  RelayFixture fixture;

  @AfterEach
  void close() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  RelayFixture.Member start(UnaryOperator<RelayConfig.Builder> customize) throws Exception {
    fixture = new RelayFixture(customize);
    return fixture.register();
  }

  static Batch.Builder advertising(String sender) {
    return new Batch.Builder().senderNumber(sender).advertising(true).advertiser(RelayFixture.ADVERTISER, "02-1234-5678");
  }

  @Test
  void defaultConfig_usesTheComplianceEngineWithTheLawsDefaults() throws Exception {
    start(b -> b);
    assertThat(fixture.relay.config().contentPolicy()).isSameAs(ComplianceContentPolicy.defaults());
    assertThat(ComplianceContentPolicy.defaults().policy()).isEqualTo(CompliancePolicy.defaults());
  }

  @Test
  void nonCompliantBatch_isRefusedListingEveryViolation_unregisteredSenderFirst() throws Exception {
    RelayFixture.Member m = start(b -> b);
    byte[] bad = advertising("0299999999")
        .addMessage(new BatchMessage("01011112222", "테스트상점 할인 02-1234-5678 무료거부 080-123-4567", true))
        .addMessage(new BatchMessage("01011113333", "(광 고)테스트상점 할인 02-1234-5678 무료거부 080-123-4567", true))
        .addMessage(new BatchMessage("01011113333", compliantText(2), true))
        .addMessage(new BatchMessage("01011114444", "(광고)테스트상점 할인 02-1234-5678 무료수신거부 02-123-4567", true))
        .build().toJsonBytes();

    assertRefused(() -> m.send(m.token(), bad), ReasonCode.SENDER_NUMBER_NOT_REGISTERED).satisfies(e ->
        assertThat(((RelayException) e).violations()).extracting(Violation::messageIndex, Violation::code).containsExactly(
            tuple(Violation.BATCH, ReasonCode.SENDER_NUMBER_NOT_REGISTERED),
            tuple(0, ReasonCode.AD_MARKER_MISSING),
            tuple(1, ReasonCode.AD_MARKER_MALFORMED),
            tuple(2, ReasonCode.RECIPIENT_DUPLICATE),
            tuple(3, ReasonCode.OPT_OUT_NUMBER_INVALID)));
    assertThat(fixture.relay.acceptedBatches(Instant.EPOCH, 10)).isEmpty();
    assertThat(fixture.relay.stats().rejectedBatches()).containsEntry(ReasonCode.SENDER_NUMBER_NOT_REGISTERED, 1L);
  }

  @Test
  void registeredSenderWithContentViolations_isRefusedWithTheFirstContentCode() throws Exception {
    RelayFixture.Member m = start(b -> b);
    byte[] unmarked = advertising(SENDER).addMessage(new BatchMessage("01011112222", "할인 안내", true)).build()
        .toJsonBytes();
    assertRefused(() -> m.send(m.token(), unmarked), ReasonCode.AD_MARKER_MISSING).satisfies(e ->
        assertThat(((RelayException) e).violations()).extracting(Violation::code).containsExactly(
            ReasonCode.AD_MARKER_MISSING, ReasonCode.ADVERTISER_NAME_MISSING, ReasonCode.ADVERTISER_CONTACT_MISSING,
            ReasonCode.OPT_OUT_MISSING));
  }

  @Test
  void compliantBatch_isAccepted_andItsAuditRecordCarriesTheOriginCode() throws Exception {
    RelayFixture.Member m = start(b -> b);
    AcceptedBatch accepted = m.send(m.token(), body(SENDER, 3));
    assertThat(accepted.originCode()).isEqualTo("123456789");
    AuditRecord record = fixture.store.findAccepted(accepted.batchId());
    assertThat(record.originCode()).isEqualTo("123456789");
    assertThat(record.messageCount()).isEqualTo(3);
  }

  @Test
  void nightWindow_isEvaluatedOnTheRelayClockInKoreaTime_orAtSendAt() throws Exception {
    RelayFixture.Member m = start(b -> b);
    fixture.clock.set(TEN_PM_KST);
    String token = m.token();
    Batch.Builder tonight = advertising(SENDER)
        .addMessage(new BatchMessage("01011112222", compliantText(0), true))
        .addMessage(new BatchMessage("01011113333", compliantText(1), false));
    assertRefused(() -> m.send(token, tonight.build().toJsonBytes()), ReasonCode.NIGHT_CONSENT_MISSING).satisfies(e ->
        assertThat(((RelayException) e).violations()).extracting(Violation::messageIndex).containsExactly(1));

    byte[] tomorrowMorning = tonight.sendAt(TEN_PM_KST.plus(Duration.ofHours(11))).build().toJsonBytes(); // 09:00 KST
    assertThat(m.send(token, tomorrowMorning).messageCount()).isEqualTo(2);
  }

  @Test
  void relayPolicy_canWarnInsteadOfRefusing() throws Exception {
    CompliancePolicy lenient = new CompliancePolicy.Builder().set(ReasonCode.AD_MARKER_MISSING, RuleMode.WARN)
        .build();
    RelayFixture.Member m = start(b -> b.compliancePolicy(lenient));
    byte[] unmarked = advertising(SENDER)
        .addMessage(new BatchMessage("01011112222", "테스트상점 할인 02-1234-5678 무료거부 080-123-4567", true))
        .build().toJsonBytes();
    assertThat(m.send(m.token(), unmarked).messageCount()).isEqualTo(1);
    assertThat(((ComplianceContentPolicy) fixture.relay.config().contentPolicy()).policy()).isEqualTo(lenient);
  }

  @Test
  void contentPolicyNone_checksOnlyTheRegistration() throws Exception {
    RelayFixture.Member m = start(b -> b.contentPolicy(ContentPolicy.NONE));
    byte[] unmarked = new Batch.Builder().senderNumber(SENDER).addMessage("01011112222", "할인 안내").build()
        .toJsonBytes();
    assertThat(m.send(m.token(), unmarked).messageCount()).isEqualTo(1);
    byte[] unregistered = new Batch.Builder().senderNumber("0299999999").addMessage("01011112222", "할인 안내").build()
        .toJsonBytes();
    assertRefused(() -> m.send(m.token(), unregistered), ReasonCode.SENDER_NUMBER_NOT_REGISTERED).satisfies(e ->
        assertThat(((RelayException) e).violations()).extracting(Violation::code)
            .isEqualTo(List.of(ReasonCode.SENDER_NUMBER_NOT_REGISTERED)));
  }
}
