package io.tqc.relay.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.Reseller;
import java.time.Duration;

/**
 * A relay node in a child JVM for {@link FleetCrashTest}: args {@code jdbcUrl nodeId resellerId};
 * env {@code TQC_KEK}, {@code TQC_TEST_RESELLER_JWK}. Prints {@code STATUS s}, then sends batches of
 * the reseller to itself forever, printing {@code ACCEPTED id} after each acknowledgement (the 202)
 * and {@code REFUSED code} after each refusal.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    HikariDataSource pool = Pg.pool(args[0], 4);
    PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId(args[1]).open();
    PostgresRegistryFeed feed = new PostgresRegistryFeed.Builder().dataSource(pool).store(store).start();
    Relay relay = Relay.open(new RelayConfig.Builder().issuer(Fleet.ISSUER).store(store).registryFeed(feed)
        .signingKeyStore(PostgresSigningKeyStore.open(pool, KeyEncryptionKey.fromEnvironment("TQC_KEK"), args[1]))
        .heartbeatInterval(Duration.ofSeconds(1)).build());
    ResellerId id = ResellerId.parse(args[2]);
    Reseller record = relay.registry().get(id);
    System.out.println("STATUS " + (record == null ? "UNKNOWN" : record.status()));
    System.out.flush();
    Fleet.Member member = new Fleet.Member(id, SigningKey.fromJwk(System.getenv("TQC_TEST_RESELLER_JWK")), record);
    String token = null;
    while (true) {
      try {
        if (token == null) {
          token = member.token(new Fleet.Node(args[1], store, feed, null, pool, relay));
        }
        byte[] body = Fleet.body(1);
        String proof = member.proof(token, body);
        String batchId = relay.acceptBatch(token, proof, body).batchId();
        System.out.println("ACCEPTED " + batchId);
      } catch (RelayException e) {
        System.out.println("REFUSED " + e.reason().code());
        Thread.sleep(20);
      }
      System.out.flush();
    }
  }
}
