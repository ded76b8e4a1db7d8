package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.BatchMessage;
import io.tqc.examples.json.JsonObject;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.postgres.KeyEncryptionKey;
import io.tqc.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sender-number lists and the URL blocklist on a fleet: two reference relays on one PostgreSQL
 * database; a stolen-number list and a blocklist imported through node A's admin API make node B
 * refuse a batch from the listed number and one with the blocked link within B's poll interval.
 * The control: node B on a node-local list store (its data directory) polls too, and keeps
 * accepting both batches.
 */
class SharedProtectionListsFleetTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();
  static final String ISSUER = "https://relay.fleet-lists.test";
  static final String ADMIN = "fleet-admin-token-0123456789";
  static final String PROVIDER = "provider-080-credential-0123";
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final Duration POLL = Duration.ofMillis(200);
  static final String STOLEN = RelayHttp.SENDERS.get(1); // 15881234

  @TempDir
  Path data;
  final List<AutoCloseable> open = new ArrayList<>();
  final List<RelayProtection> protections = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Two nodes on one new database; node B's lists are shared, or in its own data directory. */
  List<RelayHttp> fleet(boolean shareListsOnB) throws Exception {
    String url = PG.createDatabase();
    KeyEncryptionKey kek = KeyEncryptionKey.generate();
    TracebackKey tracebackKey = TracebackKey.generate();
    List<RelayHttp> nodes = new ArrayList<>();
    for (String node : List.of("n1", "n2")) {
      FleetStores stores = FleetStores.open(url, null, null, node, kek, tracebackKey);
      open.add(stores::close);
      RelayProtection protection = node.equals("n1") || shareListsOnB
          ? RelayProtection.shared(stores.openSuppressions(), stores.openProtectionLists(), POLL, SECRET, PROVIDER)
          : RelayProtection.open(java.nio.file.Files.createDirectories(data.resolve("local-" + node)), SECRET, PROVIDER);
      open.add(protection);
      protections.add(protection);
      RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data.resolve(node))
          .issuer(ISSUER).adminToken(ADMIN).relayOptions(stores.relayOptions()).protection(protection).build());
      open.add(server::close);
      nodes.add(new RelayHttp(server.url(), ADMIN));
    }
    return nodes;
  }

  static RelayHttp.Response importText(RelayHttp node, String path, String text) throws Exception {
    return node.send(HttpRequest.newBuilder(URI.create(node.base + path + "&published_at=2026-12-01T00:00:00%2B09:00"))
        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  static byte[] withLink(String link) {
    return RelayHttp.advertising(RelayHttp.SENDERS.get(0)).addMessage(new BatchMessage("01011112222",
        RelayHttp.compliantText(0) + " " + link, true)).build().toJsonBytes();
  }

  static RelayHttp.Response sendOn(RelayHttp node, RelayHttp.Reseller reseller, String token, byte[] body)
      throws Exception {
    return node.batch(token, reseller.proof(token, body, 1), body);
  }

  /** Registers a reseller on node A and waits until node B knows it (the registry feed). */
  static RelayHttp.Reseller registeredOnBoth(RelayHttp a, RelayHttp b, String[] token) throws Exception {
    RelayHttp.Reseller reseller = a.reseller(ISSUER);
    assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
    token[0] = reseller.token();
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(sendOn(b, reseller, token[0], RelayHttp.body(STOLEN, 1)).status()).isEqualTo(202));
    return reseller;
  }

  void importOnA(RelayHttp a) throws Exception {
    RelayHttp.Response list = importText(a, "/v1/admin/sender-number-lists/stolen?version=KISA-2026-12", "1588-1234\n");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    RelayHttp.Response blocklist = importText(a, "/v1/admin/url-blocklist?version=feed-12", "fresh-parcel.top\n");
    assertThat(blocklist.status()).as(blocklist.body()).isEqualTo(200);
  }

  @Test
  void listsImportedOnNodeA_areEnforcedByNodeB_withinThePollInterval() throws Exception {
    List<RelayHttp> nodes = fleet(true);
    RelayHttp a = nodes.get(0);
    RelayHttp b = nodes.get(1);
    String[] token = new String[1];
    RelayHttp.Reseller reseller = registeredOnBoth(a, b, token);
    assertThat(sendOn(b, reseller, token[0], withLink("https://fresh-parcel.top/a")).status()).isEqualTo(202);

    importOnA(a);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertProblem(sendOn(b, reseller, token[0], RelayHttp.body(STOLEN, 1)), ReasonCode.SENDER_NUMBER_STOLEN);
      assertProblem(sendOn(b, reseller, token[0], withLink("https://fresh-parcel.top/a")), ReasonCode.URL_BLOCKED);
    });
    // Node B's protection summary shows the versions it enforces, and the node that imported them.
    JsonObject summary = io.tqc.examples.json.Json.parseObject(b.adminGet("/v1/admin/protection").body());
    assertThat(((JsonObject) summary.asMap().get("url_blocklist")).string("version")).isEqualTo("feed-12");
    assertThat(((JsonObject) summary.asMap().get("url_blocklist")).string("node_id")).isEqualTo("n1");
    assertThat(b.adminGet("/v1/admin/sender-number-lists").body()).contains("KISA-2026-12");
  }

  @Test
  void control_nodeBOnANodeLocalListStore_keepsAccepting() throws Exception {
    List<RelayHttp> nodes = fleet(false);
    RelayHttp a = nodes.get(0);
    RelayHttp b = nodes.get(1);
    String[] token = new String[1];
    RelayHttp.Reseller reseller = registeredOnBoth(a, b, token);
    importOnA(a);
    assertProblem(sendOn(a, reseller, token[0], RelayHttp.body(STOLEN, 1)), ReasonCode.SENDER_NUMBER_STOLEN);
    // What B's poller does, done now: its own store has nothing new.
    protections.get(1).senderLists().refresh();
    protections.get(1).blocklist().refresh();
    assertThat(sendOn(b, reseller, token[0], RelayHttp.body(STOLEN, 1)).status()).isEqualTo(202);
    assertThat(sendOn(b, reseller, token[0], withLink("https://fresh-parcel.top/a")).status()).isEqualTo(202);
  }
}
