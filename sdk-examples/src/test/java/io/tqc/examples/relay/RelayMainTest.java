package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.compliance.Enforcement;
import io.tqc.relay.ComplianceContentPolicy;
import io.tqc.relay.ContentPolicy;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayMainTest {
  static final String TOKEN = "main-test-admin-token-0123456789";

  @Test
  void flags_configureTheServer() {
    RelayServerConfig config = RelayMain.parse(new String[] {"--port", "0", "--data", "d", "--issuer",
        "https://relay.example.kr", "--admin-token", TOKEN, "--host", "0.0.0.0", "--heartbeat-seconds", "5"}, null);
    assertThat(config.port()).isZero();
    assertThat(config.dataDirectory()).isEqualTo(Paths.get("d"));
    assertThat(config.issuer()).isEqualTo("https://relay.example.kr");
    assertThat(config.adminToken()).isEqualTo(TOKEN);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void complianceFlag_choosesTheContentPolicy_enforcingByDefault() {
    String[] base = {"--port", "0", "--data", "d", "--issuer", "https://r.kr"};
    assertThat(RelayMain.parse(base, TOKEN).contentPolicy()).isSameAs(ComplianceContentPolicy.defaults());
    assertThat(RelayMain.parse(with(base, "--compliance", "enforce"), TOKEN).contentPolicy())
        .isSameAs(ComplianceContentPolicy.defaults());
    assertThat(RelayMain.parse(with(base, "--compliance", "off"), TOKEN).contentPolicy()).isSameAs(ContentPolicy.NONE);
    ContentPolicy warn = RelayMain.parse(with(base, "--compliance", "warn"), TOKEN).contentPolicy();
    assertThat(((ComplianceContentPolicy) warn).policy().enforcement(ReasonCode.AD_MARKER_MISSING))
        .isEqualTo(Enforcement.WARN);
    assertThatThrownBy(() -> RelayMain.parse(with(base, "--compliance", "strict"), TOKEN))
        .hasMessageContaining("enforce, warn or off");
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void adminToken_mayComeFromTheEnvironment_flagWins() {
    String[] args = {"--port", "8080", "--data", "d", "--issuer", "https://r.kr"};
    assertThat(RelayMain.parse(args, TOKEN).adminToken()).isEqualTo(TOKEN);
    String[] withFlag = {"--port", "8080", "--data", "d", "--issuer", "https://r.kr", "--admin-token", TOKEN + "x"};
    assertThat(RelayMain.parse(withFlag, TOKEN).adminToken()).isEqualTo(TOKEN + "x");
  }

  @Test
  void missingOrBadArguments_areUsageErrors() {
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--port", "1", "--data", "d", "--issuer", "i"}, null))
        .hasMessageContaining("admin token");
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--data", "d", "--issuer", "i"}, TOKEN))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--port", "x"}, TOKEN)).hasMessageContaining("number");
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--verbose", "1"}, TOKEN)).hasMessageContaining("unknown");
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--port"}, TOKEN)).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> RelayMain.parse(new String[] {"--port", "1", "--data", "d", "--issuer", "i",
        "--admin-token", "short"}, null)).hasMessageContaining("16");
  }
}
