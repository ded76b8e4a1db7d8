package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds arbitrary batches (and arbitrary batch bytes) into the checker: it may only ever report
 * violations, and {@code requireCompliant} may only throw {@link ComplianceException}. In the normal
 * build this runs the seed inputs under {@code ComplianceFuzzTestInputs/} (regression mode); set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class ComplianceFuzzTest {
  private static final ReasonCode[] RULES = CompliancePolicy.rules().toArray(new ReasonCode[0]);
  private static final Charset CP949 = Charset.forName("x-windows-949");

  @FuzzTest(maxDuration = "30s")
  void arbitraryBatch_neverThrowsUntypedExceptions(FuzzedDataProvider data) {
    CompliancePolicy.Builder policy = new CompliancePolicy.Builder();
    for (ReasonCode rule : RULES) {
      policy.set(rule, data.pickValue(RuleMode.values()));
    }
    if (data.consumeBoolean()) {
      policy.charset(CP949);
    }
    Batch.Builder builder = new Batch.Builder()
        .senderNumber(data.consumeString(16))
        .advertising(data.consumeBoolean());
    if (data.consumeBoolean()) {
      builder.advertiser(data.consumeString(20), data.consumeString(30));
    }
    if (data.consumeBoolean()) {
      builder.sendAt(Instant.ofEpochSecond(data.consumeLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())));
    }
    int count = data.consumeInt(1, 8);
    for (int i = 0; i < count; i++) {
      BatchMessage.Builder message = new BatchMessage.Builder().to(data.consumeString(16))
          .text(data.consumeString(2500)).nightConsent(data.consumeBoolean());
      if (data.consumeBoolean()) {
        // The MMS members: any type, subject and image digests/sizes; shapes the model refuses are
        // dropped (they never reach the engine: the builder and the parser refuse them).
        message.type(data.pickValue(io.tqc.api.batch.MessageType.values()));
        if (data.consumeBoolean()) {
          message.subject(data.consumeString(60));
        }
        int images = data.consumeInt(0, 5);
        for (int j = 0; j < images; j++) {
          byte[] digest = data.consumeBytes(32);
          digest = java.util.Arrays.copyOf(digest, 32);
          message.addImage(io.tqc.api.batch.BatchImage.of(
              java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest), data.consumeLong(1, io.tqc.api.batch.BatchImage.MAX_SIZE)));
        }
      }
      try {
        builder.addMessage(message.build());
      } catch (IllegalArgumentException shapeRefused) {
        builder.addMessage(new BatchMessage("01012345678", "t"));
      }
    }
    List<String> registered = null;
    if (data.consumeBoolean()) {
      registered = new ArrayList<>();
      registered.add(data.consumeString(16));
      registered.add(data.consumeRemainingAsString());
    }
    exercise(policy.build(), builder.build(), registered, Instant.EPOCH);
  }

  @FuzzTest(maxDuration = "30s")
  void arbitraryBatchBytes_parseThenCheck_neverThrowsUntypedExceptions(byte[] bytes) {
    Batch batch;
    try {
      batch = Batch.parse(bytes, 100);
    } catch (TqcException e) {
      return; // the typed refusal of bad bytes
    }
    exercise(CompliancePolicy.defaults(), batch, null, Instant.parse("2025-03-14T12:30:00Z"));
  }

  private static void exercise(CompliancePolicy policy, Batch batch, List<String> registered, Instant now) {
    ComplianceReport report = policy.check(batch, registered, now);
    assertThat(report.messageCount()).isEqualTo(batch.messageCount());
    for (int i = 0; i < report.messageCount(); i++) {
      int bytes = report.byteLength(i);
      assertThat(bytes).isGreaterThanOrEqualTo(-1);
      io.tqc.api.batch.MessageType declared = batch.messages().get(i).type();
      if (declared == null) {
        assertThat(report.messageClass(i)).isEqualTo(MessageClass.forByteLength(bytes));
      } else {
        assertThat(report.messageClass(i)).isIn(MessageClass.valueOf(declared.name()), null);
      }
    }
    for (Violation violation : report.violations()) {
      assertThat(CompliancePolicy.rules()).contains(violation.code());
      assertThat(policy.enforcement(violation.code())).isNotEqualTo(RuleMode.OFF);
      assertThat(violation.warningOnly()).isEqualTo(policy.enforcement(violation.code()) == RuleMode.WARN);
      assertThat(violation.messageIndex()).isBetween(-1, batch.messageCount() - 1);
      assertThat(violation.detail()).doesNotContain("\n").endsWith("]");
    }
    try {
      report.requireCompliant();
      assertThat(report.errors()).isEmpty();
    } catch (ComplianceException e) {
      assertThat(e.reason()).isEqualTo(report.errors().get(0).code());
    }
  }
}
