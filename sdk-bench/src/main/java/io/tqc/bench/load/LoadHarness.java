package io.tqc.bench.load;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.client.AdvertisingBatch;
import io.tqc.client.TqcClientException;
import io.tqc.examples.relay.RelayServer;
import io.tqc.examples.relay.RelayServerConfig;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.store.InMemoryRelayStore;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.SqliteRelayStore;
import io.tqc.relay.store.SigningKeyStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Loopback load and revocation-propagation harness. One command, bounded in time:
 *
 * <pre>
 * java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.load.LoadHarness [--resellers 4] [--threads 2]
 *     [--seconds 15] [--warmup 5] [--messages 100] [--cycles 30] [--flood 3000000] [--profile ROUNDS]
 * </pre>
 *
 * With {@code --profile ROUNDS} only the in-memory-audit relay and the no-verify server run, side by
 * side, optionally under async-profiler (see {@code profiled}); the other phases are skipped.
 * {@code --profile-durable ROUNDS} does the same with the durable SQLite relay instead; profile it
 * with {@code -Dtqc.asprof.event=wall -Dtqc.asprof.interval=1ms} to see where a batch's wall time
 * goes (the commit's fsync, waiting for another thread's commit).
 *
 * <ol>
 *   <li>Throughput: N resellers, each with its own key, {@code TqcClient} and OkHttp client with the
 *       TQC interceptor, push batches as fast as they can to the reference relay (in this JVM,
 *       127.0.0.1) with its durable SQLite audit, to a second reference relay whose audit store is
 *       in memory, then to an endpoint on the same HTTP stack that accepts without verifying
 *       ({@link NoVerifyServer}); batches/s, messages/s, latency, ratios.
 *   <li>Propagation: under the same load, one reseller is suspended and reinstated repeatedly
 *       through the admin API; time from the admin acknowledgement to the client's first refusal and
 *       to the relay's first rejection; batches accepted after the acknowledgement (relay answers
 *       and audit log) and certified after the client processed the suspension.
 *   <li>Replay-cache flood: millions of distinct proof ids inside the window; retained heap.
 * </ol>
 *
 * Prints a Markdown report and writes it to {@code sdk-bench/target/load/report.md}.
 */
public final class LoadHarness {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String TEXT = "(광고)예시문자 11월 특가! 전 품목 20% 할인 쿠폰 발급 중. 문의 02-123-4567 무료거부 080-123-4567";

  private int resellerCount = 4;
  private int threads = 2;
  private int seconds = 15;
  private int warmup = 5;
  private int messages = 100;
  private int cycles = 30;
  private int flood = 3_000_000;
  /** With {@code --profile N}: only the in-memory and no-verify throughput runs, N rounds each, profiled. */
  private int profileRounds;
  private int profileDurableRounds;

  private RelayServer server;
  private RelayServer memoryServer;
  private final List<LoadReseller> resellers = new ArrayList<>();
  private final List<LoadReseller> memoryResellers = new ArrayList<>();
  private final OkHttpClient plain = new OkHttpClient.Builder().socketFactory(new NoDelaySocketFactory())
      .callTimeout(30, TimeUnit.SECONDS).build();
  private byte[] body;
  private final byte[] small = batch(1);
  /** 202 answers from the verifying relay, all phases: each must have its audit record. */
  private final AtomicLong relayAccepted = new AtomicLong();

  /** Outcome of one request of the reseller under suspension. */
  private static final class Outcome {
    final long started;
    final int status;

    Outcome(long started, int status) {
      this.started = started;
      this.status = status;
    }
  }

  private final ConcurrentLinkedQueue<Outcome> victimOutcomes = new ConcurrentLinkedQueue<>();
  private final AtomicLong firstRelayRejection = new AtomicLong();
  private final AtomicLong certifiedAfterProcessed = new AtomicLong();

  /** Entry point; see the class comment for options. */
  public static void main(String[] args) throws Exception {
    LoadHarness harness = new LoadHarness();
    harness.parse(args);
    String report = harness.run();
    System.out.println(report);
    Path out = Paths.get("sdk-bench", "target", "load");
    Files.createDirectories(out);
    Files.write(out.resolve("report.md"), report.getBytes(StandardCharsets.UTF_8));
    System.exit(0); // OkHttp's and Jetty's idle threads must not keep the JVM alive
  }

