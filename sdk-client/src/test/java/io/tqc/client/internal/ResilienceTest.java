package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilienceTest {
  static RelayHttpException http(int status, long retryAfter) {
    return new RelayHttpException("test", status, null, null, retryAfter);
  }

  @Test
  void retries_ioErrors_serverErrors_and429_butNotOther4xxOrContractViolations() {
    long cap = 30_000;
    assertThat(Resilience.isRetryable(new SocketTimeoutException(), cap)).isTrue();
    assertThat(Resilience.isRetryable(http(503, -1), cap)).isTrue();
    assertThat(Resilience.isRetryable(http(429, 2000), cap)).isTrue();
    assertThat(Resilience.isRetryable(http(429, 60_000), cap)).isFalse();
    assertThat(Resilience.isRetryable(http(401, -1), cap)).isFalse();
    assertThat(Resilience.isRetryable(http(403, -1), cap)).isFalse();
    assertThat(Resilience.isRetryable(new RelayContractException("garbage"), cap)).isFalse();
    assertThat(Resilience.isRetryable(new IllegalStateException(), cap)).isFalse();
  }

  @Test
  void circuitCounts_relayFailures_notRefusals() {
    assertThat(Resilience.isRelayFailure(http(500, -1))).isTrue();
    assertThat(Resilience.isRelayFailure(new IOException("reset"))).isTrue();
    assertThat(Resilience.isRelayFailure(new RelayContractException("html"))).isTrue();
    assertThat(Resilience.isRelayFailure(http(403, -1))).isFalse();
  }

  @Test
  void call_retriesUpToMaxAttempts_thenRethrowsTheLastError() {
    ClientConfig config = TestConfigs.fast();
    Resilience resilience = new Resilience("test", config);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> resilience.call(() -> {
      calls.incrementAndGet();
      throw http(502, -1);
    })).isInstanceOfSatisfying(RelayHttpException.class, e -> assertThat(e.status()).isEqualTo(502));
    assertThat(calls).hasValue(config.retryMaxAttempts);
  }

  @Test
  void call_waitsAtLeastRetryAfter_betweenAttempts() throws Exception {
    Resilience resilience = new Resilience("test", TestConfigs.fast());
    List<Duration> waits = new CopyOnWriteArrayList<>();
    resilience.onRetryWait(waits::add);
    AtomicInteger calls = new AtomicInteger();
    String result = resilience.call(() -> {
      if (calls.incrementAndGet() == 1) {
        throw http(429, 300);
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(waits).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
  }

  @Test
  void call_failsFastOnceTheCircuitIsOpen() {
    ClientConfig config = TestConfigs.fast();
    Resilience resilience = new Resilience("test", config);
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> resilience.call(() -> {
        calls.incrementAndGet();
        throw new IOException("connection refused");
      })).isInstanceOf(IOException.class);
    }
    assertThat(resilience.circuitState()).isEqualTo("OPEN");
    assertThat(calls).hasValue(config.circuitBreakerMinimumCalls);
    assertThatThrownBy(() -> resilience.call(() -> "x")).isInstanceOf(Resilience.CircuitOpenException.class);
  }
}
