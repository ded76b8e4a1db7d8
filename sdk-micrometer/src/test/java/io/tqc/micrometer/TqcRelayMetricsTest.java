package io.tqc.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.RelayStats;
import io.tqc.relay.TimingSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TqcRelayMetricsTest {
  static final String ISSUER = "https://relay.test.kr";
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  @TempDir Path dir;

  double batches(String outcome, String reason) {
    return registry.get("tqc.relay.batches").tag("outcome", outcome).tag("reason", reason).functionCounter().count();
  }

  FunctionTimer timer(String name) {
    return registry.get(name).functionTimer();
  }

  double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  double timeGauge(String name) {
    return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
  }

  @Test
  void refusalsByReason_followTheRelaysStatistics_atEachScrape() throws Exception {
    try (Relay relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).dataDirectory(dir).build())) {
      new TqcRelayMetrics(relay).bindTo(registry);
      assertThat(batches("refused", "token_malformed")).isZero();

      assertThatThrownBy(() -> relay.acceptBatch("not-a-token", "not-a-proof",
          "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(RelayException.class);

      assertThat(batches("refused", ReasonCode.TOKEN_MALFORMED.code())).isEqualTo(1);
      assertThat(batches("accepted", "none")).isZero();
      assertThat(registry.get("tqc.relay.batches").functionCounters()).hasSize(ReasonCode.values().length + 1);
      assertThat(timer("tqc.relay.verification").count()).as("a refusal is timed too").isEqualTo(1);
      assertThat(timer("tqc.relay.audit.commit").count()).as("but commits nothing").isZero();
      assertThat(gauge("tqc.relay.audit.group.size")).isZero();
    }
  }

  @Test
  void acceptedBatch_movesTheBatchVerificationCommitGroupAndReplayMeters_onARealRelay() throws Exception {
    try (Relay relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).dataDirectory(dir).build())) {
      new TqcRelayMetrics(relay).bindTo(registry);
      ResellerId id = ResellerId.parse("124-81-00998");
      SigningKey key = SigningKey.generate();
      relay.registry().register(new Registration.Builder().id(id).name("(주)예시문자").addKey(key.verificationKey())
          .senderNumbers(List.of("0212345678")).originCode("123456789").build(), "operator");
      CertificationToken token = relay.issueToken(id.value(),
          ClientAssertion.create(key, id, ISSUER, Instant.now(), Duration.ofMinutes(1))).token();
      double replayBefore = gauge("tqc.relay.replay.cache.size");
      byte[] body = new Batch.Builder().senderNumber("0212345678").advertising(true).advertiser("테스트상점", "02-1234-5678")
          .addMessage(new BatchMessage("01012340000", "(광고)테스트상점 할인 안내 문의 02-1234-5678 무료거부 080-123-4567", true))
          .build().toJsonBytes();
      String proof = new BatchProofSigner(key, ISSUER).sign(token, body, 1, Instant.now()).compact();

      relay.acceptBatch(token.compact(), proof, body);

      assertThat(batches("accepted", "none")).isEqualTo(1);
      assertThat(timer("tqc.relay.verification").count()).isEqualTo(1);
      assertThat(timer("tqc.relay.verification").totalTime(TimeUnit.SECONDS)).isPositive();
      assertThat(timeGauge("tqc.relay.verification.max")).isPositive();
      assertThat(timer("tqc.relay.audit.commit").count()).isEqualTo(1);
      assertThat(timeGauge("tqc.relay.audit.commit.max")).isPositive();
      assertThat(gauge("tqc.relay.audit.group.size")).isEqualTo(1.0);
      assertThat(gauge("tqc.relay.replay.cache.size")).isEqualTo(replayBefore + 1);
      assertThat(timeGauge("tqc.relay.registry.feed.lag")).as("a single node hears no remote change").isNaN();
      assertThat(registry.get("tqc.relay.tokens.issued").functionCounter().count()).isEqualTo(1);
    }
  }

  @Test
  void everyStatistic_reachesItsMeter_andUnknownValuesAreNaN() {
    AtomicReference<RelayStats> current = new AtomicReference<>(new RelayStats.Builder().build());
    Supplier<RelayStats> stats = current::get;
    new TqcRelayMetrics(stats).bindTo(registry);
    assertThat(gauge("tqc.relay.replay.cache.size")).isNaN();
    assertThat(timeGauge("tqc.relay.registry.feed.lag")).isNaN();
    assertThat(timer("tqc.relay.verification").count()).isZero();

    TimingSummary verification = new TimingSummary.Builder().count(10).total(Duration.ofMillis(30))
        .window(Duration.ofMinutes(1)).recentCount(4).mean(Duration.ofMillis(2)).max(Duration.ofMillis(7)).build();
    TimingSummary commits = new TimingSummary.Builder().count(3).total(Duration.ofMillis(9))
        .window(Duration.ofMinutes(1)).recentCount(3).mean(Duration.ofMillis(3)).max(Duration.ofMillis(5)).build();
    current.set(new RelayStats.Builder().acceptedBatches(8).rejectedBatches(Map.of(ReasonCode.BATCH_REPLAYED, 2L))
        .tokensIssued(4).statusSubscribers(3).verification(verification).auditCommit(commits).auditGroupSize(2.5)
        .replayCacheSize(42).registryFeedLag(Duration.ofMillis(1500)).build());

    assertThat(batches("accepted", "none")).isEqualTo(8);
    assertThat(batches("refused", "batch_replayed")).isEqualTo(2);
    assertThat(batches("refused", "token_expired")).isZero();
    assertThat(timer("tqc.relay.verification").count()).isEqualTo(10);
    assertThat(timer("tqc.relay.verification").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
    assertThat(timeGauge("tqc.relay.verification.max")).isEqualTo(0.007);
    assertThat(timer("tqc.relay.audit.commit").count()).isEqualTo(3);
    assertThat(timeGauge("tqc.relay.audit.commit.max")).isEqualTo(0.005);
    assertThat(gauge("tqc.relay.audit.group.size")).isEqualTo(2.5);
    assertThat(gauge("tqc.relay.replay.cache.size")).isEqualTo(42);
    assertThat(timeGauge("tqc.relay.registry.feed.lag")).isEqualTo(1.5);
    assertThat(registry.get("tqc.relay.tokens.issued").functionCounter().count()).isEqualTo(4);
    assertThat(gauge("tqc.relay.status.subscribers")).isEqualTo(3);
  }

  @Test
  void meterNames_areLowercaseDotted_andTagsBounded() {
    new TqcRelayMetrics(() -> new RelayStats.Builder().build()).bindTo(registry);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).matches("tqc\\.relay(\\.[a-z]+)+");
      meter.getId().getTags().forEach(tag -> assertThat(tag.getKey()).isIn("outcome", "reason"));
    }
  }
}
