package io.tqc.relay.testing;

import io.tqc.api.TqcException;
import io.tqc.api.token.ResellerId;
import java.util.concurrent.ThreadLocalRandom;

/** Random valid Korean business registration numbers (National Tax Service check digit). */
public final class ResellerIds {
  private static final int[] WEIGHTS = {1, 3, 7, 1, 3, 7, 1, 3, 5};

  private ResellerIds() {}

  public static ResellerId random() {
    StringBuilder digits = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    digits.append(1 + random.nextInt(9));
    for (int i = 1; i < 9; i++) {
      digits.append(random.nextInt(10));
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * WEIGHTS[i];
    }
    sum += ((digits.charAt(8) - '0') * 5) / 10;
    digits.append((10 - sum % 10) % 10);
    try {
      return ResellerId.parse(digits.toString());
    } catch (TqcException e) {
      throw new AssertionError(e);
    }
  }
}
