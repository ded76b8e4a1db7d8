package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The URL blocklist imported through the admin API survives a restart of the reference relay on its
 * data directory; the control, recipient protection in memory, loses it at the restart.
 */
class BlocklistRestartTest {
  static final String ISSUER = "https://relay.restart.test";
  static final String ADMIN = "restart-admin-token-0123456789";
  static final String PROVIDER = "provider-080-credential-0123";
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path data;

  interface ProtectionFactory {
    RelayProtection open() throws Exception;
  }

  /** Imports a blocklist, restarts the relay, and answers the status of a batch with the blocked link. */
  int statusAfterRestart(ProtectionFactory protections) throws Exception {
    RelayHttp.Reseller reseller;
    try (RelayProtection protection = protections.open();
        RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
            .adminToken(ADMIN).protection(protection).build())) {
      RelayHttp http = new RelayHttp(server.url(), ADMIN);
      reseller = http.reseller(ISSUER);
      assertThat(reseller.register(Map.of()).status()).isEqualTo(201);
      RelayHttp.Response imported = http.send(HttpRequest.newBuilder(URI.create(server.url()
              + "/v1/admin/url-blocklist?version=feed-1&published_at=2026-12-01T00:00:00%2B09:00"))
          .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("fresh-parcel.top\n")));
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      String token = reseller.token();
      assertProblem(send(http, reseller, token), ReasonCode.URL_BLOCKED);
    }
    try (RelayProtection protection = protections.open();
        RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
            .adminToken(ADMIN).protection(protection).build())) {
      RelayHttp http = new RelayHttp(server.url(), ADMIN);
      // The same reseller (id and key) asks the restarted relay for a token.
      RelayHttp.Response token = http.token(reseller.id.value(), reseller.assertion());
      assertThat(token.status()).as(token.body()).isEqualTo(200);
      return send(http, reseller, token.string("token")).status();
    }
  }

  static RelayHttp.Response send(RelayHttp http, RelayHttp.Reseller reseller, String token) throws Exception {
    byte[] body = SharedProtectionListsFleetTest.withLink("https://fresh-parcel.top/a");
    return http.batch(token, reseller.proof(token, body, 1), body);
  }

  @Test
  void blocklistOnTheDataDirectory_survivesARestart() throws Exception {
    assertThat(statusAfterRestart(() -> RelayProtection.open(data, SECRET, PROVIDER)))
        .isEqualTo(ReasonCode.URL_BLOCKED.httpStatus());
  }

  @Test
  void control_blocklistInMemory_isLostAtTheRestart() throws Exception {
    assertThat(statusAfterRestart(() -> RelayProtection.inMemory(SECRET, PROVIDER))).isEqualTo(202);
  }
}
