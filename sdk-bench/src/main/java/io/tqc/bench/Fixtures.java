package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import java.time.Instant;
import java.util.Arrays;

/** Shared benchmark inputs: keys, a token, realistic Korean advertising batches. */
final class Fixtures {
  static final String RELAY = "https://relay.example.kr";
  static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
  static final String SENDER = "0212345678";
  /** About 90 EUC-KR bytes: a typical SMS-sized Korean advertising text. */
  static final String TEXT = "(광고)예시문자 11월 특가! 전 품목 20% 할인 쿠폰 발급 중. 문의 02-123-4567 무료거부 080-123-4567";

  final SigningKey relayKey = SigningKey.generate();
  final SigningKey resellerKey = SigningKey.generate();
  final CertificationToken token;

  Fixtures() {
    try {
      token = CertificationToken.sign(new CertificationClaims.Builder()
          .issuer(RELAY).subject(ResellerId.parse("124-81-00998"))
          .issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plusSeconds(590))
          .tokenId("Zm9vYmFyYmF6cXV4cXV1eA")
          .keyThumbprint(resellerKey.verificationKey().thumbprint())
          .certificationId("cert-0001").certificationExpiresAt(NOW.plusSeconds(365L * 86400))
          .senderNumbers(Arrays.asList(SENDER, "15881234")).originCode("123456789")
          .statusListIndex(0).statusListUri(RELAY + "/v1/status-lists/0").build(), relayKey);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A batch of {@code messages} messages to distinct mobile numbers. */
  static Batch batch(int messages) {
    Batch.Builder builder = new Batch.Builder().senderNumber(SENDER).advertising(true)
        .advertiser("예시문자", "02-123-4567");
    for (int i = 0; i < messages; i++) {
      // Night-time consent on every recipient keeps the batch lawful at any hour (the relay and the
      // client check the 21:00-08:00 KST window).
      builder.addMessage(new BatchMessage(String.format("010%08d", 10000000 + i), TEXT, true));
    }
    return builder.build();
  }
}
