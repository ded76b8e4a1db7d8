package io.tqc.bench.console;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.bench.enforcement.TracebackBench;
import io.tqc.examples.console.ConsoleConfig;
import io.tqc.examples.console.Operator;
import io.tqc.examples.console.Role;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.Reseller;
import io.tqc.relay.enforcement.Case;
import io.tqc.relay.enforcement.CaseEvent;
import io.tqc.relay.enforcement.CaseState;
import io.tqc.relay.enforcement.QuotaLimits;
import io.tqc.relay.enforcement.QuotaSubject;
import io.tqc.relay.enforcement.TracebackDigest;
import io.tqc.relay.enforcement.TracebackKey;
import io.tqc.relay.store.EnforcementStore;
import io.tqc.relay.store.SqliteRelayStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator console at scale on the SQLite default: seeds a relay database with N resellers
 * (default 1,000, each with a daily quota and an open case) and M audited batches (default
 * 1,000,000, spread over the last 30 days, each with its traceback row and audit-chain link),
 * written straight through the store's own audit commit in groups of 1,000; then starts the
 * reference relay with the console on it and (1) times the admin API calls behind each screen over
 * HTTP and (2) runs {@code console-perf.mjs} in Chromium for full page loads (dashboard, reseller
 * search, a reseller's page, case list). Not part of the build: a measurement, run by hand.
 *
 * <pre>
 * java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.console.ConsoleScale [resellers] [batches] [dir]
 * </pre>
 */
public final class ConsoleScale {
  private static final int GROUP = 1_000;
  private static final String OPERATOR = "bench.operator";
  private static final String PASSWORD = "bench-operator-pass";

  private ConsoleScale() {}

  public static void main(String[] args) throws Exception {
    int resellerCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    long batches = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
    Path dir = args.length > 2 ? Paths.get(args[2]) : Files.createTempDirectory("tqc-console-scale-");
    Files.createDirectories(dir);
    Instant now = Instant.now();
    Instant start = now.minus(Duration.ofDays(30));
    long spacingMs = Duration.ofDays(30).minusMinutes(10).toMillis() / Math.max(1, batches);

    List<Reseller> resellers = new ArrayList<>();
    long seeded = System.nanoTime();
    try (SqliteRelayStore store = SqliteRelayStore.open(dir.resolve("relay.db"))) {
      SigningKey key = SigningKey.generate();
      for (int r = 0; r < resellerCount; r++) {
        Reseller reseller = new Reseller.Builder().id(ResellerId.parse(TracebackBench.validId(r)))
            .name("재판매사 " + r).keys(Arrays.asList(key.verificationKey()))
            .senderNumbers(Arrays.asList(String.format("0212%06d", r))).originCode(String.format("%09d", 100_000_000 + r))
            .certificationId("cert-" + r).certificationExpiresAt(now.plus(Duration.ofDays(365))).statusListIndex(r)
            .status(CertificationStatus.ACTIVE).sequence(1).registeredAt(start.minusSeconds(60)).build();
        store.insertReseller(reseller, new HistoryEntry(reseller.id(), 1, HistoryEntry.Kind.REGISTERED,
            CertificationStatus.ACTIVE, null, "bench", start.minusSeconds(60)));
        resellers.add(reseller);
      }
      EnforcementStore enforcement = store.enforcement();
      for (Reseller r : resellers) {
        enforcement.setQuota(QuotaSubject.reseller(r.id()), QuotaLimits.of(1_000_000, QuotaLimits.UNLIMITED));
        Instant opened = start.plus(Duration.ofMinutes(r.statusListIndex()));
        String caseId = "case_bench_" + r.statusListIndex();
        enforcement.insertCase(new Case.Builder().id(caseId).resellerId(r.id()).state(CaseState.OPEN).version(1)
            .reportCount(1).openedAt(opened).updatedAt(opened).build(),
            new CaseEvent(caseId, 1, CaseEvent.Action.OPENED, CaseState.OPEN, "bench", null, opened, "bench"));
      }
      TracebackKey tracebackKey = TracebackKey.generate();
      String token = "eyJhbGciOiJFZERTQSJ9." + "x".repeat(600) + ".sig";
      String proofTail = "p".repeat(300);
      List<AuditRecord> group = new ArrayList<>(GROUP);
      for (long b = 0; b < batches; b++) {
        Reseller reseller = resellers.get((int) (b % resellerCount));
        group.add(new AuditRecord.Builder().batchId("batch-" + b).resellerId(reseller.id())
            .certificationId(reseller.certificationId()).originCode(reseller.originCode()).tokenId("tok-" + (b / 1000))
            .token(token).proof("proof-" + b + "." + proofTail).bodyDigest("digest-" + b)
            .messageCount(1 + (int) (b % 1000)).acceptedAt(start.plusMillis(spacingMs * b))
            .senderNumber(reseller.senderNumbers().get(0)).nodeId("bench")
            .messageDigests(Collections.singletonList(new TracebackDigest(0,
                tracebackKey.recipientDigest(String.format("010%08d", b % 100_000_000)),
                tracebackKey.textDigest("광고 " + b)))).build());
        if (group.size() == GROUP || b == batches - 1) {
          store.recordAccepted(group);
          group.clear();
        }
        if (b > 0 && b % 100_000 == 0) {
          System.out.printf("  %,d batches written (%.0f s)%n", b, (System.nanoTime() - seeded) / 1e9);
        }
      }
    }
    double seedSeconds = (System.nanoTime() - seeded) / 1e9;
    System.out.printf("seeded %,d resellers, %,d cases and %,d audited batches in %.1f s (%.0f batches/s); %,d MB on disk%n",
        resellerCount, resellerCount, batches, seedSeconds, batches / seedSeconds, size(dir) / 1_000_000);

    ConsoleConfig console = new ConsoleConfig.Builder()
        .addOperator(Operator.withPassword(OPERATOR, Role.OPERATOR, PASSWORD.toCharArray())).build();
    long opening = System.nanoTime();
    try (RelayServer server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(dir)
        .issuer("https://console.scale.bench").console(console).build())) {
      System.out.printf("relay opened on the seeded data in %d ms%n", (System.nanoTime() - opening) / 1_000_000);
      String reseller = resellers.get(resellerCount / 2).id().value();
      api(server, reseller);
      browser(server, reseller);
    }
  }

  /** p50 / p99 of the admin API calls behind each screen (admin token, 200 calls each after 20 warm-up). */
  static void api(RelayServer server, String reseller) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String[][] calls = {
      {"dashboard: overview", "/v1/admin/overview"},
      {"dashboard/search: resellers?q=", "/v1/admin/resellers?q="},
      {"search: resellers?q=<id>", "/v1/admin/resellers?q=" + reseller},
      {"reseller page: reseller + history", "/v1/admin/resellers/" + reseller},
      {"reseller page: cases", "/v1/admin/resellers/" + reseller + "/cases"},
      {"reseller page: sanctions", "/v1/admin/resellers/" + reseller + "/sanctions"},
      {"reseller page: quota", "/v1/admin/quotas/reseller/" + reseller},
      {"reseller page: batches (20)", "/v1/admin/resellers/" + reseller + "/batches?limit=20"},
      {"case list (100)", "/v1/admin/cases"},
      {"case list: open, one reseller", "/v1/admin/cases?state=open&reseller=" + reseller},
    };
    for (String[] call : calls) {
      long[] nanos = new long[200];
      for (int i = -20; i < nanos.length; i++) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + call[1]))
            .header("Authorization", "Bearer " + server.adminToken()).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - t0;
        if (response.statusCode() != 200) {
          throw new IllegalStateException(call[1] + " answered " + response.statusCode() + ": " + response.body());
        }
        if (i >= 0) {
          nanos[i] = elapsed;
        }
      }
      Arrays.sort(nanos);
      System.out.printf("  %-36s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", call[0], nanos[100] / 1e6,
          nanos[197] / 1e6, nanos[199] / 1e6);
    }
  }

  /** Runs console-perf.mjs (sdk-examples/src/test/console-e2e) in Chromium and prints its JSON. */
  static void browser(RelayServer server, String reseller) throws Exception {
    Path e2e = Paths.get("sdk-examples/src/test/console-e2e").toAbsolutePath();
    if (!Files.isDirectory(e2e.resolve("node_modules/playwright-core"))) {
      System.out.println("browser timings skipped: run npm ci in " + e2e + " (and run this from the repository root)");
      return;
    }
    ProcessBuilder node = new ProcessBuilder("node", "console-perf.mjs").directory(e2e.toFile()).redirectErrorStream(true);
    node.environment().put("CONSOLE_URL", server.url());
    node.environment().put("OPERATOR_NAME", OPERATOR);
    node.environment().put("OPERATOR_PASSWORD", PASSWORD);
    node.environment().put("RESELLER", reseller);
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(300, TimeUnit.SECONDS);
    System.out.println("browser (ms, full reload until the data is shown; the reseller page from the click):");
    System.out.println(output.trim());
  }

  static long size(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
