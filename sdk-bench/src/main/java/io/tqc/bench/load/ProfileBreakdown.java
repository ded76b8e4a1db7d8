package io.tqc.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the collapsed stacks that {@code LoadHarness --profile} writes (async-profiler,
 * {@code threads} on) and prints, for the web server's request threads only
 * ({@code JettyServerThreadPool}), the CPU (or allocation) per batch under each frame of interest:
 *
 * <pre>
 * java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.load.ProfileBreakdown BATCHES UNIT FILE... -- PATTERN...
 * </pre>
 *
 * {@code BATCHES} is the number of batches the files cover (batches/s × seconds, summed over the
 * rounds), {@code UNIT} what one sample is worth: {@code 10} (ms, async-profiler's default CPU
 * interval) or {@code 512} (KB, its default allocation interval). A pattern (a regular expression)
 * counts every sample with a frame that matches it; {@code A-B} counts the samples under {@code A}
 * but not under {@code B}.
 */
public final class ProfileBreakdown {
  private static final String SERVER_THREADS = "[JettyServerThreadPool";

  private ProfileBreakdown() {}

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws IOException {
    double batches = Double.parseDouble(args[0]);
    double unit = Double.parseDouble(args[1]);
    List<Path> files = new ArrayList<>();
    int i = 2;
    for (; i < args.length && !args[i].equals("--"); i++) {
      files.add(Paths.get(args[i]));
    }
    Map<String, long[]> rows = new LinkedHashMap<>();
    List<Pattern[]> patterns = new ArrayList<>();
    for (i++; i < args.length; i++) {
      String[] parts = args[i].split("(?<!\\\\)-", 2);
      patterns.add(new Pattern[] {Pattern.compile(parts[0]), parts.length > 1 ? Pattern.compile(parts[1]) : null});
      rows.put(args[i], new long[1]);
    }
    long total = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.lastIndexOf(' ');
        String[] frames = line.substring(0, space).split(";");
        if (!frames[0].startsWith(SERVER_THREADS)) {
          continue;
        }
        long samples = Long.parseLong(line.substring(space + 1));
        total += samples;
        int row = 0;
        for (long[] count : rows.values()) {
          Pattern[] p = patterns.get(row++);
          if (any(frames, p[0]) && (p[1] == null || !any(frames, p[1]))) {
            count[0] += samples;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "| Frame | Share of server-thread samples | Per batch |%n| --- | --- | --- |%n");
    System.out.printf(Locale.ROOT, "| (all request threads) | 100 %% | %.3f |%n", total * unit / batches);
    for (Map.Entry<String, long[]> row : rows.entrySet()) {
      long n = row.getValue()[0];
      System.out.printf(Locale.ROOT, "| `%s` | %.1f %% | %.3f |%n", row.getKey(), total == 0 ? 0.0 : 100.0 * n / total,
          n * unit / batches);
    }
  }

  private static boolean any(String[] frames, Pattern pattern) {
    for (int f = 1; f < frames.length; f++) {
      if (pattern.matcher(frames[f]).find()) {
        return true;
      }
    }
    return false;
  }
}
