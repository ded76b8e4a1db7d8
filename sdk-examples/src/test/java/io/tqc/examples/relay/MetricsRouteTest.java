package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference relay's Prometheus endpoint. */
class MetricsRouteTest {
  @TempDir Path data;
  RelayServer server;
  RelayHttp http;

  @BeforeEach
  void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void metrics_needTheAdminCredential_andCountRefusalsByReason() throws Exception {
    RelayHttp.Response anonymous = http.get("/metrics");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.code()).isEqualTo("unauthorized");
    assertThat(http.get("/metrics", "Authorization", "Bearer wrong-token-0123456789").status()).isEqualTo(401);

    RelayHttp.Response refused = http.postJson("/v1/batches", "{}", "Authorization", "TQC not-a-token", "TQC-Proof",
        "not-a-proof");
    assertThat(refused.code()).as(refused.body()).isEqualTo("token_malformed");

    RelayHttp.Response metrics = http.adminGet("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body()).contains("tqc_relay_batches_accepted_total 0.0")
        .contains("tqc_relay_batches_refused_total{reason=\"token_malformed\"} 1.0")
        .doesNotContain(server.adminToken());
  }
}
