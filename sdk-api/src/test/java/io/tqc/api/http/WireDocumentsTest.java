package io.tqc.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireDocumentsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void tokenRequest_roundTrips() throws Exception {
    TokenRequest read = TokenRequest.parse(new TokenRequest("124-81-00998", "a.b.c").toJsonBytes());

    assertThat(read.resellerId()).isEqualTo("124-81-00998");
    assertThat(read.assertion()).isEqualTo("a.b.c");
  }

  @Test
  void tokenRequest_refusesUnknownMissingAndDuplicateMembers() {
    assertThatThrownBy(() -> TokenRequest.parse(utf8("{\"reseller_id\":\"1\",\"assertion\":\"a\",\"x\":1}")))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("\"x\"");
    assertThatThrownBy(() -> TokenRequest.parse(utf8("{\"reseller_id\":\"1\"}")))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("assertion");
    assertThatThrownBy(() -> TokenRequest.parse(utf8("{\"reseller_id\":\"1\",\"reseller_id\":\"2\",\"assertion\":\"a\"}")))
        .isInstanceOf(ProblemFormatException.class).hasMessageContaining("duplicate");
  }

  @Test
  void tokenResponse_saysTheTqcScheme_andHidesTheTokenFromToString() {
    TokenResponse response = new TokenResponse("secret.token.value", 600);

    assertThat(new String(response.toJsonBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"token\":\"secret.token.value\",\"token_type\":\"TQC\",\"expires_in\":600}");
    assertThat(response.toString()).doesNotContain("secret");
  }

  @Test
  void configuration_listsEveryEndpointUnderTheBaseUrl() {
    RelayConfiguration c = RelayConfiguration.atBaseUrl("https://relay.example.kr", "https://relay.example.kr/");

    assertThat(c.endpoint(RelayConfiguration.BATCH_ENDPOINT)).isEqualTo("https://relay.example.kr/v1/batches");
    assertThat(c.endpoint(RelayConfiguration.STATUS_EVENTS_ENDPOINT))
        .isEqualTo("https://relay.example.kr/v1/resellers/{id}/status/events");
    assertThat(new String(c.toJsonBytes(), StandardCharsets.UTF_8)).startsWith("{\"issuer\":\"https://relay.example.kr\"");
    assertThatThrownBy(() -> RelayConfiguration.atBaseUrl("x", "relay.example.kr"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void receipt_refusesAnythingElse() {
    assertThatThrownBy(() -> BatchReceipt.parse(utf8("{\"batch_id\":\"b\",\"accepted\":0}")))
        .isInstanceOf(ProblemFormatException.class);
    assertThatThrownBy(() -> BatchReceipt.parse(utf8("[]"))).isInstanceOf(ProblemFormatException.class);
  }
}
