/**
 * Spring Boot auto-configuration for the TQC client.
 *
 * <p>With {@code tqc.client.relay-url}, {@code tqc.client.reseller-id} and
 * {@code tqc.client.signing-key-file} set, the application gets a {@link io.tqc.client.TqcClient}
 * bean (closed when the context closes, after the web server's graceful shutdown), the client's
 * OkHttp interceptor as the bean {@code tqcInterceptor}, and, with Actuator on the class path, the
 * health indicator {@code tqc} ({@link io.tqc.spring.boot.TqcHealthIndicator}): DOWN with the reason
 * code whenever the client would refuse a batch. Settings: {@link io.tqc.spring.boot.TqcClientProperties}.
 * Works on Spring Boot 2.7 (Java 8) and 3.x (Java 17).
 */
package io.tqc.spring.boot;
