package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  static final String OK = "(광고)봄빛마트 할인 문의 02-1234-5678 무료거부 080-123-4567";
  static final String NOON = "2026-12-01T12:00:00+09:00";

  @TempDir
  Path dir;

  Path batch(String... texts) throws Exception {
    Batch.Builder b = new Batch.Builder().senderNumber("02-1234-5678").advertising(true).advertiser("봄빛마트", "02-1234-5678");
    int i = 0;
    for (String text : texts) {
      b.addMessage(new BatchMessage(String.format("0101234%04d", i++), text));
    }
    Path file = dir.resolve("batch.json");
    Files.write(file, b.build().toJsonBytes());
    return file;
  }

  @Test
  void compliantBatch_exitsZero() throws Exception {
    CliTestSupport.Result result = CliTestSupport.run("check", "--batch", batch(OK, OK + " https://bomvit.co.kr").toString(),
        "--at", NOON);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("compliant: 2 messages, 0 errors, 0 warnings");
  }

  @Test
  void smishingLinks_areListedPerMessage_andExitOne() throws Exception {
    CliTestSupport.Result result = CliTestSupport.run("check", "--batch",
        batch(OK + " bit.ly/3xYz", OK + " http://kbstar-login.com", OK).toString(), "--at", NOON);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("messages[0] url_shortener:", "messages[1] lookalike_domain:",
        "not compliant: 3 messages, 2 errors");
    CliTestSupport.Result warned = CliTestSupport.run("check", "--batch", batch(OK + " bit.ly/3xYz").toString(),
        "--at", NOON, "--warn", "url_shortener");
    assertThat(warned.exitCode()).isZero();
    assertThat(warned.out()).contains("warning messages[0] url_shortener");
  }

  @Test
  void localLists_addBlocklistOptOutsAndStolenNumbers() throws Exception {
    Path blocklist = Files.writeString(dir.resolve("blocked.txt"), "# feed\nevil-parcel.xyz\n");
    Path optedOut = Files.writeString(dir.resolve("optout.txt"), "010-1234-0001\n");
    Path stolen = Files.writeString(dir.resolve("stolen.txt"), "0212345678\n");
    CliTestSupport.Result result = CliTestSupport.run("check", "--batch",
        batch(OK + " http://evil-parcel.xyz/a", OK).toString(), "--at", NOON, "--blocklist", blocklist.toString(),
        "--opted-out", optedOut.toString(), "--stolen-numbers", stolen.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("messages[0] url_blocked:", "batch sender_number_stolen:",
        "messages[1] recipient_opted_out:").doesNotContain("01012340001");
  }

  @Test
  void badOptions_areUsageErrors() throws Exception {
    Path file = batch(OK);
    assertThat(CliTestSupport.run("check", "--batch", file.toString(), "--warn", "token_expired").exitCode())
        .isEqualTo(TqcCli.EXIT_USAGE);
    Path blocklist = Files.writeString(dir.resolve("bad.txt"), "evil..xyz\n");
    CliTestSupport.Result bad = CliTestSupport.run("check", "--batch", file.toString(), "--blocklist", blocklist.toString());
    assertThat(bad.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    assertThat(bad.err()).contains("line 1");
  }
}
