package io.tqc.examples.relay;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tqc.api.ReasonCode;
import io.tqc.api.http.TqcHeaders;
import io.tqc.micrometer.TqcRelayMetrics;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.RelayStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the relay's meters ({@code tqc.relay.*}, see docs/metrics.md) in the Prometheus
 * text format, behind the admin credential ({@code Authorization: Bearer <admin token>}, compared in
 * constant time) like the admin API. Scrape it from the operator's network only.
 */
final class MetricsRoute {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final byte[] adminTokenDigest;
  /** Held here: Micrometer keeps only a weak reference to what its function meters read. */
  private final Supplier<RelayStats> stats;

  MetricsRoute(Supplier<Relay> relay, String adminToken) {
    this.adminTokenDigest = sha256(adminToken);
    this.stats = () -> relay.get().stats();
    new TqcRelayMetrics(stats).bindTo(registry);
  }

  void register(RoutesConfig routes) {
    routes.get("/metrics", this::scrape);
  }

  private void scrape(Context ctx) throws RelayException {
    String bearer = TqcHeaders.bearer(ctx.header(TqcHeaders.AUTHORIZATION));
    boolean ok = bearer != null && MessageDigest.isEqual(sha256(bearer), adminTokenDigest);
    if (!ok) {
      throw new RelayException(ReasonCode.UNAUTHORIZED, "admin bearer token missing or wrong");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
