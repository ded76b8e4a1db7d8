package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference relay's Prometheus endpoint. */
class MetricsRouteTest {
  static final String ISSUER = "https://relay.metrics.test";
  @TempDir Path data;
  RelayServer server;
  RelayHttp http;

  @BeforeEach
  void start() throws Exception {
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** The value of the sample {@code series} (name and labels exactly as exported). */
  static double sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
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
    String scrape = metrics.body();
    assertThat(sample(scrape, "tqc_relay_batches_total{outcome=\"accepted\",reason=\"none\"}")).isZero();
    assertThat(sample(scrape, "tqc_relay_batches_total{outcome=\"refused\",reason=\"token_malformed\"}"))
        .isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_verification_seconds_count")).isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_audit_commit_seconds_count")).isZero();
    assertThat(scrape).doesNotContain(server.adminToken());
  }

  @Test
  void acceptedBatch_showsInEveryRelayMeter_inPrometheusForm() throws Exception {
    RelayHttp.Reseller reseller = http.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    String token = reseller.token();
    RelayHttp.Response accepted = reseller.send(token);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

    String scrape = http.adminGet("/metrics").body();

    assertThat(sample(scrape, "tqc_relay_batches_total{outcome=\"accepted\",reason=\"none\"}")).isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_verification_seconds_count")).isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_verification_seconds_sum")).isPositive();
    assertThat(sample(scrape, "tqc_relay_verification_max_seconds")).isPositive();
    assertThat(sample(scrape, "tqc_relay_audit_commit_seconds_count")).isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_audit_commit_seconds_sum")).isPositive();
    assertThat(sample(scrape, "tqc_relay_audit_commit_max_seconds")).isPositive();
    assertThat(sample(scrape, "tqc_relay_audit_group_size")).isEqualTo(1);
    assertThat(sample(scrape, "tqc_relay_replay_cache_size")).as("the assertion and the batch").isGreaterThanOrEqualTo(2);
    assertThat(sample(scrape, "tqc_relay_registry_feed_lag_seconds")).as("one node: no remote change").isNaN();
    assertThat(sample(scrape, "tqc_relay_tokens_issued_total")).isEqualTo(1);
    assertThat(scrape).contains("# TYPE tqc_relay_verification_seconds summary")
        .doesNotContain(reseller.id.value()).doesNotContain(reseller.id.formatted());
  }
}
