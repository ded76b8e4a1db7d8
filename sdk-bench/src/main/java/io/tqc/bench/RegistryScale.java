package io.tqc.bench;

import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.SqliteRelayStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The relay against the size of its registry, two parts, Markdown on stdout:
 *
 * <ol>
 *   <li><b>Registry size.</b> For 10 k / 100 k / 1 M resellers bulk-inserted into a relay's SQLite
 *       database ({@code relay.db} in a temporary data directory): the time {@code Relay.open} takes
 *       (schema check, registry load, signing keys), the heap the open relay holds per reseller
 *       (used heap after full GCs, open relay minus before), and the median time of one more
 *       {@code Registry.register} (indexed uniqueness checks: it should not grow with the registry).
 *   <li><b>Active resellers.</b> {@code acceptBatch} (one message, default verified-token and
 *       proof-key caches of {@value RelayConfig#DEFAULT_TOKEN_CACHE_SIZE}) for 5,000 and for 20,000
 *       resellers each holding its own token, every reseller having submitted once before the
 *       measurement, then submitting in uniformly random order; the relays are measured interleaved
 *       in the same JVM (rounds, median ratio) as {@link Interleaved} does; and, as the control, 20,000
 *       with both caches at 10,000 (the token cache's default before issue 11), too small to hold them;
 *       and 20,000 registered of which only 5,000 send, which separates the registry's size from the
 *       size of the set of resellers sending (the memory each batch touches).
 *       Also the heap the two caches hold per active reseller once every reseller has sent.
 * </ol>
 *
 * <p>Run after building the jar: {@code java -Xmx2g -cp sdk-bench/target/benchmarks.jar
 * io.tqc.bench.RegistryScale [sizes, e.g. 10000,100000,1000000, or none] [rounds]}.
 */
public final class RegistryScale {
  private static final String ISSUER = Fixtures.RELAY;
  private static volatile boolean sink;

  private RegistryScale() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length > 0 ? (args[0].equals("none") ? new int[0]
        : Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray())
        : new int[] {10_000, 100_000, 1_000_000};
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    System.out.println("| Resellers in relay.db | `Relay.open` ms | Heap per reseller (bytes) | One more `register` (median of 20, ms) | Load average (1 min) |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (int size : sizes) {
      registrySize(size);
    }
    System.out.println();
    activeResellers(rounds);
  }

  private static void registrySize(int size) throws Exception {
    Path dir = Files.createTempDirectory("tqc-scale");
    try {
      // Create the schema through the store itself, then bulk-insert behind its back.
      SqliteRelayStore.open(dir.resolve(RelayConfig.DATABASE_FILE)).close();
      bulkInsert(dir.resolve(RelayConfig.DATABASE_FILE), size);
      long before = usedHeapAfterGc();
      long t0 = System.nanoTime();
      Relay relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).dataDirectory(dir)
          .statusListSize(RelayConfig.DEFAULT_STATUS_LIST_SIZE).build());
      long openMillis = (System.nanoTime() - t0) / 1_000_000;
      try {
        long after = usedHeapAfterGc();
        int count = relay.registry().all().size();
        List<Double> registerMillis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          SigningKey key = SigningKey.generate();
          Registration registration = new Registration.Builder().id(resellerId(900_000_000 + i)).name("Scale " + i)
              .addKey(key.verificationKey()).senderNumbers(Collections.singletonList(Fixtures.SENDER))
              .originCode("123456789").build();
          long r0 = System.nanoTime();
          relay.registry().register(registration, "scale");
          registerMillis.add((System.nanoTime() - r0) / 1e6);
        }
        Collections.sort(registerMillis);
        System.out.println(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.2f | %s |", count, openMillis,
            (after - before) / Math.max(1, count), registerMillis.get(registerMillis.size() / 2), Rounds.load()));
      } finally {
        relay.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Inserts {@code count} ACTIVE resellers (one shared key) in one transaction. */
  private static void bulkInsert(Path db, int count) throws Exception {
    String keys = io.tqc.api.internal.Json.write(Collections.singletonList(
        SigningKey.generate().verificationKey().toJwk()));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO resellers (reseller_id, name, keys_json,"
          + " sender_numbers_json, scope_json, origin_code, cert_id, cert_expires_at, status_list_index, status,"
          + " status_reason, seq, registered_at_ms) VALUES (?, ?, ?, '[\"0212345678\"]', '[\"advertising\"]',"
          + " '123456789', ?, ?, ?, 'ACTIVE', NULL, 1, ?)")) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
          s.setString(1, resellerId(100_000_000 + i).value());
          s.setString(2, "Bulk " + i);
          s.setString(3, keys);
          s.setString(4, "cert-bulk-" + i);
          s.setLong(5, now / 1000 + 86_400L * 365);
          s.setInt(6, i);
          s.setLong(7, now);
          s.addBatch();
          if (i % 10_000 == 9_999) {
            s.executeBatch();
          }
        }
        s.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM resellers")) {
        rs.next();
        if (rs.getInt(1) != count) {
          throw new IllegalStateException("bulk insert wrote " + rs.getInt(1) + " of " + count);
        }
      }
    }
  }

  /** A valid business registration number (check digit as the tax office computes it) from 9 digits. */
  static ResellerId resellerId(int nineDigits) throws io.tqc.api.TqcException {
    String digits = String.format(Locale.ROOT, "%09d", nineDigits);
    int[] weights = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    sum += (digits.charAt(8) - '0') * 5 / 10;
    int check = (10 - sum % 10) % 10;
    String all = digits + check;
    return ResellerId.parse(all.substring(0, 3) + "-" + all.substring(3, 5) + "-" + all.substring(5));
  }

  private static void activeResellers(int rounds) throws Exception {
    Fleet small = new Fleet(5_000, RelayConfig.DEFAULT_TOKEN_CACHE_SIZE);
    Fleet large = new Fleet(20_000, RelayConfig.DEFAULT_TOKEN_CACHE_SIZE);
    Fleet sized = new Fleet(20_000, 10_000);
    Fleet fewActive = new Fleet(20_000, RelayConfig.DEFAULT_TOKEN_CACHE_SIZE, 5_000);
    Fleet[] fleets = {small, large, sized, fewActive};
    try {
      for (int i = 0; i < 3; i++) {
        for (Fleet fleet : fleets) {
          rate(fleet, 500);
        }
      }
      String before = Rounds.load();
      List<List<Double>> rates = new ArrayList<>();
      List<List<Double>> ratios = new ArrayList<>();
      for (int f = 0; f < fleets.length; f++) {
        rates.add(new ArrayList<>());
        ratios.add(new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        double base = 0;
        for (int f = 0; f < fleets.length; f++) {
          double rate = rate(fleets[f], 700);
          if (f == 0) {
            base = rate;
          }
          rates.get(f).add(rate);
          ratios.get(f).add(rate / base);
        }
      }
      String after = Rounds.load();
      String[] names = {"5,000, caches 32,768 (default)", "20,000, caches 32,768 (default)",
          "20,000, caches 10,000 (control: smaller than the active set)",
          "20,000 registered, 5,000 of them sending, caches 32,768"};
      System.out.println("| Active resellers | `acceptBatch` median ops/s (1 message, random order) | ÷ 5,000 (median of rounds) | Min / max | Load average before / after |");
      System.out.println("| --- | --- | --- | --- | --- |");
      for (int f = 0; f < fleets.length; f++) {
        List<Double> sorted = new ArrayList<>(ratios.get(f));
        Collections.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "| %s | %,.0f | **%.2f** | %.2f / %.2f | %s / %s |", names[f],
            Rounds.median(rates.get(f)), Rounds.median(ratios.get(f)), sorted.get(0), sorted.get(sorted.size() - 1), before, after));
      }
    } finally {
      for (Fleet fleet : fleets) {
        fleet.relay.close();
      }
    }
  }

  /** A relay with {@code n} registered resellers, each with its token and a few proofs of one batch. */
  private static final class Fleet {
    private static final int PROOFS = 3;
    final RecyclingReplayCache replayCache = new RecyclingReplayCache(RelayConfig.DEFAULT_REPLAY_CAPACITY);
    final Relay relay;
    final String[] tokens;
    final String[][] proofs;
    final byte[] batch = Fixtures.batch(1).toJsonBytes();
    final SplittableRandom random = new SplittableRandom(5);
    /** Proofs each reseller has used in the current epoch of the replay cache. */
    final int[] used;
    final int[] epochOf;
    int epoch = 1;

    /** The first {@code active} resellers send; all {@code n} are registered and submitted once. */
    final int active;

    Fleet(int n, int tokenCacheSize) throws Exception {
      this(n, tokenCacheSize, n);
    }

    Fleet(int n, int tokenCacheSize, int active) throws Exception {
      this.active = active;
      relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).tokenCacheSize(tokenCacheSize)
          .proofKeyCacheSize(tokenCacheSize)
          .clock(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)).store(new DiscardingAuditStore())
          .signingKeyStore(SigningKeyStore.inMemory()).replayCache(replayCache)
          .statusListSize(32_768).contentPolicy(ContentPolicy.NONE).build());
      tokens = new String[n];
      used = new int[n];
      epochOf = new int[n];
      proofs = new String[n][PROOFS];
      for (int i = 0; i < n; i++) {
        SigningKey key = SigningKey.generate();
        ResellerId id = resellerId(200_000_000 + i);
        relay.registry().register(new Registration.Builder().id(id).name("Active " + i)
            .addKey(key.verificationKey()).senderNumbers(Collections.singletonList(Fixtures.SENDER))
            .originCode("123456789").build(), "scale");
        String assertion = ClientAssertion.create(key, id, ISSUER, Fixtures.NOW, Duration.ofMinutes(1));
        tokens[i] = relay.issueToken(id.value(), assertion).token().compact();
        BatchProofSigner signer = new BatchProofSigner(key, ISSUER);
        String digest = CertificationToken.decodeUnverified(tokens[i]).digest();
        for (int p = 0; p < PROOFS; p++) {
          proofs[i][p] = signer.sign(digest, batch, 1, Fixtures.NOW).compact();
        }
      }
      // Every reseller submits once before anything is measured, so the verified-token cache holds
      // what it would hold in steady state (a cold cache would verify every first token twice over).
      replayCache.forget();
      long before = usedHeapAfterGc();
      for (int i = 0; i < n; i++) {
        relay.acceptBatch(tokens[i], proofs[i][0], batch);
      }
      replayCache.forget();
      long cached = Math.min(n, tokenCacheSize);
      System.out.println(String.format(Locale.ROOT, "%,d resellers, caches %,d: the token and proof-key caches"
          + " hold about %,d bytes per cached reseller", n, tokenCacheSize, (usedHeapAfterGc() - before) / cached));
      epoch++;
    }

    void acceptOne() throws Exception {
      int i = random.nextInt(active);
      // Each proof once per epoch; a reseller that used all of its proofs starts a new epoch, in
      // which the replay cache has forgotten every proof (no submission is ever a replay).
      if (epochOf[i] != epoch) {
        epochOf[i] = epoch;
        used[i] = 0;
      }
      if (used[i] == PROOFS) {
        replayCache.forget();
        epoch++;
        epochOf[i] = epoch;
        used[i] = 0;
      }
      sink ^= relay.acceptBatch(tokens[i], proofs[i][used[i]++], batch) == null;
    }
  }

  private static double rate(Fleet fleet, long sliceMillis) throws Exception {
    long end = System.nanoTime() + sliceMillis * 1_000_000L;
    long start = System.nanoTime();
    long count = 0;
    long now;
    do {
      fleet.acceptOne();
      count++;
      now = System.nanoTime();
    } while (now < end);
    return count * 1e9 / (now - start);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }


}
