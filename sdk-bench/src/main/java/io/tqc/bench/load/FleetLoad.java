package io.tqc.bench.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.postgres.KeyEncryptionKey;
import io.tqc.relay.postgres.PostgresRelayStore;
import io.tqc.relay.postgres.PostgresSigningKeyStore;
import io.tqc.relay.postgres.PostgresRegistryFeed;
import io.tqc.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Library-level load (no HTTP): S sender threads, each its own reseller, send one-message batches
 * round-robin to the relay nodes for D seconds, on (a) one node on SQLite and (b) three nodes on one
 * PostgreSQL server started for the run; then suspensions through node 0 and how long each other
 * node's memory takes to hear (the database fence refuses at once). Bounded in time; loopback only.
 *
 * <pre>java -cp sdk-bench/target/benchmarks.jar io.tqc.bench.load.FleetLoad [seconds] [senders]</pre>
 */
public final class FleetLoad {
  static final String ISSUER = "https://relay.load.test";

  private FleetLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("scale")) {
      scale(args.length > 1 ? Integer.parseInt(args[1]) : 5);
      return;
    }
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int senders = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path dir = Files.createTempDirectory("tqc-fleetload-");
    try (Relay sqlite = Relay.open(new RelayConfig.Builder().issuer(ISSUER).dataDirectory(dir).build())) {
      report("1 node, SQLite", run(List.of(sqlite), seconds, senders));
    }
    try (PostgresServer.Standalone pg = PostgresServer.startStandalone()) {
      String url = pg.createDatabase();
      KeyEncryptionKey kek = KeyEncryptionKey.generate();
      List<HikariDataSource> pools = new ArrayList<>();
      List<PostgresRegistryFeed> feeds = new ArrayList<>();
      List<Relay> nodes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId("n" + i).open();
        PostgresRegistryFeed feed = new PostgresRegistryFeed.Builder().dataSource(pool).store(store).start();
        feeds.add(feed);
        nodes.add(Relay.open(new RelayConfig.Builder().issuer(ISSUER).store(store).registryFeed(feed)
            .signingKeyStore(PostgresSigningKeyStore.open(pool, kek, "n" + i)).build()));
      }
      report("3 nodes, PostgreSQL", run(nodes, seconds, senders));
      propagation(nodes, 50);
      for (Relay node : nodes) {
        node.close();
      }
      feeds.forEach(PostgresRegistryFeed::close);
      pools.forEach(HikariDataSource::close);
    }
  }

  /**
   * Registry size against start-up time and throughput: for 10, 10,000 and 100,000 registered
   * resellers (bulk-inserted), the time to open a node and batches/s of 3 nodes for {@code seconds}.
   */
  static void scale(int seconds) throws Exception {
    try (PostgresServer.Standalone pg = PostgresServer.startStandalone()) {
      for (int size : new int[] {10, 10_000, 100_000}) {
        String url = pg.createDatabase();
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        List<HikariDataSource> pools = new ArrayList<>();
        List<PostgresRegistryFeed> feeds = new ArrayList<>();
        List<Relay> nodes = new ArrayList<>();
        long openMillis = 0;
        for (int i = 0; i < 3; i++) {
          HikariConfig config = new HikariConfig();
          config.setJdbcUrl(url);
          config.setMaximumPoolSize(8);
          HikariDataSource pool = new HikariDataSource(config);
          pools.add(pool);
          PostgresRelayStore store = new PostgresRelayStore.Builder().dataSource(pool).nodeId("n" + i).open();
          if (i == 0) {
            bulkRegister(pool, size);
          }
          long t0 = System.nanoTime();
          PostgresRegistryFeed feed = new PostgresRegistryFeed.Builder().dataSource(pool).store(store).start();
          feeds.add(feed);
          nodes.add(Relay.open(new RelayConfig.Builder().issuer(ISSUER).store(store).registryFeed(feed)
              .signingKeyStore(PostgresSigningKeyStore.open(pool, kek, "n" + i)).build()));
          openMillis = Math.max(openMillis, (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.printf("registry %,d resellers: node start-up (load registry, keys, feed) %d ms%n", size,
            openMillis);
        report("  3 nodes, " + size, run(nodes, seconds, 8));
        for (Relay node : nodes) {
          node.close();
        }
        feeds.forEach(PostgresRegistryFeed::close);
        pools.forEach(HikariDataSource::close);
      }
    }
  }

  static void bulkRegister(HikariDataSource pool, int count) throws Exception {
    String keys = io.tqc.api.internal.Json.write(List.of(SigningKey.generate().verificationKey().toJwk()));
    try (java.sql.Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (java.sql.PreparedStatement s = c.prepareStatement("INSERT INTO tqc_resellers (reseller_id, name,"
          + " keys_json, sender_numbers_json, scope_json, origin_code, cert_id, cert_expires_at, status_list_index,"
          + " status, status_reason, seq, registered_at_ms, changed_by_node) VALUES (?, ?, ?, '[\"0212345678\"]',"
          + " '[\"advertising\"]', '123456789', ?, ?, ?, 'ACTIVE', NULL, 1, ?, 'bulk')"
          + " ON CONFLICT DO NOTHING")) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
          s.setString(1, randomResellerId().value());
          s.setString(2, "Bulk " + i);
          s.setString(3, keys);
          s.setString(4, "cert-bulk-" + i);
          s.setLong(5, now / 1000 + 86_400 * 365);
          s.setInt(6, 1_000_000 + i);
          s.setLong(7, now);
          s.addBatch();
          if (i % 5_000 == 4_999) {
            s.executeBatch();
          }
        }
        s.executeBatch();
      }
      c.commit();
    }
  }

  static final class Sender {
    final ResellerId id = randomResellerId();
    final SigningKey key = SigningKey.generate();
    final BatchProofSigner signer = new BatchProofSigner(key, ISSUER);
    final List<String> tokens = new ArrayList<>();
  }

  static byte[] body() {
    return new Batch.Builder().senderNumber("0212345678").advertising(true).advertiser("테스트상점", "02-1234-5678")
        .addMessage(new BatchMessage("01012345678", "(광고)테스트상점 할인 안내 문의 02-1234-5678 무료거부 080-123-4567",
            true)).build().toJsonBytes();
  }

  static Sender register(Relay via, List<Relay> nodes) throws Exception {
    Sender s = new Sender();
    via.registry().register(new Registration.Builder().id(s.id).name("Load " + s.id).addKey(s.key.verificationKey())
        .senderNumbers(List.of("0212345678")).originCode("123456789").build(), "load");
    for (Relay node : nodes) {
      for (int attempt = 0; ; attempt++) {
        try {
          s.tokens.add(node.issueToken(s.id.value(),
              ClientAssertion.create(s.key, s.id, ISSUER, Instant.now(), Duration.ofMinutes(1))).token().compact());
          break;
        } catch (RelayException e) {
          if (attempt > 50) {
            throw e;
          }
          Thread.sleep(20);
        }
      }
    }
    return s;
  }

  /** Latencies in microseconds of accepted batches. */
  static long[] run(List<Relay> nodes, int seconds, int senders) throws Exception {
    List<Sender> all = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      all.add(register(nodes.get(0), nodes));
    }
    byte[] body = body();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    List<Future<long[]>> results = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      Sender s = all.get(t);
      results.add(pool.submit(() -> {
        long[] lat = new long[1 << 20];
        int n = 0;
        int next = 0;
        while (System.nanoTime() < end && n < lat.length) {
          int node = next++ % nodes.size();
          String token = s.tokens.get(node);
          String proof = s.signer.sign(io.tqc.bench.Sha256.base64Url(token), body, 1, Instant.now()).compact();
          long t0 = System.nanoTime();
          nodes.get(node).acceptBatch(token, proof, body);
          lat[n++] = (System.nanoTime() - t0) / 1000;
        }
        return Arrays.copyOf(lat, n);
      }));
    }
    List<long[]> parts = new ArrayList<>();
    for (Future<long[]> f : results) {
      parts.add(f.get());
    }
    pool.shutdown();
    int total = 0;
    for (long[] p : parts) {
      total += p.length;
    }
    long[] lat = new long[total + 1];
    int k = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, lat, k, p.length);
      k += p.length;
    }
    lat[total] = seconds; // carried for the report
    return lat;
  }

  static void report(String name, long[] latWithSeconds) {
    int n = latWithSeconds.length - 1;
    long seconds = latWithSeconds[n];
    long[] lat = Arrays.copyOf(latWithSeconds, n);
    Arrays.sort(lat);
    System.out.printf("%-22s batches=%d  batches/s=%.0f  p50=%.2f ms  p99=%.2f ms  max=%.2f ms%n", name, n,
        n / (double) seconds, pct(lat, 0.50) / 1000.0, pct(lat, 0.99) / 1000.0, lat[n - 1] / 1000.0);
  }

  static long pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  /** Suspension (and reinstatement) acknowledged on node 0 → seen by every other node's memory. */
  static void propagation(List<Relay> nodes, int rounds) throws Exception {
    Sender s = register(nodes.get(0), nodes);
    List<Long> micros = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      CertificationStatus target = r % 2 == 0 ? CertificationStatus.SUSPENDED : CertificationStatus.ACTIVE;
      nodes.get(0).registry().changeStatus(s.id, target, "load", "load");
      long acked = System.nanoTime();
      for (Relay other : nodes.subList(1, nodes.size())) {
        while (other.registry().get(s.id).status() != target) {
          Thread.onSpinWait();
        }
        micros.add((System.nanoTime() - acked) / 1000);
      }
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("feed propagation (ack on n0 -> memory of n1, n2), %d samples: p50=%.2f ms p99=%.2f ms"
        + " max=%.2f ms (acceptance itself is fenced in the database at once)%n", sorted.length,
        pct(sorted, 0.5) / 1000.0, pct(sorted, 0.99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
  }

  static ResellerId randomResellerId() {
    int[] weights = {1, 3, 7, 1, 3, 7, 1, 3, 5};
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
    for (int i = 1; i < 9; i++) {
      digits.append(random.nextInt(10));
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (digits.charAt(i) - '0') * weights[i];
    }
    sum += ((digits.charAt(8) - '0') * 5) / 10;
    digits.append((10 - sum % 10) % 10);
    try {
      return ResellerId.parse(digits.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
