package io.tqc.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the interleaved harnesses ({@link Interleaved}, {@link RegistryScale}) report of their rounds. */
final class Rounds {
  private Rounds() {}

  /** The median of {@code values} (the mean of the middle two for an even count). */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The machine's one-minute load average, or {@code ?} where {@code /proc/loadavg} is missing. */
  static String load() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).split(" ")[0];
    } catch (Exception e) {
      return "?";
    }
  }
}
