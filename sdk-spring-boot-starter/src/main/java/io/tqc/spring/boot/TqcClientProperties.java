package io.tqc.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tqc.client.*} settings of the auto-configured {@link io.tqc.client.TqcClient}. Only the
 * relay URL, the reseller id and the signing key file are required; every other setting has the
 * client's own default. Bound once at start-up; the client built from it is immutable.
 */
@ConfigurationProperties(prefix = "tqc.client")
public class TqcClientProperties {
  /** Whether to configure the TQC client at all. */
  private boolean enabled = true;

  /** The relay's base URL, e.g. https://relay.example.kr/ (its /.well-known/tqc-configuration names every endpoint). */
  private String relayUrl;

  /** Your business registration number (사업자등록번호) as registered with the relay, e.g. 124-81-00998. */
  private String resellerId;

  /** Your private Ed25519 key, a JWK or PKCS#8 PEM file (mode 600; never in the application's resources). */
  private Path signingKeyFile;

  /** How recently a relay-signed ACTIVE status must have been confirmed for a batch to be certified. */
  private Duration maxStatusAge = Duration.ofSeconds(60);

  /** Connect timeout of the client's calls to the relay (token, status, metadata). */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /** Read timeout of the client's calls to the relay. */
  private Duration readTimeout = Duration.ofSeconds(10);

  /** Whole-call timeout of the client's calls to the relay. */
  private Duration callTimeout = Duration.ofSeconds(15);

  /** Polling interval of the status endpoint while the status event stream is down. */
  private Duration statusPollInterval = Duration.ofSeconds(10);

  /** Whether batches are checked against the law's advertising rules before they are certified. */
  private boolean compliancePreflight = true;

  /**
   * How long start-up waits for the first token and status (0: do not wait; the health indicator
   * reports DOWN until the client is ready). Start-up does not fail when the time is up.
   */
  private Duration startupWait = Duration.ZERO;

  /** Whether to configure the client. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether to configure the client. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The relay's base URL. */
  public String getRelayUrl() {
    return relayUrl;
  }

  /** Sets the relay's base URL. */
  public void setRelayUrl(String relayUrl) {
    this.relayUrl = relayUrl;
  }

  /** The reseller id. */
  public String getResellerId() {
    return resellerId;
  }

  /** Sets the reseller id. */
  public void setResellerId(String resellerId) {
    this.resellerId = resellerId;
  }

  /** The signing key file. */
  public Path getSigningKeyFile() {
    return signingKeyFile;
  }

  /** Sets the signing key file. */
  public void setSigningKeyFile(Path signingKeyFile) {
    this.signingKeyFile = signingKeyFile;
  }

  /** The status freshness window. */
  public Duration getMaxStatusAge() {
    return maxStatusAge;
  }

  /** Sets the status freshness window. */
  public void setMaxStatusAge(Duration maxStatusAge) {
    this.maxStatusAge = maxStatusAge;
  }

  /** The connect timeout. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets the connect timeout. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** The read timeout. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /** Sets the read timeout. */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** The call timeout. */
  public Duration getCallTimeout() {
    return callTimeout;
  }

  /** Sets the call timeout. */
  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  /** The status poll interval. */
  public Duration getStatusPollInterval() {
    return statusPollInterval;
  }

  /** Sets the status poll interval. */
  public void setStatusPollInterval(Duration statusPollInterval) {
    this.statusPollInterval = statusPollInterval;
  }

  /** Whether the compliance pre-flight is on. */
  public boolean isCompliancePreflight() {
    return compliancePreflight;
  }

  /** Sets whether the compliance pre-flight is on. */
  public void setCompliancePreflight(boolean compliancePreflight) {
    this.compliancePreflight = compliancePreflight;
  }

  /** How long start-up waits for the client to be ready. */
  public Duration getStartupWait() {
    return startupWait;
  }

  /** Sets how long start-up waits for the client to be ready. */
  public void setStartupWait(Duration startupWait) {
    this.startupWait = startupWait;
  }
}
