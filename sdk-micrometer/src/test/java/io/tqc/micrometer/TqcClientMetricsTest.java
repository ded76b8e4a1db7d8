package io.tqc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TqcClientMetricsTest {
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void refusalsAndStatusChanges_areCountedByBoundedTags_andTheDelegateStillHearsEveryEvent() {
    List<String> heard = new ArrayList<>();
    TqcClientMetrics metrics = TqcClientMetrics.of(registry, new TqcEventListener() {
      @Override
      public void failedClosed(TqcClientException refusal) {
        heard.add(refusal.reason().code());
      }
    });

    metrics.statusChanged(null, CertificationStatus.ACTIVE, 1, null);
    metrics.statusChanged(CertificationStatus.ACTIVE, CertificationStatus.SUSPENDED, 2, "불법스팸 전송 확인");
    metrics.failedClosed(new TqcClientException(ReasonCode.CERTIFICATION_SUSPENDED, "suspended", new byte[1], 1, null));
    metrics.failedClosed(new TqcClientException(ReasonCode.CERTIFICATION_SUSPENDED, "suspended", new byte[1], 1, null));
    metrics.tokenRefreshFailed(new TqcClientException(ReasonCode.RELAY_UNAVAILABLE, "down", null, 0, null));
    metrics.clockSkewMeasured(Duration.ofMillis(-1500));

    assertThat(registry.get("tqc.client.certifications").tag("outcome", "refused")
        .tag("reason", "certification_suspended").counter().count()).isEqualTo(2);
    assertThat(registry.get("tqc.client.certifications").tag("outcome", "certified").counter().count()).isZero();
    assertThat(registry.get("tqc.client.status.changes").tag("status", "suspended").counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.status").tag("status", "suspended").gauge().value()).isEqualTo(1);
    assertThat(registry.get("tqc.client.status").tag("status", "active").gauge().value()).isEqualTo(0);
    assertThat(registry.get("tqc.client.token.refreshes").tag("outcome", "failure").tag("reason", "relay_unavailable")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.clock.skew").gauge().value()).isEqualTo(-1.5);
    assertThat(Double.isNaN(registry.get("tqc.client.token.age").gauge().value())).isTrue();
    assertThat(heard).containsExactly("certification_suspended", "certification_suspended");
  }

  @Test
  void nonCompliantBatches_areCountedByTheirFirstViolation() {
    TqcClientMetrics metrics = TqcClientMetrics.of(registry);
    Batch unmarked = new Batch.Builder().senderNumber("0212345678").advertising(true).advertiser("봄빛마트", "02-1234-5678")
        .addMessage("01012345678", "봄빛마트 할인 02-1234-5678").build();
    ComplianceReport report = CompliancePolicy.defaults().check(unmarked, null, Instant.parse("2026-12-01T03:00:00Z"));

    metrics.batchNonCompliant(new NonCompliantBatchException(report, unmarked.toJsonBytes(), 1));

    assertThat(registry.get("tqc.client.certifications").tag("outcome", "noncompliant").counter().getId()
        .getTag("reason"))
        .isEqualTo(report.violations().get(0).code().code());
  }

  @Test
  void noMeterIsTaggedWithAResellerBatchOrNumber_onlyWithBoundedValues() {
    TqcClientMetrics metrics = TqcClientMetrics.of(registry);
    metrics.failedClosed(new TqcClientException(ReasonCode.STATUS_UNAVAILABLE, "no status", new byte[1], 1, null));
    metrics.statusChanged(null, CertificationStatus.ACTIVE, 1, null);

    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).matches("tqc\\.client(\\.[a-z]+)+");
      meter.getId().getTags().forEach(tag -> assertThat(tag.getKey()).isIn("reason", "status", "outcome", "cause"));
    }
  }

  final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  TqcClientMetrics onTicker() {
    return new TqcClientMetrics(registry, TqcEventListener.NONE, now::get);
  }

  @Test
  void statusAge_isNaNBeforeTheFirstVerifiedStatus_thenGrowsUntilTheNextOne() {
    TqcClientMetrics metrics = onTicker();
    assertThat(registry.get("tqc.client.status.age").gauge().value()).isNaN();
    metrics.statusChanged(null, CertificationStatus.ACTIVE, 5, null);
    assertThat(registry.get("tqc.client.status.age").gauge().value()).as("a change alone is not a verified status")
        .isNaN();

    metrics.statusVerified(CertificationStatus.ACTIVE, 5, Duration.ofSeconds(2));
    assertThat(registry.get("tqc.client.status.age").gauge().value()).isEqualTo(2.0);
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(registry.get("tqc.client.status.age").gauge().value()).isEqualTo(32.0);

    metrics.statusVerified(CertificationStatus.ACTIVE, 5, Duration.ofMillis(500)); // the next heartbeat
    assertThat(registry.get("tqc.client.status.age").gauge().value()).isEqualTo(0.5);
    metrics.statusVerified(CertificationStatus.ACTIVE, 5, Duration.ofSeconds(50)); // an older copy arriving late
    assertThat(registry.get("tqc.client.status.age").gauge().value()).isEqualTo(0.5);
  }

  @Test
  void streamReconnects_areCountedByCause() {
    TqcClientMetrics metrics = onTicker();
    assertThat(registry.get("tqc.client.stream.reconnects").tag("cause", "failure").counter().count()).isZero();

    metrics.statusStreamReconnecting(true, Duration.ofSeconds(1));
    metrics.statusStreamReconnecting(true, Duration.ofSeconds(2));
    metrics.statusStreamReconnecting(false, Duration.ofMillis(500));

    assertThat(registry.get("tqc.client.stream.reconnects").tag("cause", "failure").counter().count()).isEqualTo(2);
    assertThat(registry.get("tqc.client.stream.reconnects").tag("cause", "closed").counter().count()).isEqualTo(1);
  }

  @Test
  void tokenRefreshes_areCountedByOutcome_andTheTokenAgeStartsAtTheRefresh() {
    TqcClientMetrics metrics = onTicker();
    assertThat(registry.get("tqc.client.token.age").gauge().value()).isNaN();

    metrics.tokenRefreshed(null);
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    metrics.tokenRefreshFailed(new TqcClientException(ReasonCode.RELAY_UNAVAILABLE, "down", null, 0, null));

    assertThat(registry.get("tqc.client.token.refreshes").tag("outcome", "success").counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.token.refreshes").tag("outcome", "failure").counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.token.age").gauge().value()).isCloseTo(4.0, within(1e-6));
  }

  @Test
  void firstStatus_reachesTheDelegateAsInitialStatus_andCountsAsAChange() {
    List<String> heard = new ArrayList<>();
    TqcClientMetrics metrics = TqcClientMetrics.of(registry, new TqcEventListener() {
      @Override
      public void initialStatus(CertificationStatus current, long sequence, String reason) {
        heard.add("initial " + current);
      }

      @Override
      public void statusVerified(CertificationStatus status, long sequence, Duration age) {
        heard.add("verified " + status);
      }

      @Override
      public void statusStreamReconnecting(boolean failure, Duration delay) {
        heard.add("reconnecting " + failure);
      }
    });

    metrics.initialStatus(CertificationStatus.ACTIVE, 1, null);
    metrics.statusVerified(CertificationStatus.ACTIVE, 1, Duration.ZERO);
    metrics.statusStreamReconnecting(false, Duration.ofSeconds(1));

    assertThat(heard).containsExactly("initial ACTIVE", "verified ACTIVE", "reconnecting false");
    assertThat(registry.get("tqc.client.status.changes").tag("status", "active").counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.status").tag("status", "active").gauge().value()).isEqualTo(1);
  }

  @Test
  void deferredBatches_areCountedByReason() {
    TqcClientMetrics metrics = onTicker();
    metrics.batchDeferred(null, ReasonCode.QUOTA_EXCEEDED, Duration.ofMinutes(1));
    metrics.batchDeferred(null, null, null);

    assertThat(registry.get("tqc.client.batches.deferred").tag("reason", "quota_exceeded").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("tqc.client.batches.deferred").tag("reason", "unknown").counter().count()).isEqualTo(1);
    assertThat(registry.get("tqc.client.certifications").counters()).hasSize(1); // only "certified", still at 0
  }

  @Test
  void certifiedBatch_countsAsCertified_andNothingElse() {
    TqcClientMetrics metrics = onTicker();
    metrics.batchCertified(null);
    metrics.batchCertified(null);

    assertThat(registry.get("tqc.client.certifications").tag("outcome", "certified").tag("reason", "none").counter()
        .count()).isEqualTo(2);
    assertThat(registry.get("tqc.client.certifications").counters()).hasSize(1);
    assertThat(registry.get("tqc.client.stream.reconnects").tag("cause", "closed").counter().count()).isZero();
  }
}
