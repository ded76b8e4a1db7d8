package io.tqc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(registry.get("tqc.client.batches.refused").tag("reason", "certification_suspended").counter().count())
        .isEqualTo(2);
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

    assertThat(registry.get("tqc.client.batches.noncompliant").counter().getId().getTag("reason"))
        .isEqualTo(report.violations().get(0).code().code());
  }

  @Test
  void noMeterIsTaggedWithAResellerBatchOrNumber_onlyWithBoundedValues() {
    TqcClientMetrics metrics = TqcClientMetrics.of(registry);
    metrics.failedClosed(new TqcClientException(ReasonCode.STATUS_UNAVAILABLE, "no status", new byte[1], 1, null));
    metrics.statusChanged(null, CertificationStatus.ACTIVE, 1, null);

    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).matches("tqc\\.client(\\.[a-z]+)+");
      meter.getId().getTags().forEach(tag -> assertThat(tag.getKey()).isIn("reason", "status", "outcome"));
    }
  }
}
