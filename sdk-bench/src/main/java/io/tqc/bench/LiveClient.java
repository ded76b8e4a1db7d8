package io.tqc.bench;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClient;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.Registration;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real {@link TqcClient} connected to the reference relay server started in this JVM on
 * loopback: after {@code awaitReady} it holds a relay-issued token and a relay-signed ACTIVE status
 * kept fresh by the status stream, exactly as in production.
 */
final class LiveClient implements Closeable {
  final Path data;
  final RelayServer server;
  final TqcClient client;

  LiveClient() throws Exception {
    data = Files.createTempDirectory("tqc-bench-relay");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).build());
    SigningKey key = SigningKey.generate();
    ResellerId id = ResellerId.parse("124-81-00998");
    server.relay().registry().register(new Registration.Builder().id(id).name("예시문자")
        .addKey(key.verificationKey()).senderNumbers(Arrays.asList(Fixtures.SENDER, "15881234"))
        .originCode("123456789").build(), "bench");
    // The compliance pre-flight (on by default) is measured on its own by ComplianceBenchmark;
    // here certify is measured against its cryptographic floor.
    client = new TqcClient.Builder().relayUrl(server.url()).resellerId(id).signingKey(key)
        .compliancePreflight(false).build();
    client.awaitReady(Duration.ofSeconds(60));
  }

  @Override
  public void close() throws IOException {
    client.close();
    server.close();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
