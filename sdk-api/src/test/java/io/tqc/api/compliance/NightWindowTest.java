package io.tqc.api.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The night window (21:00–08:00 Korea time) at its four boundaries, evaluated while the JVM's default
 * zone is UTC and while it is America/New_York: the answer must depend only on the instant.
 */
class NightWindowTest {
  private static final ZoneOffset KST = ZoneOffset.ofHours(9);
  private TimeZone saved;

  @BeforeEach
  void saveDefaultZone() {
    saved = TimeZone.getDefault();
  }

  @AfterEach
  void restoreDefaultZone() {
    TimeZone.setDefault(saved);
  }

  @ParameterizedTest(name = "default zone {0}, {1} KST -> night {2}")
  @CsvSource({
      "UTC, 2025-03-14T20:59:59, false",
      "UTC, 2025-03-14T21:00:00, true",
      "UTC, 2025-03-15T07:59:59, true",
      "UTC, 2025-03-15T08:00:00, false",
      "America/New_York, 2025-03-14T20:59:59, false",
      "America/New_York, 2025-03-14T21:00:00, true",
      "America/New_York, 2025-03-15T07:59:59, true",
      "America/New_York, 2025-03-15T08:00:00, false",
      // New York changes to daylight time on 2025-03-09; Korea has no DST: still the same boundaries.
      "America/New_York, 2025-03-09T20:59:59, false",
      "America/New_York, 2025-03-09T21:00:00, true",
      "Asia/Seoul, 2025-07-01T07:59:59, true",
      "Asia/Seoul, 2025-07-01T08:00:00, false",
  })
  void nightWindowBoundary_dependsOnlyOnKoreaTime(String defaultZone, LocalDateTime kst, boolean night) {
    TimeZone.setDefault(TimeZone.getTimeZone(defaultZone));
    Instant instant = kst.toInstant(KST);

    // The batch's send_at ...
    ComplianceReport scheduled = CompliancePolicy.defaults()
        .check(batch(instant, false), null, Instant.EPOCH);
    // ... or, without send_at, the default send time passed in.
    ComplianceReport immediate = CompliancePolicy.defaults().check(batch(null, false), null, instant);

    for (ComplianceReport report : new ComplianceReport[] {scheduled, immediate}) {
      assertThat(report.nightTime()).isEqualTo(night);
      assertThat(report.sendTime()).isEqualTo(instant);
      assertThat(report.errorCodes().contains(ReasonCode.NIGHT_CONSENT_MISSING)).isEqualTo(night);
      assertThat(report.isCompliant()).isEqualTo(!night);
    }
    assertThat(CompliancePolicy.defaults().check(batch(instant, true), null, Instant.EPOCH).isCompliant())
        .as("night consent given").isTrue();
  }

  @ParameterizedTest(name = "default zone {0}")
  @CsvSource({"UTC", "America/New_York", "Pacific/Kiritimati", "Asia/Seoul"})
  void sameInstant_sameReport_whateverTheDefaultZone(String defaultZone) {
    TimeZone.setDefault(TimeZone.getTimeZone(defaultZone));
    ComplianceReport report = CompliancePolicy.defaults()
        .check(batch(Instant.parse("2025-03-14T12:30:00Z"), false), null, Instant.EPOCH);
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ReasonCode.NIGHT_CONSENT_MISSING);
      assertThat(v.detail()).contains("2025-03-14 21:30:00 KST");
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"-1000000000-01-01T00:00:00Z, false", "+1000000000-12-31T23:59:59Z, false",
      "+1000000000-12-31T12:30:00Z, true"})
  void extremeSendTimes_areEvaluatedWithoutOverflow(Instant sendAt, boolean night) {
    ComplianceReport report = CompliancePolicy.defaults().check(batch(sendAt, false), null, Instant.EPOCH);
    assertThat(report.nightTime()).isEqualTo(night);
    assertThat(report.errorCodes().contains(ReasonCode.NIGHT_CONSENT_MISSING)).isEqualTo(night);
  }

  private static Batch batch(Instant sendAt, boolean nightConsent) {
    return TestBatches.advertising()
        .addMessage(new BatchMessage("010-2345-6789", TestBatches.TEXT, nightConsent))
        .sendAt(sendAt)
        .build();
  }
}
