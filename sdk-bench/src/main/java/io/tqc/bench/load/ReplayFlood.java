package io.tqc.bench.load;

import io.tqc.relay.RelayConfig;
import io.tqc.relay.ReplayCache;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Floods the relay's default replay cache ({@link ReplayCache#inMemory} with
 * {@link RelayConfig#DEFAULT_REPLAY_CAPACITY}) with millions of distinct batch ids that are all
 * inside the acceptance window, and measures the retained heap before and after.
 */
final class ReplayFlood {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

  private ReplayFlood() {}

  static String run(int ids) {
    int capacity = RelayConfig.DEFAULT_REPLAY_CAPACITY;
    long before = retainedHeap();
    ReplayCache cache = ReplayCache.inMemory(capacity);
    Instant now = Instant.now();
    Instant expiry = now.plusSeconds(66); // proof window (60 s + 5 s future) + 1 s, as the relay uses
    long firstUse = 0;
    long full = 0;
    long replayed = 0;
    char[] id = "proof:0123456789012345678901".toCharArray();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long started = System.nanoTime();
    for (int i = 0; i < ids; i++) {
      for (int c = 6; c < id.length; c++) {
        id[c] = ALPHABET[random.nextInt(64)]; // 22 random base64url chars, like a proof jti
      }
      switch (cache.remember(new String(id), expiry, now)) {
        case FIRST_USE:
          firstUse++;
          break;
        case FULL:
          full++;
          break;
        default:
          replayed++;
      }
    }
    long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
    long after = retainedHeap();
    long retained = after - before;
    // Used after the measurement, so the cache is reachable while the heap is measured.
    String firstReplay = cache.remember("proof:x", expiry, now).toString();
    return String.format(Locale.ROOT,
        "| Distinct proof ids presented (all inside the window) | %,d in about %d s |%n"
            + "| Remembered (FIRST_USE) | %,d (the capacity, %,d) |%n"
            + "| Refused because full (FULL, the relay answers `rate_limited`) | %,d |%n"
            + "| Replays among random ids | %,d |%n"
            + "| Retained heap, before → after | %,.1f MiB → %,.1f MiB (+%,.1f MiB, %,d B per remembered id) |%n"
            + "| Another new id once full | %s |%n",
        ids, seconds, firstUse, capacity, full, replayed, before / 1048576.0, after / 1048576.0,
        retained / 1048576.0, firstUse == 0 ? 0 : retained / firstUse, firstReplay);
  }

  private static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
