package io.tqc.client.internal;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;

/** Client configurations for unit tests of internals. */
final class TestConfigs {
  private TestConfigs() {}

  static ClientConfig fast() {
    try {
      return new ClientConfig(HttpUrl.get("http://localhost:1/"), ResellerId.parse("1248100998"),
          SigningKey.generate(), null, Clock.systemUTC(), Ticker.SYSTEM, null, Duration.ofSeconds(60), 1.0 / 3,
          Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(45),
          Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1),
          Duration.ofSeconds(2), 3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(30), 10, 5,
          Duration.ofMinutes(5), Duration.ofMillis(20), Duration.ZERO, Duration.ofMinutes(10), null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
