package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tqc admin report|case|evidence} and {@code tqc evidence verify} against the reference relay. */
class EnforcementCliTest {
  static final String ID = "124-81-00998";
  static final String TEXT = "(광고)한빛베이커리 전 품목 10% 할인 문의 02-1234-5678 무료거부 080-123-4567";

  @TempDir
  Path dir;

  RelayServer server;

  @BeforeEach
  void startRelay() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir.resolve("relay")).build());
  }

  @AfterEach
  void stopRelay() throws Exception {
    server.close();
  }

  CliTestSupport.Result admin(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "admin";
    all[1] = "--relay";
    all[2] = server.url();
    all[3] = "--admin-token=" + server.adminToken();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliTestSupport.run(all);
  }

  static void ok(CliTestSupport.Result result) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
  }

  @Test
  void reportConfirmSanctionExportVerify_throughTheCli() throws Exception {
    Path key = dir.resolve("reseller.jwk");
    CliTestSupport.Result keygen = CliTestSupport.run("keygen", "--out", key.toString());
    ok(keygen);
    Path publicKey = dir.resolve("reseller.pub.jwk");
    Files.writeString(publicKey, keygen.out());
    ok(admin("register", "--reseller-id", ID, "--name", "(주)예시문자", "--public-key", publicKey.toString(),
        "--sender-number", "02-1234-5678", "--origin-code", "123456789"));
    Path batch = dir.resolve("batch.json");
    Files.write(batch, new Batch.Builder().senderNumber("0212345678").advertising(true)
        .advertiser("한빛베이커리", "02-1234-5678").addMessage(new BatchMessage("010-2000-0001", TEXT, true)).build()
        .toJsonBytes());
    String from = OffsetDateTime.now(ZoneOffset.ofHours(9)).minusMinutes(1).toString();
    ok(CliTestSupport.run("send", "--relay", server.url(), "--reseller-id", ID, "--key", key.toString(), "--batch",
        batch.toString()));

    CliTestSupport.Result report = admin("report", "--recipient", "+82 10-2000-0001", "--sender-number",
        "02-1234-5678", "--text", "[Web발신]\n" + TEXT, "--source", "kisa_118", "--reference", "118-77");
    ok(report);
    assertThat(report.out()).contains("traced   exact").contains("reseller 1248100998").contains("origin 123456789");
    Matcher caseId = Pattern.compile("case     (case_[\\w-]+) \\(opened\\)").matcher(report.out());
    assertThat(caseId.find()).as(report.out()).isTrue();

    CliTestSupport.Result duplicate = admin("report", "--recipient", "010-2000-0001", "--text", "x", "--reference",
        "118-77");
    assertThat(duplicate.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(duplicate.err()).startsWith("error: report_duplicate: ");

    ok(admin("case", "confirm", "--case", caseId.group(1), "--reason", "불법스팸 확인"));
    CliTestSupport.Result sanction = admin("case", "sanction", "--case", caseId.group(1));
    ok(sanction);
    assertThat(sanction.out()).contains("\"kind\":\"warning\"");

    Path bundle = dir.resolve("evidence.jsonl");
    ok(admin("evidence", "--reseller-id", ID, "--from", from, "--to",
        OffsetDateTime.now(ZoneOffset.ofHours(9)).plusMinutes(1).toString(), "--out", bundle.toString()));
    String jwks = server.url() + "/.well-known/jwks.json";
    CliTestSupport.Result verified = CliTestSupport.run("evidence", "verify", bundle.toString(), "--jwks", jwks);
    ok(verified);
    assertThat(verified.out()).startsWith("verified: 1 records, 1 tokens, 1 checkpoints");

    String text = Files.readString(bundle);
    int at = text.indexOf("\"part\":\"record\"");
    int proof = text.indexOf("\"proof\":\"", at) + 9 + 20;
    char c = text.charAt(proof);
    Files.writeString(bundle, text.substring(0, proof) + (c == 'A' ? 'B' : 'A') + text.substring(proof + 1),
        StandardCharsets.UTF_8);
    CliTestSupport.Result tampered = CliTestSupport.run("evidence", "verify", bundle.toString(), "--jwks", jwks);
    assertThat(tampered.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
    assertThat(tampered.err()).matches("(?s)error: evidence_invalid: line \\d+ \\(record\\): .*");
  }

  @Test
  void everyNewCommand_hasHelp_andBadInputIsAUsageError() {
    for (String[] help : new String[][] {{"admin", "report", "--help"}, {"admin", "case", "--help"},
        {"admin", "evidence", "--help"}, {"evidence", "verify", "--help"}}) {
      CliTestSupport.Result result = CliTestSupport.run(help);
      assertThat(result.exitCode()).as(String.join(" ", help)).isZero();
      assertThat(result.out()).contains("Usage:");
    }
    CliTestSupport.Result noText = admin("report", "--recipient", "010-2000-0001");
    assertThat(noText.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    CliTestSupport.Result badTime = admin("evidence", "--reseller-id", ID, "--from", "yesterday", "--to", "today",
        "--out", dir.resolve("x").toString());
    assertThat(badTime.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
    CliTestSupport.Result badRow = admin("report", "--csv", dir.resolve("missing.csv").toString());
    assertThat(badRow.exitCode()).isEqualTo(TqcCli.EXIT_USAGE);
  }
}
