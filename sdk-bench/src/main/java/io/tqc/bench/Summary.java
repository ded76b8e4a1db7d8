package io.tqc.bench;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns one JMH JSON result file ({@code -rf json}) into a Markdown summary: the ratios the
 * performance goals are stated in (each TQC figure divided by its floor or its competitor measured
 * in the same run), then every raw score. Usage: {@code Summary results.json > results.md}.
 */
public final class Summary {
  private static final String GC_NORM = "gc.alloc.rate.norm";

  /** One benchmark result: score, error, unit and allocation per operation (or -1). */
  static final class Result {
    final String name;
    final String params;
    final int threads;
    final double score;
    final double error;
    final String unit;
    final double allocPerOp;

    Result(String name, String params, int threads, double score, double error, String unit, double allocPerOp) {
      this.name = name;
      this.params = params;
      this.threads = threads;
      this.score = score;
      this.error = error;
      this.unit = unit;
      this.allocPerOp = allocPerOp;
    }
  }

  private final Map<String, Result> results = new LinkedHashMap<>();
  private final StringBuilder out = new StringBuilder();

  private Summary(List<?> json) {
    for (Object item : json) {
      Map<?, ?> run = (Map<?, ?>) item;
      String benchmark = (String) run.get("benchmark");
      String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      Map<?, ?> params = (Map<?, ?>) run.get("params");
      String paramText = params == null ? "" : params.toString().replaceAll("[{}]", "");
      Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
      Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
      double alloc = -1;
      if (secondary != null && secondary.get(GC_NORM) != null) {
        alloc = number(((Map<?, ?>) secondary.get(GC_NORM)).get("score"));
      }
      Result result = new Result(name, paramText, (int) number(run.get("threads")), number(primary.get("score")),
          number(primary.get("scoreError")), (String) primary.get("scoreUnit"), alloc);
      results.put(key(name, paramText), result);
    }
  }

