package io.tqc.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.testing.ResellerIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's verified-token cache stays bounded and keeps the tokens in use. */
class VerifiedTokenCacheTest {
  static final SigningKey RELAY = SigningKey.generate();
  static final SigningKey RESELLER = SigningKey.generate();
  static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  static CertificationToken token(int i) {
    return CertificationToken.sign(new CertificationClaims.Builder().issuer("https://relay.test.kr")
        .subject(ResellerIds.random()).issuedAt(NOW).expiresAt(NOW.plusSeconds(600))
        .tokenId(String.format("tok%013dAAAAAAAA", i)).keyThumbprint(RESELLER.verificationKey().thumbprint())
        .certificationId("cert-" + i).certificationExpiresAt(NOW.plusSeconds(86_400))
        .senderNumbers(Collections.singletonList("0212345678")).originCode("123456789").statusListIndex(i)
        .statusListUri("https://relay.test.kr/v1/status-lists/0").build(), RELAY);
  }

  @Test
  void moreTokensThanCapacity_evictsUnusedOnes_andKeepsTheTokensInUse() {
    VerifiedTokenCache cache = new VerifiedTokenCache(100);
    List<CertificationToken> hot = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      hot.add(token(i));
      cache.put(hot.get(i));
    }
    for (int i = 50; i < 1_000; i++) { // unexpired tokens used once: the old cache stopped caching here
      cache.put(token(i));
      CertificationToken inUse = hot.get(i % hot.size());
      assertThat(cache.get(inUse.compact())).isSameAs(inUse);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(100);
    CertificationToken late = token(5_000);
    cache.put(late);
    assertThat(cache.get(late.compact())).isSameAs(late); // a new token is cached even when full
    for (CertificationToken inUse : hot) {
      assertThat(cache.get(inUse.compact())).isSameAs(inUse);
    }
  }

  @Test
  void capacityZero_cachesNothing() {
    VerifiedTokenCache cache = new VerifiedTokenCache(0);
    CertificationToken token = token(1);
    cache.put(token);
    assertThat(cache.get(token.compact())).isNull();
    assertThat(cache.size()).isZero();
  }
}
