package io.tqc.examples.relay;

import static io.tqc.examples.relay.RelayServerEndToEndTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Digests;
import io.tqc.relay.AuditRecord;
import io.tqc.relay.HistoryEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay in a child JVM is killed with SIGKILL while six threads submit batches and an operator
 * suspends and reinstates a reseller; then it is started again on the same data directory. Every
 * acknowledged status change is there, the SQLite audit database is intact, and every batch
 * answered 202 has its audit record (same body digest and message count).
 */
class RelayKilledUnderLoadTest {
  static final String ISSUER = "https://relay.kill.test";
  static final String ADMIN_TOKEN = "kill-test-admin-token-0123456789";
  static final Pattern LISTENING = Pattern.compile("TQC relay listening on (http://\\S+)");

  @TempDir
  Path data;

  Process child;

  record Ack(long seq, String status) {}

  String startChild() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
        "--port", "0", "--data", data.toString(), "--issuer", ISSUER);
    builder.environment().put("TQC_ADMIN_TOKEN", ADMIN_TOKEN);
    builder.redirectErrorStream(true);
    child = builder.start();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            url.complete(matcher.group(1));
          }
        }
      } catch (Exception e) {
        // the child is gone
      }
      url.completeExceptionally(new IllegalStateException("child relay exited before listening"));
    }, "child-relay-output");
    drain.setDaemon(true);
    drain.start();
    return url.get(60, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopChild() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(120)
  void killedUnderLoad_restartsWithEveryAcknowledgedChange_andEveryAcceptedBatchAudited() throws Exception {
    RelayHttp first = new RelayHttp(startChild(), ADMIN_TOKEN);
    RelayHttp.Reseller sender = first.reseller(ISSUER);
    RelayHttp.Reseller toggled = first.reseller(ISSUER);
    assertThat(sender.register(Map.of()).status()).isEqualTo(201);
    assertThat(toggled.register(Map.of()).status()).isEqualTo(201);
    String senderToken = sender.token();
    String toggledToken = toggled.token();

    Map<String, byte[]> accepted = new ConcurrentHashMap<>(); // batch id -> body answered 202
    ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      RelayHttp.Reseller who = t < 4 ? sender : toggled;
      String token = t < 4 ? senderToken : toggledToken;
      int messages = 1 + t;
      threads.add(thread(stop, () -> {
        byte[] body = RelayHttp.body(RelayHttp.SENDERS.get(0), messages);
        RelayHttp.Response response = who.send(token, body, messages);
        if (response.status() == 202) {
          accepted.put(response.string("batch_id"), body);
        }
      }));
    }
    threads.add(thread(stop, () -> {
      boolean suspend = acks.size() % 2 == 0;
      RelayHttp.Response response = suspend ? first.suspend(toggled.id, "load test")
          : first.reinstate(toggled.id);
      if (response.status() == 200) {
        acks.add(new Ack(Long.parseLong(response.json().asMap().get("seq").toString()), response.string("status")));
      }
      Thread.sleep(20);
    }));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((accepted.size() < 40 || acks.size() < 6) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(accepted).as("batches accepted before the kill").hasSizeGreaterThanOrEqualTo(40);
    assertThat(acks).as("status changes acknowledged before the kill").hasSizeGreaterThanOrEqualTo(6);

    child.destroyForcibly(); // SIGKILL while requests are in flight
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("relay.db"));
        Statement statement = db.createStatement();
        ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
      assertThat(check.next()).isTrue();
      assertThat(check.getString(1)).isEqualTo("ok");
    }

    try (RelayServer second = RelayServer.start(new RelayServerConfig.Builder().dataDirectory(data).issuer(ISSUER)
        .adminToken(ADMIN_TOKEN).build())) {
      List<HistoryEntry> history = second.relay().registry().history(toggled.id);
      List<Long> sequences = history.stream().map(HistoryEntry::sequence).collect(Collectors.toList());
      for (Ack ack : acks) {
        assertThat(sequences).as("acknowledged change seq %d", ack.seq()).contains(ack.seq());
        HistoryEntry change = history.get(sequences.indexOf(ack.seq()));
        assertThat(change.status().name()).isEqualTo(ack.status());
      }
      HistoryEntry last = history.get(history.size() - 1);
      assertThat(second.relay().registry().get(toggled.id).status()).isEqualTo(last.status());
      assertThat(second.relay().registry().get(toggled.id).sequence()).isEqualTo(last.sequence());

      for (Map.Entry<String, byte[]> batch : accepted.entrySet()) {
        AuditRecord record = second.relay().auditRecord(batch.getKey());
        assertThat(record).as("audit record of accepted batch %s", batch.getKey()).isNotNull();
        assertThat(record.bodyDigest()).isEqualTo(Digests.sha256Base64Url(batch.getValue()));
      }
      List<AuditRecord> audit = second.relay().acceptedBatches(Instant.EPOCH, 1_000_000);
      assertThat(audit).hasSizeGreaterThanOrEqualTo(accepted.size());
      assertThat(audit).extracting(AuditRecord::batchId).doesNotHaveDuplicates();

      // After the restart an accepted batch still cannot be replayed (one of sender's: the token
      // replayed with it is sender's, and toggled may be suspended now).
      RelayHttp again = new RelayHttp(second.url(), ADMIN_TOKEN);
      AuditRecord replayed = audit.stream().filter(r -> r.resellerId().equals(sender.id)
          && accepted.containsKey(r.batchId())).findFirst().orElseThrow();
      assertProblem(again.batch(senderToken, replayed.proof(), accepted.get(replayed.batchId())),
          ReasonCode.BATCH_REPLAYED);
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /** Repeats {@code step} until {@code stop}; stops at the first I/O failure (the relay was killed). */
  static Thread thread(AtomicBoolean stop, Step step) {
    Thread thread = new Thread(() -> {
      try {
        while (!stop.get()) {
          step.run();
        }
      } catch (Exception e) {
        // the relay is gone: an in-flight request has no known outcome and is not counted
      }
    }, "kill-test-load");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
