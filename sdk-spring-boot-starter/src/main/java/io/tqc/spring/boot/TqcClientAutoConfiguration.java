package io.tqc.spring.boot;

import io.tqc.api.TqcException;
import io.tqc.api.token.ResellerId;
import io.tqc.client.Timeouts;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configures a {@link TqcClient} from {@link TqcClientProperties} when {@code tqc.client.relay-url} is
 * set (and {@code tqc.client.enabled} is not false), unless the application defines its own.
 *
 * <p>Beans: {@code tqcClient} (an application's {@link TqcEventListener} bean and an
 * {@link OkHttpClient} bean named {@code tqcOkHttpClient} are used when present), {@code tqcInterceptor}
 * (the client's OkHttp application interceptor: add it with {@code addInterceptor}), and, with Actuator,
 * {@code tqcHealthIndicator}.
 *
 * <p><b>Shutdown.</b> The client is closed when the context closes. Spring stops the web server (with
 * {@code server.shutdown=graceful}, after in-flight requests finish) before it destroys beans, so
 * requests being certified during shutdown still have their client; batches refused after close are
 * refused with {@code not_certified}, never sent uncertified.
 */
@AutoConfiguration
@ConditionalOnClass(TqcClient.class)
@ConditionalOnProperty(prefix = "tqc.client", name = "relay-url")
@EnableConfigurationProperties(TqcClientProperties.class)
public class TqcClientAutoConfiguration {

  /**
   * The client, started at once (discovery, token and status stream in the background).
   *
   * @throws IllegalStateException a required setting is missing or invalid, or the key file cannot
   *     be read (the message names the property, never the key)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "tqc.client", name = "enabled", matchIfMissing = true)
  public TqcClient tqcClient(TqcClientProperties properties, ObjectProvider<TqcEventListener> listener,
      ObjectProvider<OkHttpClient> okHttpClient, ObjectProvider<ListenerDecorator> decorators) {
    TqcClient.Builder builder = new TqcClient.Builder();
    try {
      builder.relayUrl(required(properties.getRelayUrl(), "tqc.client.relay-url"));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("tqc.client.relay-url is not an absolute http(s) URL", e);
    }
    try {
      builder.resellerId(ResellerId.parse(required(properties.getResellerId(), "tqc.client.reseller-id")));
    } catch (TqcException e) {
      throw new IllegalStateException("tqc.client.reseller-id is not a valid business registration number: "
          + e.detail(), e);
    }
    if (properties.getSigningKeyFile() == null) {
      throw new IllegalStateException("tqc.client.signing-key-file is required");
    }
    try {
      builder.signingKeyFile(properties.getSigningKeyFile());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("tqc.client.signing-key-file " + properties.getSigningKeyFile()
          + " cannot be read as an Ed25519 private key (" + e.getClass().getSimpleName() + ")", e);
    }
    builder.maxStatusAge(properties.getMaxStatusAge())
        .timeouts(Timeouts.builder().connect(properties.getConnectTimeout()).read(properties.getReadTimeout())
            .call(properties.getCallTimeout()).build())
        .statusPollInterval(properties.getStatusPollInterval())
        .compliancePreflight(properties.isCompliancePreflight());
    TqcEventListener l = listener.getIfUnique();
    ListenerDecorator metrics = decorators.getIfUnique();
    if (metrics != null) {
      l = metrics.decorate(l != null ? l : TqcEventListener.NONE);
    }
    if (l != null) {
      builder.listener(l);
    }
    OkHttpClient http = okHttpClient.getIfAvailable();
    if (http != null) {
      builder.okHttpClient(http);
    }
    TqcClient client = builder.build();
    awaitStartup(client, properties.getStartupWait());
    return client;
  }

  private static void awaitStartup(TqcClient client, Duration wait) {
    if (wait == null || wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      client.awaitReady(wait);
    } catch (TqcClientException e) {
      // Not fatal: the health indicator reports the reason, and certify refuses until it heals.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String required(String value, String property) {
    if (value == null || value.trim().isEmpty()) {
      throw new IllegalStateException(property + " is required");
    }
    return value.trim();
  }

  /** The client's OkHttp application interceptor, to add to the application's OkHttp clients. */
  @Bean
  @ConditionalOnMissingBean(name = "tqcInterceptor")
  @ConditionalOnProperty(prefix = "tqc.client", name = "enabled", matchIfMissing = true)
  public Interceptor tqcInterceptor(TqcClient tqcClient) {
    return tqcClient.interceptor();
  }

  /** Wraps the client's listener; the Micrometer integration provides one. */
  interface ListenerDecorator {
    /** {@code listener} with the decoration in front. */
    TqcEventListener decorate(TqcEventListener listener);
  }

  /**
   * Client meters ({@code tqc.client.*}, see {@code io.tqc.micrometer.TqcClientMetrics}) in the
   * application's {@code MeterRegistry}, when it has one and {@code tqc-micrometer} is on the class path.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "io.tqc.micrometer.TqcClientMetrics"})
  @ConditionalOnProperty(prefix = "tqc.client", name = "enabled", matchIfMissing = true)
  static class Metrics {
    @Bean
    ListenerDecorator tqcClientMetrics(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
      return listener -> {
        io.micrometer.core.instrument.MeterRegistry r = registry.getIfUnique();
        return r == null ? listener : io.tqc.micrometer.TqcClientMetrics.of(r, listener);
      };
    }
  }

  /** The Actuator health indicator, when Actuator is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  @ConditionalOnProperty(prefix = "tqc.client", name = "enabled", matchIfMissing = true)
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "tqcHealthIndicator")
    TqcHealthIndicator tqcHealthIndicator(TqcClient tqcClient) {
      return new TqcHealthIndicator(tqcClient);
    }
  }
}
