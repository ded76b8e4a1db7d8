package io.tqc.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.examples.relay.RelayProtection;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminListsCommandTest {
  @TempDir
  Path dir;

  @Test
  void importCommands_loadOptOutsAndNumberLists_reportingBadLines() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    try (RelayProtection protection = RelayProtection.inMemory(secret, "provider-token-0123456789");
        RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir.resolve("relay"))
            .protection(protection).build())) {
      Path csv = Files.writeString(dir.resolve("optouts.csv"), "number,source\n01011112222,080_ars\nbad\n");
      CliTestSupport.Result result = CliTestSupport.run("admin", "--relay", server.url(), "--admin-token",
          server.adminToken(), "import-opt-outs", "--advertiser", "봄빛마트", "--csv", csv.toString());
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out()).contains("added 1", "refused 1");
      assertThat(result.err()).contains("refused line 3:");
      assertThat(protection.suppressions().suppressed("봄빛마트", List.of("010-1111-2222"))).containsExactly(0);

      Path numbers = Files.writeString(dir.resolve("stolen.txt"), "0212345678\n");
      CliTestSupport.Result list = CliTestSupport.run("admin", "--relay", server.url(), "--admin-token",
          server.adminToken(), "import-number-list", "--list", "stolen", "--version", "KISA-1",
          "--published-at", "2026-12-01T00:00:00+09:00", "--file", numbers.toString());
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(protection.senderLists().check("0212345678").state().name()).isEqualTo("STOLEN");

      CliTestSupport.Result unauthorized = CliTestSupport.run("admin", "--relay", server.url(), "--admin-token",
          "wrong-token-000000000", "import-opt-outs", "--advertiser", "봄빛마트", "--csv", csv.toString());
      assertThat(unauthorized.exitCode()).isEqualTo(TqcCli.EXIT_REFUSED);
      assertThat(unauthorized.err()).contains("unauthorized");
    }
  }
}
