package io.tqc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tqc.api.ReasonCode;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TqcRelayMetricsTest {
  @TempDir Path dir;

  @Test
  void refusalsByReason_followTheRelaysStatistics_atEachScrape() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Relay relay = Relay.open(new RelayConfig.Builder().issuer("https://relay.test.kr").dataDirectory(dir).build())) {
      new TqcRelayMetrics(relay).bindTo(registry);
      assertThat(registry.get("tqc.relay.batches.refused").tag("reason", "token_malformed").functionCounter().count())
          .isZero();

      assertThatThrownBy(() -> relay.acceptBatch("not-a-token", "not-a-proof",
          "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(RelayException.class);

      assertThat(registry.get("tqc.relay.batches.refused").tag("reason", ReasonCode.TOKEN_MALFORMED.code())
          .functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("tqc.relay.batches.accepted").functionCounter().count()).isZero();
      assertThat(registry.get("tqc.relay.batches.refused").functionCounters()).hasSize(ReasonCode.values().length);
    }
  }
}
