package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.http.ProblemFormatException;
import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.relay.RelayException;
import io.tqc.relay.testing.ResellerIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route family rethrows a refusal with its cause kept (what the server logs), while the
 * client's problem document carries the detail only: never the cause's class or stack.
 */
class RefusalCausesTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  static final List<RelayException> refusals = new CopyOnWriteArrayList<>();

  @TempDir
  static Path data;
  static RelayProtection protection;
  static RelayServer server;
  static RelayHttp http;

  @BeforeAll
  static void start() throws Exception {
    protection = RelayProtection.open(data, SECRET, "provider-080-credential-0123");
    server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).protection(protection)
        .refusalObserver(refusals::add).build());
    http = new RelayHttp(server.url(), server.adminToken());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    protection.close();
  }

  @BeforeEach
  void clear() {
    refusals.clear();
  }

  /** The one refusal the request caused: its reason, and its cause of {@code causeType}. */
  static RelayException refused(RelayHttp.Response answer, ReasonCode reason, Class<? extends Throwable> causeType) {
    assertThat(answer.code()).isEqualTo(reason.code());
    assertThat(refusals).hasSize(1);
    RelayException refusal = refusals.get(0);
    assertThat(refusal.reason()).isEqualTo(reason);
    assertThat(refusal.getCause()).isInstanceOf(causeType);
    assertThat(answer.string("detail")).isEqualTo(refusal.detail());
    assertThat(answer.body()).doesNotContain(refusal.getCause().getClass().getSimpleName()).doesNotContain("at io.tqc");
    return refusal;
  }

  @Test
  void adminRoutes_keepTheCauseOfAnInvalidIdOrDate() throws Exception {
    RelayException id = refused(http.admin("/v1/admin/resellers/no*such/suspend", Map.of("reason", "test")),
        ReasonCode.RESELLER_ID_INVALID, TqcException.class);
    assertThat(((TqcException) id.getCause()).detail()).isEqualTo(id.detail());

    refusals.clear();
    refused(http.admin("/v1/admin/resellers", Map.of("reseller_id", ResellerIds.random().value(), "name", "x",
        "public_jwk", io.tqc.api.key.SigningKey.generate().verificationKey().toJwk(),
        "sender_numbers", List.of("0212345678"), "origin_code", "123456789", "cert_expires_at", "next year")),
        ReasonCode.REQUEST_INVALID, DateTimeParseException.class);
  }

  @Test
  void publicRoutes_keepTheCauseOfAMalformedTokenRequestOrId() throws Exception {
    refused(http.postJson("/v1/token", Map.of("unexpected", 1)), ReasonCode.REQUEST_INVALID,
        ProblemFormatException.class);
    refusals.clear();
    refused(http.get("/v1/resellers/no*such/status"), ReasonCode.RESELLER_ID_INVALID, TqcException.class);
  }

  @Test
  void protectionRoutes_keepTheVerifierRefusalOfAForgedToken() throws Exception {
    refused(http.postJson("/v1/suppression/check", Map.of("advertiser", "봄빛마트", "numbers", List.of("01011112222")),
        "Authorization", "TQC not.a.token"), ReasonCode.TOKEN_MALFORMED, VerificationException.class);
  }

  @Test
  void enforcementRoutes_keepTheCauseOfAnInvalidQuery() throws Exception {
    refused(http.adminGet("/v1/admin/cases?limit=many"), ReasonCode.REQUEST_INVALID, NumberFormatException.class);
    refusals.clear();
    refused(http.adminGet("/v1/admin/resellers/no*such/cases"), ReasonCode.RESELLER_ID_INVALID, TqcException.class);
  }

  @Test
  void consoleRoutes_keepTheCauseOfAnInvalidIdOrLimit() throws Exception {
    refused(http.adminGet("/v1/admin/resellers/no*such/batches"), ReasonCode.RESELLER_ID_INVALID, TqcException.class);
  }

  @Test
  void refusalWithoutACause_reachesTheObserverToo() throws Exception {
    RelayHttp.Response answer = http.get("/v1/admin/overview");
    assertThat(answer.code()).isEqualTo(ReasonCode.UNAUTHORIZED.code());
    assertThat(refusals).singleElement().satisfies(r -> assertThat(r.getCause()).isNull());
  }
}
