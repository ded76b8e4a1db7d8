package io.tqc.spring.boot;

import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator health of the TQC client ({@code /actuator/health/tqc}): UP while a batch certified now
 * would be accepted by the client, DOWN otherwise, with the reason code the client would refuse with
 * ({@code certification_suspended}, {@code status_unavailable}, {@code not_certified}, ...) and its
 * detail. Details name the relay and the reseller; never a token, proof or key. Cheap: reads the
 * client's state, no network call.
 */
public final class TqcHealthIndicator implements HealthIndicator {
  private final TqcClient client;

  /** A health indicator for {@code client}. */
  public TqcHealthIndicator(TqcClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      client.awaitReady(Duration.ZERO);
      health = Health.up();
    } catch (TqcClientException refusal) {
      health = Health.down().withDetail("reason", refusal.reason().code()).withDetail("detail", refusal.detail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      health = Health.unknown();
    }
    return health.withDetail("relay", client.relayUrl().toString())
        .withDetail("reseller", client.resellerId().formatted()).build();
  }
}
