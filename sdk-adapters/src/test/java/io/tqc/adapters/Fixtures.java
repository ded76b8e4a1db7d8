package io.tqc.adapters;

import io.tqc.api.token.VerifiedBatch;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.TqcClient;
import io.tqc.client.testing.StubRelay;
import java.time.Duration;
import java.time.Instant;

/** Texts and helpers shared by the adapter tests. */
public final class Fixtures {
  public static final String NAME = "봄빛마트";
  public static final String CONTACT = "02-1234-5678";
  /** A lawful advertising text: marker, advertiser, contact, free opt-out. */
  public static final String AD = "(광고)봄빛마트 봄맞이 할인 문의 02-1234-5678 무료거부 080-123-4567";
  /** The same offer without the (광고) marker and opt-out: unlawful as advertising. */
  public static final String UNMARKED_AD = "봄빛마트 봄맞이 할인 문의 02-1234-5678";
  public static final String NOTICE = "[봄빛마트] 주문하신 상품이 발송되었습니다.";
  public static final String TO_1 = "01012345678";
  public static final String TO_2 = "01087654321";

  private Fixtures() {}

  /** Verifies {@code certified}'s token and proof over {@code bytes}, as a relay would. */
  public static VerifiedBatch verify(StubRelay relay, CertifiedBatch certified, byte[] bytes) throws Exception {
    return relay.verifier().verify(certified.token(), certified.proofHeader(), bytes, certified.messageCount(),
        Instant.now());
  }

  /** Waits (bounded) until the client has taken in a status that makes it refuse. */
  public static void awaitNotReady(TqcClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.isReady()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the client still accepts batches");
      }
      Thread.sleep(10);
    }
  }
}
