package io.tqc.examples.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address the console's per-address login limit counts behind load balancers. */
class TrustedProxiesTest {
  final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));

  @Test
  void untrustedPeer_isTheClient_whateverItsHeaderSays() {
    assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    assertThat(TrustedProxies.NONE.clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("10.1.2.3");
  }

  @Test
  void trustedPeer_theRightMostUntrustedEntryIsTheClient() {
    assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(proxies.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 192.0.2.7")))
        .isEqualTo("198.51.100.1");
    // Several header lines are one list, in order.
    assertThat(proxies.clientAddress("10.1.2.3", List.of("6.6.6.6", "198.51.100.1", "10.9.9.9")))
        .isEqualTo("198.51.100.1");
    assertThat(proxies.clientAddress("[2001:db8::1]", List.of("2001:db9::5"))).isEqualTo("2001:db9:0:0:0:0:0:5");
  }

  @Test
  void trustedPeer_withoutHeader_orOnlyTrustedHops_keepsTheLastAddressReached() {
    assertThat(proxies.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", List.of("10.4.4.4, 192.0.2.7"))).isEqualTo("10.4.4.4");
  }

  @Test
  void malformedEntry_stopsTheWalk_atTheLastTrustedHop_andNoNameIsLookedUp() {
    assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.1, localhost"))).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", List.of("example.com"))).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", List.of("1.2.3.4, 10.5.5.5, 999.1.1.1"))).isEqualTo("10.1.2.3");
    assertThat(proxies.clientAddress("10.1.2.3", List.of(""))).isEqualTo("10.1.2.3");
    assertThat(TrustedProxies.literal("cafe")).isNull();
    assertThat(TrustedProxies.literal("1.2.3")).isNull();
  }

  @Test
  void badRange_isRefusedNamingTheEntry() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "lb.internal")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"lb.internal\"");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/x");
    assertThat(TrustedProxies.of(List.of("192.0.2.7")).cidrs()).containsExactly("192.0.2.7/32");
    assertThat(TrustedProxies.of(List.of()).cidrs()).isEmpty();
  }
}
