package io.tqc.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Latency samples in nanoseconds, recorded by one thread; merged and summarised at the end. */
final class Latencies {
  private long[] samples = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  int size() {
    return size;
  }

  /** All samples of {@code parts}, sorted. */
  static long[] merged(List<Latencies> parts) {
    int total = 0;
    for (Latencies part : parts) {
      total += part.size;
    }
    long[] all = new long[total];
    int at = 0;
    for (Latencies part : parts) {
      System.arraycopy(part.samples, 0, all, at, part.size);
      at += part.size;
    }
    Arrays.sort(all);
    return all;
  }

  /** The {@code p}-th percentile (nearest rank) of sorted samples, or -1 if there are none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** "p50 / p99 / max" in milliseconds. */
  static String summary(long[] sorted) {
    if (sorted.length == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
  }
}