  private void parse(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--resellers": resellerCount = value; break;
        case "--threads": threads = value; break;
        case "--seconds": seconds = value; break;
        case "--warmup": warmup = value; break;
        case "--messages": messages = value; break;
        case "--cycles": cycles = value; break;
        case "--flood": flood = value; break;
        case "--profile": profileRounds = value; break;
        case "--profile-durable": profileDurableRounds = value; break;
        default: throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0 || resellerCount < 1 || threads < 1 || seconds < 1 || seconds > 600 || cycles > 1000) {
      throw new IllegalArgumentException("options: --resellers N --threads N --seconds 1..600 --warmup S"
          + " --messages N --cycles N --flood N --profile ROUNDS --profile-durable ROUNDS");
    }
  }

  private String run() throws Exception {
    body = batch(messages);
    Path data = Files.createTempDirectory("tqc-load");
    Path memoryData = Files.createTempDirectory("tqc-load-memory");
    StringBuilder report = new StringBuilder("# TQC load and propagation harness\n\n");
    try (NoVerifyServer off = new NoVerifyServer()) {
      // The shipped SQLite store, counted: each recordAccepted call is one commit (one fsync of the
      // WAL at synchronous=FULL) of one leader/follower group.
      RelayStore durableStore = counting(SqliteRelayStore.open(data.resolve(RelayConfig.DATABASE_FILE)));
      server = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data)
          .relayOptions(b -> b.store(durableStore)).build());
      memoryServer = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(memoryData)
          .relayOptions(b -> b.store(new InMemoryRelayStore()).signingKeyStore(SigningKeyStore.inMemory())).build());
      for (int i = 0; i < resellerCount; i++) {
        resellers.add(new LoadReseller(i, server.relay(), server.url()));
        memoryResellers.add(new LoadReseller(i, memoryServer.relay(), memoryServer.url()));
      }
      for (LoadReseller r : resellers) {
        r.awaitReady();
      }
      for (LoadReseller r : memoryResellers) {
        r.awaitReady();
      }
      String relayBatches = server.url() + "/v1/batches";
      String memoryBatches = memoryServer.url() + "/v1/batches";
      report.append(String.format(Locale.ROOT, "%d resellers × %d sender threads, %d messages (%,d bytes) per batch,"
          + " %d s per run after %d s warm-up each, loopback, %d cores.%n%n", resellerCount, threads, messages,
          body.length, seconds, warmup, Runtime.getRuntime().availableProcessors()));
      if (profileRounds > 0) {
        load(memoryResellers, memoryBatches, warmup, null);
        load(resellers, off.batchUrl(), warmup, null);
        report.append(profiled("memory", "Verifying, audit in memory", memoryResellers, memoryBatches, off.batchUrl(),
            profileRounds));
        return report.toString();
      }
      if (profileDurableRounds > 0) {
        load(resellers, relayBatches, warmup, null);
        load(resellers, off.batchUrl(), warmup, null);
        report.append(profiled("durable", "Verifying, durable SQLite audit", resellers, relayBatches, off.batchUrl(),
            profileDurableRounds));
        return report.toString();
      }
      load(resellers, relayBatches, warmup, null);
      load(memoryResellers, memoryBatches, warmup, null);
      load(resellers, off.batchUrl(), warmup, null);
      Run durable = load(resellers, relayBatches, seconds, null);
      Run memory = load(memoryResellers, memoryBatches, seconds, null);
      Run offRun = load(resellers, off.batchUrl(), seconds, null);
      report.append("## Throughput\n\n| Run | Batches/s | Messages/s | Latency p50 / p99 / max | Refused / errors |\n"
          + "| --- | --- | --- | --- | --- |\n")
          .append("| Relay verifying, durable SQLite audit (reference server as shipped) ").append(durable.row)
          .append("| Relay verifying, audit store in memory ").append(memory.row)
          .append("| Same HTTP stack, no verification, no audit ").append(offRun.row).append('\n');
      report.append(String.format(Locale.ROOT, "| Ratio (batches/s) | |%n| --- | --- |%n"
          + "| verifying (audit in memory) / not verifying | **%.2f** (goal ≥ 0.7) |%n"
          + "| verifying with durable audit / not verifying | **%.2f** |%n%n",
          memory.rate / offRun.rate, durable.rate / offRun.rate));
      report.append(groupCommit(relayBatches));
      report.append(propagation(relayBatches));
      report.append(auditCheck());
    } finally {
      for (LoadReseller r : resellers) {
        r.close();
      }
      for (LoadReseller r : memoryResellers) {
        r.close();
      }
      if (server != null) {
        server.close();
      }
      if (memoryServer != null) {
        memoryServer.close();
      }
      deleteTree(data);
      deleteTree(memoryData);
    }
    report.append("## Replay-cache flood\n\n| | |\n| --- | --- |\n").append(ReplayFlood.run(flood)).append('\n');
    return report.toString();
  }

  /**
   * {@code --profile N}: N rounds of the in-memory-audit relay and the no-verify server, side by side
   * (memory, off, memory, off...), each with its ratio and the load average. With
   * {@code -Dtqc.asprof.lib=<libasyncProfiler.so>} each run is profiled with async-profiler
   * ({@code -Dtqc.asprof.event=cpu|alloc}, default cpu) into collapsed stacks per thread in
   * {@code sdk-bench/target/load/profile-<event>-<memory|off>-<round>.collapsed}; the library is
   * loaded through async-profiler's Java API by reflection, so it is no build dependency.
   */
  private String profiled(String label, String title, List<LoadReseller> subjects, String subjectBatches,
      String offBatches, int rounds) throws Exception {
    String lib = System.getProperty("tqc.asprof.lib");
    String event = System.getProperty("tqc.asprof.event", "cpu");
    Path out = Paths.get("sdk-bench", "target", "load");
    Files.createDirectories(out);
    StringBuilder table = new StringBuilder("## Side by side (profile mode)\n\n"
        + "| Round | " + title + " (batches/s) | Not verifying (batches/s) | Ratio | Load average (1 min) |\n"
        + "| --- | --- | --- | --- | --- |\n");
    List<Double> ratios = new ArrayList<>();
    double subjectBatchesSent = 0;
    double offBatchesSent = 0;
    for (int round = 1; round <= rounds; round++) {
      Run subject = profiledRun(lib, event, out.resolve("profile-" + event + "-" + label + "-" + round + ".collapsed"),
          subjects, subjectBatches);
      Run offRun = profiledRun(lib, event, out.resolve("profile-" + event + "-off-" + round + ".collapsed"),
          resellers, offBatches);
      double ratio = subject.rate / offRun.rate;
      ratios.add(ratio);
      subjectBatchesSent += subject.rate * seconds;
      offBatchesSent += offRun.rate * seconds;
      table.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %s |%n", round, subject.rate,
          offRun.rate, ratio, loadAverage()));
    }
    ratios.sort(null);
    table.append(String.format(Locale.ROOT, "%nMedian ratio over %d rounds: **%.2f**%n", ratios.size(),
        ratios.get(ratios.size() / 2)));
    table.append(String.format(Locale.ROOT, "%nBatches accepted over all rounds (for ProfileBreakdown):"
        + " %s %.0f, not verifying %.0f%n", label, subjectBatchesSent, offBatchesSent));
    return table.toString();
  }

  private Run profiledRun(String lib, String event, Path file, List<LoadReseller> group, String url) throws Exception {
    if (lib == null) {
      return load(group, url, seconds, null);
    }
    Class<?> type = Class.forName("one.profiler.AsyncProfiler");
    Object profiler = type.getMethod("getInstance", String.class).invoke(null, lib);
    java.lang.reflect.Method execute = type.getMethod("execute", String.class);
    String interval = System.getProperty("tqc.asprof.interval"); // e.g. 1ms for event=wall
    execute.invoke(profiler, "start,event=" + event + ",threads" + (interval == null ? "" : ",interval=" + interval));
    try {
      return load(group, url, seconds, null);
    } finally {
      execute.invoke(profiler, "stop,collapsed,file=" + file.toAbsolutePath());
    }
  }

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong committedRecords = new AtomicLong();

  /** {@code store} with its audit commits counted ({@link #commits}, {@link #committedRecords}). */
  private RelayStore counting(RelayStore store) {
    return (RelayStore) Proxy.newProxyInstance(RelayStore.class.getClassLoader(), new Class<?>[] {RelayStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordAccepted") && args != null && args[0] instanceof List) {
            commits.incrementAndGet();
            committedRecords.addAndGet(((List<?>) args[0]).size());
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /**
   * The durable relay as concurrency grows: for 1, 2, 4 and 8 sender threads per reseller, batches/s,
   * audit commits (fsyncs) per second and the mean group a commit carries.
   */
  private String groupCommit(String relayBatches) throws Exception {
    StringBuilder out = new StringBuilder("## Durable audit: group commit as concurrency grows\n\n"
        + "| Concurrent senders | Batches/s | Commits (fsyncs) per s | Mean records per commit | Load average (1 min) |\n"
        + "| --- | --- | --- | --- | --- |\n");
    int configured = threads;
    try {
      for (int perReseller : new int[] {1, 2, 4, 8}) {
        threads = perReseller;
        load(resellers, relayBatches, 2, null);
        long c0 = commits.get();
        long r0 = committedRecords.get();
        long t0 = System.nanoTime();
        Run run = load(resellers, relayBatches, Math.min(seconds, 8), null);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long c = commits.get() - c0;
        long r = committedRecords.get() - r0;
        out.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %s |%n", perReseller * resellers.size(),
            run.rate, c / elapsed, c == 0 ? 0.0 : (double) r / c, loadAverage()));
      }
    } finally {
      threads = configured;
    }
    return out.append('\n').toString();
  }

  private static String loadAverage() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** One throughput run: accepted batches per second and its table row. */
  private static final class Run {
    final double rate;
    final String row;

    Run(double rate, String row) {
      this.rate = rate;
      this.row = row;
    }
  }

  /** Every reseller's threads send to {@code url} for {@code runSeconds}; returns a table row. */
  private Run load(List<LoadReseller> group, String url, int runSeconds, AtomicBoolean stopFlag) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(runSeconds);
    AtomicBoolean stop = stopFlag != null ? stopFlag : new AtomicBoolean();
    List<Latencies> latencies = new CopyOnWriteArrayList<>();
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    boolean toRelay = url.startsWith(server.url());
    for (LoadReseller r : group) {
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          Latencies mine = new Latencies();
          latencies.add(mine);
          while (!stop.get() && (stopFlag != null || System.nanoTime() - deadline < 0)) {
            boolean processedBefore = r.suspendedProcessed;
            long started = System.nanoTime();
            try (Response response = r.http.newCall(new Request.Builder().url(url).post(RequestBody.create(body, JSON))
                .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(messages)).build()).execute()) {
              long ended = System.nanoTime();
              int status = response.code();
              if (processedBefore && r.suspendedProcessed) {
                certifiedAfterProcessed.incrementAndGet(); // the interceptor certified and sent it
              }
              if (status == 202) {
                accepted.incrementAndGet();
                mine.add(ended - started);
                if (toRelay) {
                  relayAccepted.incrementAndGet();
                }
              } else if (status == 403 && response.body().string().contains("certification_suspended")) {
                firstRelayRejection.compareAndSet(0, ended);
                refused.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              if (stopFlag != null && r == resellers.get(0)) {
                victimOutcomes.add(new Outcome(started, status));
              }
            } catch (TqcClientException e) {
              refused.incrementAndGet();
              pause(5); // the application would queue the batch and retry later
            } catch (IOException e) {
              errors.incrementAndGet();
              pause(5);
            }
          }
        }, "sender-" + r.id + "-" + t);
        worker.start();
        workers.add(worker);
      }
    }
    long started = System.nanoTime();
    if (stopFlag == null) {
      for (Thread worker : workers) {
        worker.join();
      }
    } else {
      workerThreads = workers;
      return null;
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double rate = accepted.get() / elapsed;
    return new Run(rate, String.format(Locale.ROOT, "| %,.0f | %,.0f | %s | %d / %d |%n", rate, rate * messages,
        Latencies.summary(Latencies.merged(latencies)), refused.get(), errors.get()));
  }

  private List<Thread> workerThreads;

  private String propagation(String relayBatches) throws Exception {
    LoadReseller victim = resellers.get(0);
    AtomicBoolean stop = new AtomicBoolean();
    load(resellers, relayBatches, 0, stop);
    List<Thread> background = new ArrayList<>(workerThreads);
    background.add(rawProber(victim, relayBatches, stop));
    background.add(certifyProbe(victim, stop));
    List<Long> toRefusal = new ArrayList<>();
    List<Long> toProcessed = new ArrayList<>();
    List<Long> toRelayRejection = new ArrayList<>();
    List<long[]> windows = new ArrayList<>();
    int refusedBeforeAck = 0;
    int timeouts = 0;
    try {
      for (int c = 0; c < cycles; c++) {
        victim.resetCycle();
        firstRelayRejection.set(0);
        admin(victim, "suspend", c);
        long ack = System.nanoTime();
        long limit = ack + TimeUnit.SECONDS.toNanos(10);
        while ((victim.firstRefusalAt.get() == 0 || firstRelayRejection.get() == 0) && System.nanoTime() < limit) {
          pause(1);
        }
        if (victim.firstRefusalAt.get() == 0 || firstRelayRejection.get() == 0) {
          timeouts++;
        } else {
          long a = victim.firstRefusalAt.get() - ack;
          refusedBeforeAck += a < 0 ? 1 : 0;
          toRefusal.add(Math.max(0, a));
          toProcessed.add(Math.max(0, victim.processedAt.get() - ack));
          toRelayRejection.add(Math.max(0, firstRelayRejection.get() - ack));
        }
        pause(50);
        long reinstating = System.nanoTime();
        windows.add(new long[] {ack, reinstating});
        admin(victim, "reinstate", c);
        victim.awaitReady();
        pause(100 + ThreadLocalRandom.current().nextInt(100));
      }
    } finally {
      stop.set(true);
      for (Thread thread : background) {
        thread.join(TimeUnit.SECONDS.toMillis(60));
      }
    }
    long acceptedAfterAck = 0;
    long startedInWindows = 0;
    for (Outcome o : victimOutcomes) {
      for (long[] w : windows) {
        if (o.started > w[0] && o.started < w[1]) {
          startedInWindows++;
          acceptedAfterAck += o.status == 202 ? 1 : 0;
        }
      }
    }
    return String.format(Locale.ROOT, "## Revocation propagation under load%n%n"
        + "%d suspend/reinstate cycles of one reseller while all %d push batches (%d timed out).%n%n"
        + "| From the admin acknowledgement to | p50 / p99 / max |%n| --- | --- |%n"
        + "| (a) the client's first refusal (`certification_suspended`) | %s |%n"
        + "| the client processing the suspension (status event) | %s |%n"
        + "| (b) the relay's first rejection (403 `certification_suspended`) | %s |%n%n"
        + "Refusals already before the acknowledgement arrived (counted as 0): %d of %d cycles.%n%n"
        + "| Invariant | Count |%n| --- | --- |%n"
        + "| Batches accepted (202) by the relay among %,d sent after an acknowledgement, before reinstatement | **%d** (must be 0) |%n"
        + "| Batches certified by the client after it had processed the suspension | **%d** (must be 0) |%n",
        cycles, resellerCount, timeouts, summary(toRefusal), summary(toProcessed), summary(toRelayRejection),
        refusedBeforeAck, toRefusal.size(), startedInWindows, acceptedAfterAck, certifiedAfterProcessed.get());
  }

  private static String summary(List<Long> nanos) {
    long[] sorted = new long[nanos.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = nanos.get(i);
    }
    java.util.Arrays.sort(sorted);
    return Latencies.summary(sorted);
  }

  /** A raw sender for the victim (token held, own proofs, no client): shows what the relay itself refuses. */
  private Thread rawProber(LoadReseller victim, String url, AtomicBoolean stop) throws Exception {
    String issuer = server.relay().issuer();
    String token = server.relay().issueToken(victim.id.value(),
        ClientAssertion.create(victim.key, victim.id, issuer, Instant.now(), Duration.ofMinutes(1))).token().compact();
    BatchProofSigner signer = new BatchProofSigner(victim.key, issuer);
    String digest = io.tqc.bench.Sha256.base64Url(token);
    Thread prober = new Thread(() -> {
      while (!stop.get()) {
        long started = System.nanoTime();
        Request request = new Request.Builder().url(url).post(RequestBody.create(small, JSON))
            .header("Authorization", "TQC " + token)
            .header("TQC-Proof", signer.sign(digest, small, 1, Instant.now()).compact()).build();
        try (Response response = plain.newCall(request).execute()) {
          long ended = System.nanoTime();
          if (response.code() == 202) {
            relayAccepted.incrementAndGet();
          } else if (response.code() == 403 && response.body().string().contains("certification_suspended")) {
            firstRelayRejection.compareAndSet(0, ended);
          }
          victimOutcomes.add(new Outcome(started, response.code()));
        } catch (IOException e) {
          // counted by nothing: the outcome is unknown, and the audit check covers the relay side
        }
        pause(2);
      }
    }, "raw-prober");
    prober.start();
    return prober;
  }

  /** Calls {@code certify} on the victim's client every millisecond, so (a) is resolved to about 1 ms. */
  private Thread certifyProbe(LoadReseller victim, AtomicBoolean stop) {
    Thread probe = new Thread(() -> {
      while (!stop.get()) {
        boolean processedBefore = victim.suspendedProcessed;
        try {
          victim.client.certify(small, 1);
          if (processedBefore && victim.suspendedProcessed) {
            certifiedAfterProcessed.incrementAndGet();
          }
        } catch (TqcClientException e) {
          // recorded by the reseller's listener (failedClosed)
        }
        pause(1);
      }
    }, "certify-probe");
    probe.start();
    return probe;
  }

  /** Relay side: every 202 has its audit record; nothing of the victim recorded while suspended. */
  private String auditCheck() throws Exception {
    List<AuditRecord> audit = server.relay().acceptedBatches(Instant.EPOCH, Integer.MAX_VALUE);
    LoadReseller victim = resellers.get(0);
    List<HistoryEntry> history = server.relay().registry().history(victim.id);
    long duringSuspension = 0;
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).status() != CertificationStatus.SUSPENDED) {
        continue;
      }
      Instant from = history.get(i).at();
      Instant to = i + 1 < history.size() ? history.get(i + 1).at() : Instant.MAX;
      for (AuditRecord record : audit) {
        if (record.resellerId().equals(victim.id) && record.acceptedAt().isAfter(from)
            && record.acceptedAt().isBefore(to)) {
          duringSuspension++;
        }
      }
    }
    return String.format(Locale.ROOT, "| Audit records of the suspended reseller stamped inside one of its suspensions"
        + " (relay history) | **%d** (must be 0) |%n"
        + "| 202 answers from the relay in all runs / audit records | %,d / %,d (must be equal) |%n%n",
        duringSuspension, relayAccepted.get(), audit.size());
  }

  private void admin(LoadReseller r, String action, int cycle) throws IOException {
    Request request = new Request.Builder().url(server.url() + "/v1/admin/resellers/" + r.id.value() + "/" + action)
        .header("Authorization", "Bearer " + server.adminToken())
        .post(RequestBody.create("{\"reason\":\"load harness cycle " + cycle + "\"}", JSON)).build();
    try (Response response = plain.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException(action + " answered " + response.code() + ": " + response.body().string());
      }
    }
  }

  private static byte[] batch(int n) {
    Batch.Builder builder = new Batch.Builder().senderNumber("0212345678").advertising(true)
        .advertiser("예시문자", "02-123-4567");
    for (int i = 0; i < n; i++) {
      // Night-time consent on every recipient keeps the batch lawful at any hour (the relay and the
      // client check the 21:00-08:00 KST window).
      builder.addMessage(new BatchMessage(String.format("010%08d", 10000000 + i), TEXT, true));
    }
    return builder.build().toJsonBytes();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
