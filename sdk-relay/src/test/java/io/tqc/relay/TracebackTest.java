package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.ReportResult;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.Traceback;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.enforcement.TracebackMatch;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracebackTest {
  RelayFixture f;
  RelayFixture.Member member;
  String token;

  @BeforeEach
  void open() throws Exception {
    f = new RelayFixture(b -> b.enforcement(new EnforcementConfig.Builder().tracebackKey(TracebackKey.generate())
        .nodeId("node-a").build()));
    member = f.register(r -> r.originCode("123456789"));
    token = member.token();
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  static byte[] batch(String to, String text) {
    return new Batch.Builder().senderNumber("02-1234-5678").advertising(true)
        .advertiser(RelayFixture.ADVERTISER, "02-1234-5678")
        .addMessage(new BatchMessage("010-9999-0000", RelayFixture.compliantText(0), true))
        .addMessage(new BatchMessage(to, text, true)).build().toJsonBytes();
  }

  SpamReport.Builder report(String recipient, String text) {
    return new SpamReport.Builder().receivedAt(f.clock.instant()).recipient(recipient).text(text)
        .senderNumber("02-1234-5678").source(ReportSource.KISA_118);
  }

  @Test
  void reportOfTheTextAsThePhoneShowsIt_isAnExactMatchNamingBatchTokenAndProof() throws Exception {
    String text = RelayFixture.compliantText(7);
    AcceptedBatch accepted = member.send(token, batch("010-1234-5678", text));
    f.clock.advance(Duration.ofMinutes(3));

    Traceback traceback = f.relay.traceback(report("+82 10 1234 5678", "[Web발신]\n" + text + "  \n").build());

    assertThat(traceback.rank()).isEqualTo(MatchRank.EXACT);
    TracebackMatch match = traceback.best();
    assertThat(match.resellerId()).isEqualTo(member.id);
    assertThat(match.originCode()).isEqualTo("123456789");
    assertThat(match.batchId()).isEqualTo(accepted.record().batchId());
    assertThat(match.messageIndex()).isEqualTo(1);
    assertThat(match.acceptedAt()).isEqualTo(accepted.record().acceptedAt());
    assertThat(match.node()).isEqualTo("node-a");
    assertThat(match.token()).isEqualTo(token);
    assertThat(match.tokenId()).isEqualTo(accepted.record().tokenId());
    assertThat(match.proof()).isEqualTo(accepted.record().proof());
  }

  @Test
  void sameRecipientAndSenderButOtherText_isProbable_otherRecipientIsNone() throws Exception {
    member.send(token, batch("010-1234-5678", RelayFixture.compliantText(7)));
    f.clock.advance(Duration.ofMinutes(1));

    assertThat(f.relay.traceback(report("010-1234-5678", "전혀 다른 내용").build()).rank()).isEqualTo(MatchRank.PROBABLE);
    assertThat(f.relay.traceback(report("010-1234-5678", "전혀 다른 내용").senderNumber("1588-0000").build()).rank())
        .isEqualTo(MatchRank.NONE);
    assertThat(f.relay.traceback(report("010-5555-6666", RelayFixture.compliantText(7)).build()).rank())
        .isEqualTo(MatchRank.NONE);
  }

  @Test
  void messageOutsideTheWindows_doesNotMatch() throws Exception {
    member.send(token, batch("010-1234-5678", RelayFixture.compliantText(7)));
    f.clock.advance(Duration.ofHours(2));
    // Past the 1 h probable window, inside the 7 day exact window.
    assertThat(f.relay.traceback(report("010-1234-5678", "다른 내용").build()).rank()).isEqualTo(MatchRank.NONE);
    assertThat(f.relay.traceback(report("010-1234-5678", RelayFixture.compliantText(7)).build()).rank())
        .isEqualTo(MatchRank.EXACT);
    f.clock.advance(Duration.ofDays(8));
    assertThat(f.relay.traceback(report("010-1234-5678", RelayFixture.compliantText(7)).build()).rank())
        .isEqualTo(MatchRank.NONE);
  }

  @Test
  void report_opensACaseThenJoinsIt_andADuplicateIsRefused() throws Exception {
    member.send(token, batch("010-1234-5678", RelayFixture.compliantText(7)));
    member.send(token, batch("010-2222-3333", RelayFixture.compliantText(8)));

    ReportResult first = f.relay.report(report("010-1234-5678", RelayFixture.compliantText(7)).reference("KISA-1").build(),
        "kisa-import");
    ReportResult second = f.relay.report(report("010-2222-3333", RelayFixture.compliantText(8)).build(), "kisa-import");

    assertThat(first.openedCase()).isTrue();
    assertThat(first.joinedCase().state()).isEqualTo(CaseState.OPEN);
    assertThat(second.openedCase()).isFalse();
    assertThat(second.joinedCase().id()).isEqualTo(first.joinedCase().id());
    assertThat(second.joinedCase().reportCount()).isEqualTo(2);
    assertThat(f.relay.enforcement().caseHistory(first.joinedCase().id())).extracting(e -> e.reference())
        .containsExactly(first.reportId(), second.reportId());

    assertRefused(() -> f.relay.report(report("010-1234-5678", "다른 본문").reference("KISA-1").build(), "kisa-import"),
        ReasonCode.REPORT_DUPLICATE);
    assertRefused(() -> f.relay.report(report("010-2222-3333", RelayFixture.compliantText(8)).build(), "kisa-import"),
        ReasonCode.REPORT_DUPLICATE);
    assertThat(f.relay.enforcement().findCase(first.joinedCase().id()).reportCount()).isEqualTo(2);
  }

  @Test
  void reportThatTracesToNobody_isRecordedWithoutACase() throws Exception {
    ReportResult result = f.relay.report(report("010-1234-5678", "모르는 문자").build(), "user-app");
    assertThat(result.traceback().rank()).isEqualTo(MatchRank.NONE);
    assertThat(result.joinedCase()).isNull();
  }

  @Test
  void reportsFromTheFutureOrPastRetention_areRefused() {
    assertRefused(() -> f.relay.traceback(report("010-1234-5678", "x").receivedAt(f.clock.instant().plus(Duration.ofHours(1)))
        .build()), ReasonCode.REQUEST_INVALID);
    assertRefused(() -> f.relay.traceback(report("010-1234-5678", "x").receivedAt(f.clock.instant().minus(Duration.ofDays(400)))
        .build()), ReasonCode.REPORT_OUT_OF_RETENTION);
  }

  @Test
  void malformedReport_namesTheField() {
    assertThat(build(() -> report("02-1234-5678", "x").build())).contains("recipient");
    assertThat(build(() -> report("010-1234-5678", " ").build())).contains("text");
    assertThat(build(() -> report("010-1234-5678", "x").source(null).build())).contains("source");
    assertThat(build(() -> report("010-1234-5678", "x").senderNumber("abc").build())).contains("sender_number");
    assertThat(build(() -> report("010-1234-5678", "x".repeat(SpamReport.MAX_TEXT + 1)).build())).contains("text");
  }

  static String build(Runnable r) {
    try {
      r.run();
      return "built";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void pruning_dropsRowsPastRetention() throws Exception {
    member.send(token, batch("010-1234-5678", RelayFixture.compliantText(7)));
    f.clock.advance(EnforcementConfig.DEFAULT_RETENTION.plusDays(1));
    assertThat(f.relay.enforcement().pruneTraceback()).isEqualTo(2);
    assertThat(f.relay.enforcement().pruneTraceback()).isZero();
  }

  @Test
  void enforcementOff_refusesReportsClearly() throws Exception {
    try (RelayFixture plain = new RelayFixture()) {
      assertRefused(() -> plain.relay.traceback(new SpamReport.Builder().receivedAt(Instant.now())
          .recipient("010-1234-5678").text("x").source(ReportSource.USER).build()), ReasonCode.REQUEST_INVALID);
      assertThat(plain.relay.enforcement()).isNull();
    }
  }
}
