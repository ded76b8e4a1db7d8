package io.tqc.relay.redis;

import io.tqc.relay.ReplayCache;
import io.tqc.relay.ReplayCacheContract;
import io.tqc.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ReplayCacheContract} on a real Redis. */
class RedisReplayCacheContractTest extends ReplayCacheContract {
  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password("contract-test-password").build();

  @Override
  protected ReplayCache newCache() throws Exception {
    // Generous timeouts: these tests are about answers, not outages, and the build machine is shared.
    return RedisReplayCache.open(new RedisReplayConfig.Builder().uri(redis.uri()).password(redis.password())
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build());
  }
}
