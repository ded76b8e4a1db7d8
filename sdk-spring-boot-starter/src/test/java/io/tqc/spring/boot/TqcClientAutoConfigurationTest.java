package io.tqc.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.status.CertificationStatus;
import io.tqc.client.NotCertifiedException;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration on {@link ApplicationContextRunner}; run on Boot 2.7 here and 3.5 in sdk-spring-boot3-tests. */
class TqcClientAutoConfigurationTest {
  @TempDir Path dir;
  StubRelay relay;
  Path keyFile;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() throws Exception {
    relay = new StubRelay();
    keyFile = dir.resolve("reseller-key.jwk");
    Files.write(keyFile, relay.resellerPrivateJwk().getBytes(StandardCharsets.UTF_8));
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TqcClientAutoConfiguration.class));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  ApplicationContextRunner configured() {
    return runner.withPropertyValues("tqc.client.relay-url=" + relay.url(), "tqc.client.reseller-id=124-81-00998",
        "tqc.client.signing-key-file=" + keyFile, "tqc.client.status-poll-interval=50ms",
        "tqc.client.startup-wait=10s");
  }

  @Test
  void configuredProperties_giveAReadyClient_itsInterceptor_andHealthUp() {
    configured().run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(TqcClient.class).hasBean("tqcInterceptor")
          .hasSingleBean(TqcHealthIndicator.class);
      TqcClient client = context.getBean(TqcClient.class);
      assertThat(client.isReady()).isTrue();
      assertThat(context.getBean("tqcInterceptor", Interceptor.class)).isSameAs(client.interceptor());
      Health health = context.getBean(TqcHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("reseller", "124-81-00998").doesNotContainKey("reason");
    });
  }

  @Test
  void suspension_turnsHealthDown_withTheReasonCodeTheClientWouldRefuseWith() {
    configured().run(context -> {
      TqcHealthIndicator health = context.getBean(TqcHealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP); // control: healthy before

      relay.status(CertificationStatus.SUSPENDED);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (context.getBean(TqcClient.class).isReady() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails()).containsEntry("reason", ReasonCode.CERTIFICATION_SUSPENDED.code());
      assertThat(down.getDetails().values().toString()).doesNotContain("eyJ"); // no token in the details
    });
  }

  @Test
  void unreachableRelay_isDown_withoutFailingStartup() {
    runner.withPropertyValues("tqc.client.relay-url=http://127.0.0.1:9/", "tqc.client.reseller-id=124-81-00998",
        "tqc.client.signing-key-file=" + keyFile).run(context -> {
          assertThat(context).hasNotFailed();
          Health health = context.getBean(TqcHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsKey("reason");
        });
  }

  @Test
  void contextClose_closesTheClient_soNothingIsCertifiedAfterShutdown() {
    AtomicReference<TqcClient> client = new AtomicReference<>();
    configured().run(context -> client.set(context.getBean(TqcClient.class)));

    Batch batch = new Batch.Builder().senderNumber(StubRelay.SENDER).advertising(true).advertiser("봄빛마트", "02-1234-5678")
        .addMessage(new BatchMessage("01012345678", "(광고)봄빛마트 할인 문의 02-1234-5678 무료거부 080-123-4567", true))
        .build();
    assertThat(client.get().isReady()).isFalse();
    assertThatThrownBy(() -> client.get().certify(batch)).isInstanceOf(NotCertifiedException.class);
  }

  @Test
  void withoutARelayUrl_orWhenDisabled_nothingIsConfigured() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TqcClient.class));
    configured().withPropertyValues("tqc.client.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TqcClient.class)
            .doesNotHaveBean("tqcInterceptor"));
  }

  @Test
  void missingOrInvalidSettings_failStartup_namingTheProperty_neverTheKey() throws Exception {
    runner.withPropertyValues("tqc.client.relay-url=" + relay.url(), "tqc.client.signing-key-file=" + keyFile)
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("tqc.client.reseller-id is required"));
    runner.withPropertyValues("tqc.client.relay-url=" + relay.url(), "tqc.client.reseller-id=124-81-00999",
        "tqc.client.signing-key-file=" + keyFile)
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("tqc.client.reseller-id"));
    Path notAKey = dir.resolve("not-a-key.jwk");
    Files.write(notAKey, "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"c2VjcmV0LXNlZWQ\"}".getBytes(StandardCharsets.UTF_8));
    runner.withPropertyValues("tqc.client.relay-url=" + relay.url(), "tqc.client.reseller-id=124-81-00998",
        "tqc.client.signing-key-file=" + notAKey)
        .run(context -> {
          assertThat(context).hasFailed().getFailure().hasStackTraceContaining("tqc.client.signing-key-file");
          assertThat(context.getStartupFailure().getMessage()).doesNotContain("c2VjcmV0LXNlZWQ");
        });
  }

  @Test
  void anApplicationsOwnClient_winsOverTheAutoConfiguredOne() throws Exception {
    TqcClient own = new TqcClient.Builder().relayUrl(relay.url()).resellerId("124-81-00998").signingKeyFile(keyFile)
        .build();
    try {
      configured().withBean(TqcClient.class, () -> own)
          .run(context -> assertThat(context.getBean(TqcClient.class)).isSameAs(own));
    } finally {
      own.close();
    }
  }

  @Test
  void withAMeterRegistry_clientMetricsAreRecorded_andTheApplicationsListenerStillHearsEvents() {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    configured().withBean(io.micrometer.core.instrument.MeterRegistry.class, () -> registry)
        .withBean(io.tqc.client.TqcEventListener.class, () -> new io.tqc.client.TqcEventListener() {
          @Override
          public void tokenRefreshed(io.tqc.api.token.CertificationToken token) {
            heard.add("token");
          }
        })
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(registry.get("tqc.client.token.refreshes").tag("outcome", "success").counter().count())
              .isGreaterThanOrEqualTo(1);
          assertThat(registry.get("tqc.client.status").tag("status", "active").gauge().value()).isEqualTo(1);
          // The meters of issue 16 come through the starter's listener too.
          assertThat(registry.get("tqc.client.status.age").gauge().value()).isNotNaN().isGreaterThanOrEqualTo(0);
          assertThat(registry.get("tqc.client.certifications").tag("outcome", "certified").tag("reason", "none")
              .counter().count()).isZero();
          assertThat(registry.get("tqc.client.stream.reconnects").counters()).hasSize(2);
          assertThat(heard).contains("token");
        });
  }

  @Test
  void configurationMetadata_isGenerated_forEveryProperty() throws Exception {
    try (InputStream in = TqcClientProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(readAll(in), StandardCharsets.UTF_8);
      assertThat(json).contains("\"tqc.client.relay-url\"", "\"tqc.client.reseller-id\"",
          "\"tqc.client.signing-key-file\"", "\"tqc.client.max-status-age\"", "\"tqc.client.startup-wait\"")
          .contains("사업자등록번호");
    }
  }

  private static byte[] readAll(InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
