package io.tqc.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.relay.ReplayCache.Result;
import io.tqc.testing.RedisServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rediss://}: the server's certificate and host name are checked; a failed check is "unavailable". */
class RedisReplayCacheTlsTest {
  static final String PASSWORD = "tls-test-password";

  /** Certificate for 127.0.0.1: right name. */
  @RegisterExtension
  static final RedisServer byAddress = RedisServer.builder().password(PASSWORD).tls("IP:127.0.0.1").build();

  /** Certificate for another name, trusted all the same. */
  @RegisterExtension
  static final RedisServer otherName = RedisServer.builder().password(PASSWORD).tls("DNS:cache.relay.example").build();

  final Instant now = Instant.now();

  private static SSLSocketFactory trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static RedisReplayConfig.Builder config(RedisServer server) {
    return new RedisReplayConfig.Builder().uri("rediss://127.0.0.1:" + server.tlsPort()).password(PASSWORD)
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).failFastPeriod(Duration.ZERO);
  }

  @Test
  void trustedCertificateForTheHost_works() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(
        config(byAddress).sslSocketFactory(trusting(byAddress.certificate())).build())) {
      String id = "proof:" + UUID.randomUUID();
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.FIRST_USE);
      assertThat(cache.remember(id, now.plusSeconds(66), now)).isEqualTo(Result.REPLAYED);
    }
  }

  @Test
  void untrustedCertificate_isUnavailable() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(config(byAddress).build())) {
      assertThat(cache.isAvailable()).isFalse();
      assertThat(cache.remember("proof:" + UUID.randomUUID(), now.plusSeconds(66), now))
          .isEqualTo(Result.UNAVAILABLE);
    }
  }

  @Test
  void trustedCertificateForAnotherName_isUnavailable() throws Exception {
    try (RedisReplayCache cache = RedisReplayCache.open(
        config(otherName).sslSocketFactory(trusting(otherName.certificate())).build())) {
      assertThat(cache.isAvailable()).isFalse();
      assertThat(cache.remember("proof:" + UUID.randomUUID(), now.plusSeconds(66), now))
          .isEqualTo(Result.UNAVAILABLE);
    }
  }
}
