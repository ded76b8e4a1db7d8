package io.tqc.bench;

import io.tqc.relay.ContentPolicy;
import io.tqc.relay.RelayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The headline ratios of {@link RelayBenchmark}, robust to a shared machine's drift: floor and
 * subjects are measured interleaved in the same JVM (rounds of floor, cached, uncached, compliance,
 * cold, each for a fixed time slice; "uncached" turns off the verified-token cache, "cold" the
 * proof-key cache as well), and each ratio is the median over rounds of subject ÷ that round's
 * floor, so a neighbour's burst moves numerator and denominator alike. Run after building the jar:
 * {@code java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.Interleaved [rounds] [sliceMillis] [all|relay|parse]}
 * (defaults 10, 1000 and all: {@code relay} runs only the {@code acceptBatch} table, {@code parse} only
 * the parse against SHA-256). Prints Markdown with the load average before and after each size.
 */
public final class Interleaved {
  private static final int POOL = 4096;
  private static volatile boolean sink;

  private Interleaved() {}

  interface Op {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long slice = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    String only = args.length > 2 ? args[2] : "all";
    if (!only.equals("parse")) {
      System.out.println("| Messages | Subject | Median ratio to floor | Min / max over rounds | Floor median ops/s"
          + " | Subject median ops/s | Load average (1 min) before / after |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      for (int messages : new int[] {1, 100, 1000}) {
        run(messages, rounds, slice);
      }
      System.out.println();
    }
    if (!only.equals("relay")) {
      System.out.println("| Messages | Body bytes | Strict parse ÷ SHA-256 of the body (median) | Min / max over rounds"
          + " | SHA-256 median µs | Parse median µs | Load average (1 min) before / after |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      for (int messages : new int[] {1, 100, 1000}) {
        parseVsSha(messages, rounds, slice);
      }
    }
  }

  /** The parse goal: {@code Batch.parse} of a body against SHA-256 of the same bytes, interleaved. */
  private static void parseVsSha(int messages, int rounds, long slice) throws Exception {
    byte[] body;
    try (BenchRelay relay = new BenchRelay(0, ContentPolicy.NONE, messages, 1)) {
      body = relay.batch;
    }
    MessageDigest sha256 = Sha256.newDigest();
    Op hash = () -> sink ^= sha256.digest(body)[0] == 42;
    Op parse = () -> sink ^= io.tqc.api.batch.Batch.parse(body, 10_000).messageCount() == 42;
    String loadBefore = Rounds.load();
    for (int i = 0; i < 3; i++) {
      rate(hash, slice);
      rate(parse, slice);
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> hashMicros = new ArrayList<>();
    List<Double> parseMicros = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      double h = rate(hash, slice);
      double p = rate(parse, slice);
      hashMicros.add(1e6 / h);
      parseMicros.add(1e6 / p);
      ratios.add(h / p);
    }
    List<Double> sorted = new ArrayList<>(ratios);
    Collections.sort(sorted);
    System.out.println(String.format(Locale.ROOT, "| %d | %,d | **%.2f** | %.2f / %.2f | %.1f | %.1f | %s / %s |",
        messages, body.length, Rounds.median(ratios), sorted.get(0), sorted.get(sorted.size() - 1), Rounds.median(hashMicros),
        Rounds.median(parseMicros), loadBefore, Rounds.load()));
  }

  private static void run(int messages, int rounds, long slice) throws Exception {
    BenchRelay cached = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, ContentPolicy.NONE, messages, POOL);
    BenchRelay uncached = new BenchRelay(0, ContentPolicy.NONE, messages, POOL);
    BenchRelay cold = new BenchRelay(0, 0, ContentPolicy.NONE, messages, POOL);
    BenchRelay compliance = new BenchRelay(RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, new KoreanContentPolicy(),
        messages, POOL);
    try {
      String proof = cached.proofs[0];
      int dot = proof.lastIndexOf('.');
      byte[] signingInput = proof.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = Base64.getUrlDecoder().decode(proof.substring(dot + 1));
      Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(cached.resellerKey.verificationKey().rawBytes(), 0);
      MessageDigest sha256 = Sha256.newDigest();
      byte[] body = cached.batch;
      Op floor = () -> {
        byte[] hash = sha256.digest(body);
        sink ^= key.verify(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0)
            && hash[0] != 42;
      };
      String[] names = {"`acceptBatch`, token cached, content off",
          "`acceptBatch`, token uncached (reseller key known)",
          "`acceptBatch`, token cached, Korean content policy",
          "`acceptBatch`, token and proof key uncached (cold)"};
      BenchRelay[] relays = {cached, uncached, compliance, cold};
      List<Op> subjects = new ArrayList<>();
      for (BenchRelay r : relays) {
        subjects.add(() -> r.relay.acceptBatch(r.token, r.nextProof(), r.batch));
      }
      String loadBefore = Rounds.load();
      // Warm-up: every operation for three slices.
      for (int i = 0; i < 3; i++) {
        rate(floor, slice);
        for (Op op : subjects) {
          rate(op, slice);
        }
      }
      List<Double> floors = new ArrayList<>();
      List<List<Double>> ratios = new ArrayList<>();
      List<List<Double>> rates = new ArrayList<>();
      for (int s = 0; s < subjects.size(); s++) {
        ratios.add(new ArrayList<>());
        rates.add(new ArrayList<>());
      }
      for (int round = 0; round < rounds; round++) {
        double f = rate(floor, slice);
        floors.add(f);
        for (int s = 0; s < subjects.size(); s++) {
          double r = rate(subjects.get(s), slice);
          rates.get(s).add(r);
          ratios.get(s).add(r / f);
        }
      }
      String loadAfter = Rounds.load();
      for (int s = 0; s < subjects.size(); s++) {
        List<Double> sorted = new ArrayList<>(ratios.get(s));
        Collections.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "| %d | %s | **%.2f** | %.2f / %.2f | %,.0f | %,.0f | %s / %s |",
            messages, names[s], Rounds.median(ratios.get(s)), sorted.get(0), sorted.get(sorted.size() - 1),
            Rounds.median(floors), Rounds.median(rates.get(s)), loadBefore, loadAfter));
      }
    } finally {
      cached.close();
      uncached.close();
      compliance.close();
      cold.close();
    }
  }

  private static double rate(Op op, long sliceMillis) throws Exception {
    long end = System.nanoTime() + sliceMillis * 1_000_000L;
    long start = System.nanoTime();
    long count = 0;
    long now;
    do {
      op.run();
      count++;
      now = System.nanoTime();
    } while (now < end);
    return count * 1e9 / (now - start);
  }
}
