package io.tqc.client;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay whose replay cache (or store) cannot answer refuses with {@code 503 relay_unavailable}
 * and {@code Retry-After}: the client treats it as transient, waits, and retries.
 */
class RelayUnavailableAnswerTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);

  RelayStub relay;
  TqcClient client;

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  @Test
  void relayUnavailable503_isRetriedAfterRetryAfter_thenSucceeds() throws Exception {
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("redis down")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(RelayStub.problem(503, "relay_unavailable").withHeader("Retry-After", "1"))
        .willSetStateTo("back"));
    CertificationToken token = relay.token(LIFETIME);
    relay.wm.stubFor(post(urlEqualTo(RelayStub.TOKEN_PATH)).inScenario("redis down").whenScenarioStateIs("back")
        .willReturn(RelayStub.json(RelayStub.tokenBody(token, LIFETIME.getSeconds()))));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    List<TqcClientException> failures = new CopyOnWriteArrayList<>();
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void tokenRefreshFailed(TqcClientException error) {
        failures.add(error);
      }
    }).build();
    client.engine().tokenResilience().onRetryWait(waits::add);

    client.awaitReady(Duration.ofSeconds(10));
    assertThat(client.certify("{}".getBytes(StandardCharsets.UTF_8), 1).token()).isEqualTo(token.compact());
    assertThat(relay.tokenRequests()).isEqualTo(2);
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(failures).isEmpty();
  }
}