  private static double number(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      return Double.NaN; // JMH writes "NaN" for the error of a single iteration
    }
  }

  private static String key(String name, String params) {
    return name + "|" + params;
  }

  /** Prints the ratio {@code tqc / floor} for every parameter set present for both (throughput modes). */
  private void ratio(String what, String tqc, String floor, String goal, double min) {
    ratio(what, tqc, floor, params -> goal, params -> min);
  }

  /** As above, with issue 11's goals per batch size: {@code g1} / {@code g100} / {@code g1000} at 1 / 100 / 1,000 messages. */
  private void ratioBySize(String what, String tqc, String floor, double g1, double g100, double g1000) {
    java.util.function.Function<String, Double> min = params -> params.equals("messages=1") ? g1
        : params.equals("messages=100") ? g100 : params.equals("messages=1000") ? g1000 : Double.NaN;
    ratio(what, tqc, floor, params -> Double.isNaN(min.apply(params)) ? "-"
        : String.format(Locale.ROOT, "≥ %.2f", min.apply(params)), min);
  }

  private void ratio(String what, String tqc, String floor, java.util.function.Function<String, String> goalOf,
      java.util.function.Function<String, Double> minOf) {
    for (String params : paramSets(tqc)) {
      String goal = goalOf.apply(params);
      double min = minOf.apply(params);
      Result a = results.get(key(tqc, params));
      Result b = results.get(key(floor, params));
      if (b == null) {
        b = results.get(key(floor, ""));
      }
      if (a == null || b == null) {
        continue;
      }
      double ratio = a.score / b.score;
      // JMH's 99.9% half-widths, combined as relative errors: how far the ratio could move by noise alone.
      double spread = ratio * Math.sqrt(Math.pow(a.error / a.score, 2) + Math.pow(b.error / b.score, 2));
      String verdict = Double.isNaN(min) ? "(reference)" : ratio >= min ? "meets goal" : "**below goal**";
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s | %s |%n", what,
          params.isEmpty() ? "-" : params, score(a), score(b), ratio,
          Double.isNaN(spread) ? "n/a" : String.format(Locale.ROOT, "± %.2f", spread), goal, verdict));
    }
  }

  /** Microseconds per batch of the relay path and of its parts, from throughput and average-time results. */
  private void breakdown() {
    TreeSet<String> sets = paramSets("RelayBenchmark.relayCachedToken");
    if (sets.isEmpty()) {
      return;
    }
    out.append("\n## Where the relay's time goes (µs per batch, same run)\n\n");
    out.append("| Params | Floor (verify + SHA-256) | API verifier, token cached | Body parse alone | Relay `acceptBatch`,"
        + " token cached | Relay minus verifier minus parse |\n| --- | --- | --- | --- | --- | --- |\n");
    for (String params : sets) {
      double floor = micros(results.get(key("RelayBenchmark.baselineRawBouncyCastle", params)));
      double verifier = micros(results.get(key("VerifyBenchmark.tqcCachedToken", params)));
      double parse = micros(results.get(key("BatchParseBenchmark.parse", params)));
      double relay = micros(results.get(key("RelayBenchmark.relayCachedToken", params)));
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", params, floor, verifier,
          parse, relay, relay - verifier - parse));
    }
  }

  /** Microseconds per operation of a throughput (ops/s) or average-time (us/op) result; NaN if absent. */
  private static double micros(Result r) {
    if (r == null) {
      return Double.NaN;
    }
    if (r.unit.equals("ops/s")) {
      return 1e6 / r.score;
    }
    return r.unit.equals("us/op") ? r.score : Double.NaN;
  }

  private TreeSet<String> paramSets(String name) {
    TreeSet<String> sets = new TreeSet<>((x, y) -> {
      int c = Integer.compare(x.length(), y.length());
      return c != 0 ? c : x.compareTo(y);
    });
    for (Result r : results.values()) {
      if (r.name.equals(name)) {
        sets.add(r.params);
      }
    }
    return sets;
  }

  private static String score(Result r) {
    return String.format(Locale.ROOT, "%,.1f %s", r.score, r.unit);
  }

  private String render() {
    int cores = Runtime.getRuntime().availableProcessors();
    out.append("## Ratios (same run)\n\n");
    out.append("Throughput of the TQC operation divided by the throughput of its floor or competitor; "
        + "higher is better.\n\n");
    out.append("| What | Params | TQC | Floor / competitor | Ratio | Noise (99.9%) | Goal | |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    ratio("Client `certify`, cached token, vs raw BC sign + SHA-256", "CertifyBenchmark.tqcClientCertify",
        "CertifyBenchmark.baselineRawBouncyCastle", "≥ 0.8", 0.8);
    ratio("`BatchProofSigner` alone vs raw BC sign + SHA-256", "CertifyBenchmark.tqcBatchProofSigner",
        "CertifyBenchmark.baselineRawBouncyCastle", "≥ 0.8", 0.8);
    // Issue 11's goals for the relay's whole batch path.
    ratioBySize("Relay `acceptBatch`, token cache on, vs raw BC verify + SHA-256", "RelayBenchmark.relayCachedToken",
        "RelayBenchmark.baselineRawBouncyCastle", 0.7, 0.55, 0.3);
    ratioBySize("Relay `acceptBatch`, token cache off (2 signatures)", "RelayBenchmark.relayUncachedToken",
        "RelayBenchmark.baselineRawBouncyCastle", 0.45, 0.35, 0.25);
    ratioBySize("Relay `acceptBatch`, token cache on + Korean content policy", "RelayBenchmark.relayCachedTokenWithCompliance",
        "RelayBenchmark.baselineRawBouncyCastle", Double.NaN, 0.45, Double.NaN);
    ratio("API verifier (protocol checks only), token cache on, vs floor", "VerifyBenchmark.tqcCachedToken",
        "VerifyBenchmark.baselineRawBouncyCastle", "≥ 0.8", 0.8);
    ratio("API verifier, token cache off (2 signatures), vs floor", "VerifyBenchmark.tqcUncachedToken",
        "VerifyBenchmark.baselineRawBouncyCastle", "≥ 0.45", 0.45);
    ratio("TQC verifier vs nimbus-jose-jwt + Tink (same checks, same token cache)", "VerifyBenchmark.tqcCachedToken",
        "VerifyBenchmark.nimbusCachedToken", "≥ 1.5", 1.5);
    ratio("TQC relay whole path vs nimbus-jose-jwt JOSE checks only", "RelayBenchmark.relayCachedToken",
        "VerifyBenchmark.nimbusCachedToken", "-", Double.NaN);
    ratio("Relay `acceptBatch` vs the API verifier alone (what the relay adds: status, replay, parse, audit)",
        "RelayBenchmark.relayCachedToken", "VerifyBenchmark.tqcCachedToken", "-", Double.NaN);
    ratio("Relay `acceptBatch` with the Redis replay pre-check vs the in-memory replay cache",
        "ReplayPreCheckBenchmark.relayRedisReplayCache", "ReplayPreCheckBenchmark.relayInMemoryReplayCache", "-",
        Double.NaN);
    ratio(String.format(Locale.ROOT, "Client snapshot read, 8 threads vs 1 (%d cores)", cores),
        "SnapshotBenchmark.snapshotRead8Threads", "SnapshotBenchmark.snapshotRead1Thread",
        String.format(Locale.ROOT, "≥ %.1f", 0.8 * Math.min(8, cores)), 0.8 * Math.min(8, cores));
    // Cost ratios: the throughput of the whole divided by the throughput of the part is the part's
    // share of the whole's time.
    ratio("Opt-out check of 1,000 recipients as a share of the relay's 1,000-message batch path",
        "SuppressionBenchmark.relayBatchPath", "SuppressionBenchmark.suppressionCheck1000", "≤ 0.10", Double.NaN);
    ratio("Relay batch path with the opt-out check vs without (1,000 messages)",
        "SuppressionBenchmark.relayBatchPathWithSuppression", "SuppressionBenchmark.relayBatchPath", "≥ 0.9", 0.9);
    breakdown();
    out.append("\n## Every result\n\n");
    out.append("| Benchmark | Params | Threads | Score | ± 99.9% | Alloc/op |\n");
    out.append("| --- | --- | --- | --- | --- | --- |\n");
    for (Result r : results.values()) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %,.3f %s | %,.3f | %s |%n", r.name,
          r.params.isEmpty() ? "-" : r.params, r.threads, r.score, r.unit, r.error,
          r.allocPerOp < 0 ? "-" : String.format(Locale.ROOT, "%,.0f B", r.allocPerOp)));
    }
    return out.toString();
  }

  /** Reads the JMH JSON file named by the first argument and prints the Markdown summary. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Summary <jmh-results.json>");
      System.exit(2);
    }
    String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
    Object json = new Moshi.Builder().build().adapter(Object.class).fromJson(text);
    if (!(json instanceof List)) {
      throw new IOException(args[0] + " is not a JMH JSON result array");
    }
    System.out.print(new Summary(new ArrayList<Object>((List<?>) json)).render());
  }
}
