package io.tqc.relay;

import static io.tqc.relay.RelayFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.key.KeySet;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.Checkpoint;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.EvidenceVerification;
import io.tqc.relay.enforcement.EvidenceVerifier;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.store.SqliteRelayStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceTest {
  @TempDir
  Path dir;

  RelayFixture f;
  RelayFixture.Member accused;
  RelayFixture.Member bystander;
  Instant start;
  byte[] bundle;

  @BeforeEach
  void export() throws Exception {
    SqliteRelayStore sqlite = SqliteRelayStore.open(dir.resolve("relay.db"));
    f = new RelayFixture(b -> b.store(sqlite).enforcement(new EnforcementConfig.Builder()
        .tracebackKey(TracebackKey.generate()).nodeId("node-a").checkpointInterval(Duration.ofHours(1)).build()));
    start = f.clock.instant();
    accused = f.register(r -> r.originCode("123456789"));
    bystander = f.register(r -> r.originCode("987654321"));
    String accusedToken = accused.token();
    String bystanderToken = bystander.token();
    String text = RelayFixture.compliantText(5);
    accused.send(accusedToken, TracebackTest.batch("010-1234-5678", text));
    bystander.send(bystanderToken, RelayFixture.body());
    f.clock.advance(Duration.ofSeconds(5));
    accused.send(accusedToken, RelayFixture.body());
    bystander.send(bystanderToken, RelayFixture.body());
    Case opened = f.relay.report(new SpamReport.Builder().receivedAt(f.clock.instant()).recipient("01012345678")
        .text(text).source(ReportSource.KISA_118).reference("118-1").build(), "kisa").joinedCase();
    f.relay.enforcement().confirm(opened.id(), "확인", "kim");
    f.relay.enforcement().sanction(opened.id(), "경고", "kim");
    Checkpoint checkpoint = f.relay.enforcement().checkpoint();
    assertThat(checkpoint.seq()).isEqualTo(4);
    bystander.send(bystanderToken, RelayFixture.body()); // after the checkpoint: not in the segment
    bundle = f.relay.enforcement().exportEvidence(accused.id, start.minusSeconds(60), f.clock.instant().plusSeconds(60));
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  KeySet jwks() {
    return f.relay.publicKeys();
  }

  List<String> lines() {
    return new ArrayList<>(Arrays.asList(new String(bundle, StandardCharsets.UTF_8).split("\n")));
  }

  @Test
  void exportedBundle_verifiesOffline_withOnlyTheRelayKeys() {
    EvidenceVerification result = EvidenceVerifier.verify(bundle, jwks());
    assertThat(result.failures()).isEmpty();
    assertThat(result.records()).isEqualTo(2);
    assertThat(result.tokens()).isEqualTo(1);
    assertThat(result.checkpoints()).isEqualTo(1);
    String text = new String(bundle, StandardCharsets.UTF_8);
    assertThat(text).contains("\"part\":\"link\"", "\"part\":\"status\"", "\"part\":\"case\"",
        "\"part\":\"case_event\"", "\"part\":\"report\"", "\"part\":\"sanction\"")
        .doesNotContain(bystander.id.value()).doesNotContain("01012345678");
  }

  @Test
  void anotherRelaysKeys_doNotVerifyIt() {
    EvidenceVerification result = EvidenceVerifier.verify(bundle,
        KeySet.of(io.tqc.api.key.SigningKey.generate().verificationKey().withKeyId(f.relay.activeKeyId())));
    assertThat(result.ok()).isFalse();
    // The first record already fails (its token does not verify), and so do the checkpoint and the signature.
    assertThat(result.firstFailure().part()).isEqualTo("record");
    assertThat(result.firstFailure().problem()).contains("token_signature_invalid");
    assertThat(result.failures()).extracting(EvidenceVerification.Failure::part).contains("checkpoint", "signature");
    assertThat(result.failures().get(result.failures().size() - 1).line()).isEqualTo(lines().size());
  }

  @Test
  void oneChangedByteInAnyPart_isNamedByLineAndPart() {
    List<String> lines = lines();
    for (String part : new String[] {"header", "token", "record", "link", "checkpoint", "status", "case",
        "case_event", "report", "sanction", "signature"}) {
      int index = indexOf(lines, part);
      List<String> tampered = new ArrayList<>(lines);
      tampered.set(index, flipOneByte(lines.get(index)));
      EvidenceVerification result = EvidenceVerifier.verify(
          (String.join("\n", tampered) + "\n").getBytes(StandardCharsets.UTF_8), jwks());
      assertThat(result.ok()).as(part).isFalse();
      assertThat(result.firstFailure().line()).as(part).isEqualTo(index + 1);
      assertThat(result.firstFailure().part()).as(part).isEqualTo(part);
    }
  }

  @Test
  void changedRecord_failsItsOwnChecksToo_notOnlyTheSignature() {
    List<String> lines = lines();
    int index = indexOf(lines, "record");
    String original = lines.get(index);
    String changedCount = original.replaceFirst("\"n\":2", "\"n\":3");
    assertThat(changedCount).isNotEqualTo(original);
    lines.set(index, changedCount);
    EvidenceVerification result = EvidenceVerifier.verify((String.join("\n", lines) + "\n")
        .getBytes(StandardCharsets.UTF_8), jwks());
    assertThat(result.failures()).extracting(EvidenceVerification.Failure::problem)
        .anyMatch(p -> p.contains("batch_count_mismatch") || p.contains("proof"))
        .anyMatch(p -> p.contains("chain hash does not match"));
  }

  @Test
  void removedLink_breaksTheChain() {
    List<String> lines = lines();
    lines.remove(indexOf(lines, "link"));
    EvidenceVerification result = EvidenceVerifier.verify((String.join("\n", lines) + "\n")
        .getBytes(StandardCharsets.UTF_8), jwks());
    assertThat(result.failures()).extracting(EvidenceVerification.Failure::problem)
        .anyMatch(p -> p.contains("jumps from") || p.contains("broken"));
  }

  @Test
  void absurdWindows_areRefused() {
    Enforcement enforcement = f.relay.enforcement();
    assertRefused(() -> enforcement.exportEvidence(accused.id, start, start), ReasonCode.REQUEST_INVALID);
    assertRefused(() -> enforcement.exportEvidence(accused.id, start, start.minusSeconds(1)), ReasonCode.REQUEST_INVALID);
    assertRefused(() -> enforcement.exportEvidence(accused.id, start, start.plus(Duration.ofDays(400))),
        ReasonCode.REQUEST_INVALID);
  }

  static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("{\"part\":\"" + part + "\"")) {
        return i;
      }
    }
    throw new AssertionError("no " + part + " line");
  }

  /** Changes one character of the line's last string value (keeps the JSON valid). */
  static String flipOneByte(String line) {
    int at = line.lastIndexOf("\":\"") + 3;
    char c = line.charAt(at);
    char replacement = c == 'A' ? 'B' : 'A';
    return line.substring(0, at) + replacement + line.substring(at + 1);
  }
}
