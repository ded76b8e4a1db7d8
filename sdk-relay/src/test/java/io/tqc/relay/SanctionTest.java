package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.Sanction;
import io.tqc.relay.enforcement.SanctionKind;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.TracebackKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SanctionTest {
  RelayFixture f;
  RelayFixture.Member member;
  Enforcement enforcement;
  int sent;

  @BeforeEach
  void open() throws Exception {
    f = new RelayFixture(b -> b.enforcement(new EnforcementConfig.Builder().tracebackKey(TracebackKey.generate())
        .sanctionCheckInterval(Duration.ofHours(1)).build()));
    member = f.register(r -> r.originCode("123456789"));
    enforcement = f.relay.enforcement();
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  /** Sends a batch, reports its second message, and confirms the case the report opened. */
  Case confirmedCase() throws Exception {
    String text = RelayFixture.compliantText(100 + sent);
    String to = String.format("010-7777-%04d", sent++);
    member.send(member.token(), TracebackTest.batch(to, text));
    Case opened = f.relay.report(new SpamReport.Builder().receivedAt(f.clock.instant()).recipient(to).text(text)
        .source(ReportSource.SPAM_TRAP).build(), "trap-feed").joinedCase();
    return enforcement.confirm(opened.id(), "불법스팸 확인", "kim");
  }

  @Test
  void ladder_warnsThenSuspendsThenRevokes_throughTheRegistry() throws Exception {
    Sanction first = enforcement.sanction(confirmedCase().id(), "1차", "kim");
    assertThat(first.kind()).isEqualTo(SanctionKind.WARNING);
    assertThat(first.step()).isEqualTo(1);
    assertThat(enforcement.quota(QuotaSubject.reseller(member.id)).perDay()).isEqualTo(10_000);
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.ACTIVE);

    Case secondCase = confirmedCase();
    String before = member.token();
    Sanction second = enforcement.sanction(secondCase.id(), "2차", "kim");
    assertThat(second.kind()).isEqualTo(SanctionKind.SUSPENSION);
    assertThat(second.endsAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    // The relay refuses the reseller's batches and tokens exactly as after a manual suspension.
    assertRefused(() -> member.send(before, RelayFixture.body()), ReasonCode.CERTIFICATION_SUSPENDED);
    assertRefused(() -> member.token(), ReasonCode.CERTIFICATION_SUSPENDED);
    List<HistoryEntry> history = f.relay.registry().history(member.id);
    assertThat(history.get(history.size() - 1).reason()).contains(second.id()).contains("2차");

    f.clock.advance(Duration.ofDays(7));
    assertThat(enforcement.endDueSuspensions()).isEqualTo(1);
    assertThat(enforcement.endDueSuspensions()).isZero();
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.ACTIVE);
    member.send(member.token(), RelayFixture.body());

    Sanction third = enforcement.sanction(confirmedCase().id(), "3차", "kim");
    assertThat(third.kind()).isEqualTo(SanctionKind.REVOCATION);
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.REVOKED);
  }

  @Test
  void sanctionedCase_hasItsWholeHistory() throws Exception {
    Case confirmed = confirmedCase();
    Sanction sanction = enforcement.sanction(confirmed.id(), "1차", "lee");
    Case after = enforcement.findCase(confirmed.id());
    assertThat(after.state()).isEqualTo(CaseState.SANCTIONED);
    assertThat(after.sanctionId()).isEqualTo(sanction.id());
    assertThat(enforcement.caseHistory(confirmed.id())).extracting(CaseEvent::action, CaseEvent::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CaseEvent.Action.OPENED, "trap-feed"),
            org.assertj.core.groups.Tuple.tuple(CaseEvent.Action.CONFIRMED, "kim"),
            org.assertj.core.groups.Tuple.tuple(CaseEvent.Action.SANCTIONED, "lee"));
    assertThat(enforcement.caseReports(confirmed.id())).hasSize(1);
  }

  @Test
  void caseTransitions_areChecked() throws Exception {
    Case confirmed = confirmedCase();
    assertRefused(() -> enforcement.confirm(confirmed.id(), null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    Case dismissed = enforcement.dismiss(confirmed.id(), "오탐", "kim");
    assertThat(dismissed.state()).isEqualTo(CaseState.DISMISSED);
    assertRefused(() -> enforcement.sanction(confirmed.id(), null, "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertRefused(() -> enforcement.confirm("case_nope", null, "kim"), ReasonCode.REQUEST_INVALID);
    assertRefused(() -> enforcement.confirm(confirmed.id(), null, ""), ReasonCode.REQUEST_INVALID);
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.ACTIVE);
  }

  @Test
  void manualChangeAfterASanction_winsOverTheTimedReinstatement() throws Exception {
    enforcement.sanction(confirmedCase().id(), "1차", "kim");
    enforcement.sanction(confirmedCase().id(), "2차", "kim");
    f.relay.registry().reinstate(member.id, "이의신청 인용", "kim");
    f.relay.registry().suspend(member.id, "추가 조사", "kim");

    f.clock.advance(Duration.ofDays(8));
    assertThat(enforcement.endDueSuspensions()).isZero();
    assertThat(f.relay.registry().get(member.id).status()).isEqualTo(CertificationStatus.SUSPENDED);
    assertThat(enforcement.sanctions(member.id).get(1).endedAt()).isNotNull();
  }

  @Test
  void suspensionOfAnAlreadySuspendedReseller_isRefusedAndRecordsNothing() throws Exception {
    enforcement.sanction(confirmedCase().id(), "1차", "kim");
    Case second = confirmedCase();
    f.relay.registry().suspend(member.id, "수동 정지", "kim");
    assertRefused(() -> enforcement.sanction(second.id(), "2차", "kim"), ReasonCode.TRANSITION_NOT_ALLOWED);
    assertThat(enforcement.sanctions(member.id)).hasSize(1);
    assertThat(enforcement.findCase(second.id()).state()).isEqualTo(CaseState.CONFIRMED);
  }
}
