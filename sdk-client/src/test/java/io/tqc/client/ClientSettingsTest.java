package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.Disposition;
import io.tqc.api.ReasonCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  @Test
  void defaults_areTheDocumentedOnes() {
    RetryPolicy retry = RetryPolicy.defaults();
    assertThat(retry.maxAttempts()).isEqualTo(3);
    assertThat(retry.backoff()).isEqualTo(Backoff.between(Duration.ofMillis(250), Duration.ofSeconds(30)));
    assertThat(retry.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Timeouts.defaults().call()).isEqualTo(Duration.ofSeconds(15));
    assertThat(CircuitBreakerPolicy.defaults().minimumCalls()).isEqualTo(5);
  }

  @Test
  void outOfRangeValues_areRefusedWhenTheValueIsBuilt_namingTheSetting() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> Backoff.between(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max delay");
    assertThatThrownBy(() -> Timeouts.builder().read(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read timeout");
    assertThatThrownBy(() -> CircuitBreakerPolicy.builder().window(4).minimumCalls(5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumCalls");
  }

  @Test
  void clientBuilder_refusesAMissingValueObject() {
    assertThatThrownBy(() -> new TqcClient.Builder().relayUrl("http://localhost:1/").resellerId("1248100998")
        .signingKey(io.tqc.api.key.SigningKey.generate()).retry(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry");
  }

  @Test
  void exceptionDisposition_followsTheReason() {
    assertThat(new CertificationSuspendedException("s", null, 0, null).disposition())
        .isEqualTo(Disposition.WAIT_FOR_RELAY);
    assertThat(new CertificationRevokedException("r", null, 0, null).disposition()).isEqualTo(Disposition.STOP);
    assertThat(new TqcClientException(ReasonCode.QUOTA_EXCEEDED, "q", null, 0, null).disposition())
        .isEqualTo(Disposition.RETRY_LATER);
    assertThat(new RelayRefusedException(422, "opt_out_missing", "d", null, 0, null).disposition())
        .isEqualTo(Disposition.FIX_BATCH);
    assertThat(new RelayRefusedException(400, "code_of_tomorrow", "d", null, 0, null).disposition())
        .isEqualTo(Disposition.STOP);
  }

  @Test
  void notCertified_waitsForTheRelay_unlessTheTokenRequestWasRefusedForGood() {
    NotCertifiedException pending = new NotCertifiedException("first token pending", null, 0, null);
    NotCertifiedException refused = new NotCertifiedException("token refused", null, 0,
        new RelayRefusedException(401, "reseller_unknown", "unknown", null, 0, null));

    assertThat(pending.disposition()).isEqualTo(Disposition.WAIT_FOR_RELAY);
    assertThat(refused.disposition()).isEqualTo(Disposition.STOP);
  }
}
