package io.tqc.examples.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every reseller-side command shares: relay, reseller id, key, timeout (a picocli mixin). */
final class ResellerOptions {
  @Option(names = "--relay", required = true, paramLabel = "URL", description = "Relay base URL.")
  String relay;

  @Option(names = "--reseller-id", required = true, paramLabel = "ID", description = "Business registration number.")
  String resellerId;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The reseller's private key (JWK or PEM).")
  Path key;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
      description = "How long to wait for a certification token and status (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** The timeout, at least one second. */
  Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }

  /** Opens a client session for these options on {@code api}. */
  ClientSession open(RelayApi api) throws Exception {
    return ClientSession.open(api, resellerId, key);
  }

}
