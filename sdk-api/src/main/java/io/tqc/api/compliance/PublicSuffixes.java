package io.tqc.api.compliance;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The top-level domains and public suffixes of {@code public-suffixes.txt}: which hosts written
 * without a scheme are links, and where a host's registrable domain starts.
 */
final class PublicSuffixes {
  private static final Set<String> SUFFIXES;

  static {
    Set<String> suffixes = new HashSet<>();
    for (String line : DataFile.lines("public-suffixes.txt")) {
      suffixes.add(line.toLowerCase(Locale.ROOT));
    }
    SUFFIXES = Collections.unmodifiableSet(suffixes);
  }

  private PublicSuffixes() {
  }

  /** True if the last label (or last two) of {@code labels} is a known suffix. */
  static boolean endsInSuffix(List<String> labels) {
    return suffixLabels(labels) > 0;
  }

  /** How many trailing labels form the public suffix: 2 ({@code co.kr}), 1 ({@code com}) or 0. */
  static int suffixLabels(List<String> labels) {
    int size = labels.size();
    if (size >= 2 && SUFFIXES.contains(lower(labels.get(size - 2)) + "." + lower(labels.get(size - 1)))) {
      return 2;
    }
    if (size >= 1 && SUFFIXES.contains(lower(labels.get(size - 1)))) {
      return 1;
    }
    return 0;
  }

  /** The registrable domain of a lower-case host ({@code shop.example.co.kr} gives {@code example.co.kr}). */
  static String registrable(String host) {
    String[] labels = host.split("\\.", -1);
    int size = labels.length;
    int suffix = size >= 2 && SUFFIXES.contains(labels[size - 2] + "." + labels[size - 1]) ? 2 : 1;
    int from = Math.max(0, size - suffix - 1);
    StringBuilder out = new StringBuilder();
    for (int i = from; i < size; i++) {
      if (i > from) {
        out.append('.');
      }
      out.append(labels[i]);
    }
    return out.toString();
  }

  private static String lower(String label) {
    return label.toLowerCase(Locale.ROOT);
  }
}
