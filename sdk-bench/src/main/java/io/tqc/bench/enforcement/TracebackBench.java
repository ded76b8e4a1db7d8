package io.tqc.bench.enforcement;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.enforcement.EnforcementConfig;
import io.tqc.relay.enforcement.MatchRank;
import io.tqc.relay.enforcement.Normalization;
import io.tqc.relay.enforcement.ReportSource;
import io.tqc.relay.enforcement.SpamReport;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.SqliteRelayStore;
import io.tqc.relay.store.StoredSigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Traceback at scale: builds an audit history of N messages (default 10 million) in a SQLite relay
 * database through the store's own audit commit (traceback rows, chain links and tokens as the batch
 * path writes them), then times tracebacks of random audited messages and of unknown ones.
 *
 * <pre>
 * java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.enforcement.TracebackBench [messages] [dir]
 * </pre>
 * Prints build time, disk size per million messages, and p50/p99/max of exact, probable and no-match
 * tracebacks. Not part of the build: a measurement, run by hand.
 */
public final class TracebackBench {
  private static final int MESSAGES_PER_BATCH = 100;
  private static final int GROUP = 200;
  private static final int RESELLERS = 50;
  private static final int QUERIES = 2_000;

  private TracebackBench() {}

  public static void main(String[] args) throws Exception {
    long messages = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path dir = args.length > 1 ? Paths.get(args[1]) : Files.createTempDirectory("tqc-traceback-bench-");
    Files.createDirectories(dir);
    TracebackKey key = TracebackKey.generate();
    Instant start = Instant.parse("2026-06-01T00:00:00Z");
    long batches = (messages + MESSAGES_PER_BATCH - 1) / MESSAGES_PER_BATCH;
    // The history spreads over 180 days; "now" is just after the last batch.
    long spacingMs = Duration.ofDays(180).toMillis() / batches;
    Instant end = start.plusMillis(spacingMs * batches);

    SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"));
    List<Reseller> resellers = new ArrayList<>();
    for (int r = 0; r < RESELLERS; r++) {
      Reseller reseller = new Reseller.Builder().id(ResellerId.parse(String.format("%s", validId(r))))
          .name("Reseller " + r).keys(Arrays.asList(SigningKey.generate().verificationKey()))
          .senderNumbers(Arrays.asList("0212345678")).originCode(String.format("%09d", 100_000_000 + r))
          .certificationId("cert-" + r).certificationExpiresAt(end.plus(Duration.ofDays(365))).statusListIndex(r)
          .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(start.minusSeconds(60)).build();
      store.insertReseller(reseller, new HistoryEntry(reseller.id(), 1, HistoryEntry.Kind.REGISTERED,
          CertificationStatus.ACTIVE, null, "bench", start.minusSeconds(60)));
      resellers.add(reseller);
    }
    String token = "eyJhbGciOiJFZERTQSJ9." + "x".repeat(600) + ".sig";
    long built = System.nanoTime();
    List<AuditRecord> group = new ArrayList<>(GROUP);
    for (long b = 0; b < batches; b++) {
      Reseller reseller = resellers.get((int) (b % RESELLERS));
      List<TracebackDigest> digests = new ArrayList<>(MESSAGES_PER_BATCH);
      for (int i = 0; i < MESSAGES_PER_BATCH; i++) {
        long m = b * MESSAGES_PER_BATCH + i;
        digests.add(new TracebackDigest(i, key.recipientDigest(recipient(m)), key.textDigest(text(b))));
      }
      group.add(new AuditRecord.Builder().batchId("batch-" + b).resellerId(reseller.id())
          .certificationId(reseller.certificationId()).originCode(reseller.originCode()).tokenId("tok-" + (b / 1000))
          .token(token).proof("proof-" + b + "." + "p".repeat(300)).bodyDigest("digest-" + b)
          .messageCount(MESSAGES_PER_BATCH).acceptedAt(start.plusMillis(spacingMs * b)).senderNumber("0212345678")
          .nodeId("bench").messageDigests(digests).build());
      if (group.size() == GROUP || b == batches - 1) {
        store.recordAccepted(group);
        group.clear();
      }
      if (b > 0 && b % 10_000 == 0) {
        System.out.printf("  %,d messages written (%.0f s)%n", b * MESSAGES_PER_BATCH,
            (System.nanoTime() - built) / 1e9);
      }
    }
    double buildSeconds = (System.nanoTime() - built) / 1e9;
    store.close();
    long bytes = size(dir);
    System.out.printf("history: %,d messages in %,d batches, built in %.1f s (%.0f messages/s)%n", messages,
        batches, buildSeconds, messages / buildSeconds);
    System.out.printf("disk: %,d bytes = %.1f MB per million messages (database, WAL included)%n", bytes,
        bytes / (messages / 1e6) / 1e6);

    SigningKeyStore keys = SigningKeyStore.inMemory();
    keys.save(Arrays.asList(new StoredSigningKey(SigningKey.generate(), end, null, null)));
    Clock clock = Clock.fixed(end.plusSeconds(60), ZoneOffset.UTC);
    try (Relay relay = Relay.open(new RelayConfig.Builder().issuer("https://bench.relay").clock(clock)
        .store(SqliteRelayStore.open(dir.resolve("relay.db"))).signingKeyStore(keys)
        .enforcement(new EnforcementConfig.Builder().tracebackKey(key).exactWindow(Duration.ofDays(31))
            .sanctionCheckInterval(Duration.ofHours(1)).checkpointInterval(Duration.ofDays(1)).build())
        .build())) {
      SplittableRandom random = new SplittableRandom(42);
      for (String kind : new String[] {"exact", "probable", "none"}) {
        long[] nanos = new long[QUERIES];
        for (int q = 0; q < QUERIES + 200; q++) {
          // Recent messages (within the 31-day exact window before the report).
          long b = batches - 1 - random.nextLong(Math.min(batches, Math.max(1, batches * 31 / 180)));
          long m = b * MESSAGES_PER_BATCH + random.nextInt(MESSAGES_PER_BATCH);
          Instant acceptedAt = start.plusMillis(spacingMs * b);
          SpamReport.Builder report = new SpamReport.Builder().receivedAt(acceptedAt.plusSeconds(30))
              .source(ReportSource.USER).senderNumber("02-1234-5678");
          MatchRank expected;
          if (kind.equals("exact")) {
            report.recipient(recipient(m)).text("[Web발신]\n" + text(b));
            expected = MatchRank.EXACT;
          } else if (kind.equals("probable")) {
            report.recipient(recipient(m)).text("다른 본문 " + m);
            expected = MatchRank.PROBABLE;
          } else {
            report.recipient(String.format("019%08d", q)).text(text(b));
            expected = MatchRank.NONE;
          }
          SpamReport built2 = report.build();
          long t0 = System.nanoTime();
          MatchRank rank = relay.traceback(built2).rank();
          long t = System.nanoTime() - t0;
          if (rank != expected) {
            throw new IllegalStateException(kind + " query " + q + " ranked " + rank);
          }
          if (q >= 200) {
            nanos[q - 200] = t;
          }
        }
        Arrays.sort(nanos);
        System.out.printf("traceback %-8s p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%d queries after 200 warm-up)%n",
            kind, nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6, nanos[QUERIES - 1] / 1e6, QUERIES);
      }
    }
  }

  /** A distinct, valid mobile number for message {@code m} (010 and 8 digits; beyond 10^8, 011). */
  static String recipient(long m) {
    long n = m % 100_000_000L;
    String prefix = m < 100_000_000L ? "010" : "011";
    return Normalization.recipient(prefix + String.format("%08d", n));
  }

  static String text(long batch) {
    return "(광고)벤치상점 " + (batch % 5_000) + "번 행사 안내 문의 02-1234-5678 무료거부 080-123-4567";
  }

  /** A business registration number (a valid reseller id) with its check digit, for index {@code r}. */
  public static String validId(int r) {
    int[] weights = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    String base = String.format("%09d", 123_450_000 + r);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (base.charAt(i) - '0') * weights[i];
    }
    sum += ((base.charAt(8) - '0') * 5) / 10;
    int check = (10 - sum % 10) % 10;
    return base + check;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }
}
