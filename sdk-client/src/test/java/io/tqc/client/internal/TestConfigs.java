package io.tqc.client.internal;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.Backoff;
import io.tqc.client.CircuitBreakerPolicy;
import io.tqc.client.RetryPolicy;
import io.tqc.client.Timeouts;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;

/** Client configurations for unit tests of internals. */
final class TestConfigs {
  private TestConfigs() {}

  static ClientConfig fast() {
    try {
      return ClientConfig.builder().relayUrl(HttpUrl.get("http://localhost:1/"))
          .resellerId(ResellerId.parse("1248100998")).signingKey(SigningKey.generate()).clock(Clock.systemUTC())
          .statusPollInterval(Duration.ofMillis(100))
          .reconnectBackoff(Backoff.between(Duration.ofMillis(50), Duration.ofMillis(200)))
          .timeouts(Timeouts.builder().connect(Duration.ofSeconds(1)).read(Duration.ofSeconds(1))
              .call(Duration.ofSeconds(2)).build())
          .retry(RetryPolicy.builder().maxAttempts(3).backoff(Backoff.between(Duration.ofMillis(5), Duration.ofMillis(20)))
              .build())
          .circuitBreaker(CircuitBreakerPolicy.builder().window(10).minimumCalls(5).openDuration(Duration.ofMinutes(5))
              .build())
          .maintenanceInterval(Duration.ofMillis(20)).keysRefreshMinInterval(Duration.ZERO).compliancePolicy(null)
          .build();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
