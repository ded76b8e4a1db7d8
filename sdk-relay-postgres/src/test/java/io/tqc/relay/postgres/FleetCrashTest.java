package io.tqc.relay.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tqc.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fleet node in a child JVM is SIGKILLed mid-load: nothing acknowledged is lost, nothing doubled. */
class FleetCrashTest {
  @RegisterExtension
  static final PostgresServer PG = PostgresServer.shared();

  final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws Exception {
    for (Process child : children) {
      child.destroyForcibly().waitFor();
    }
  }

  /** Starts a child node; its stdout lines are collected into {@code lines}. */
  Process startNode(String url, String nodeId, Fleet fleet, Fleet.Member m, List<String> lines) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), NodeMain.class.getName(), url, nodeId, m.id.value());
    builder.environment().put("TQC_KEK", fleet.kekBase64);
    builder.environment().put("TQC_TEST_RESELLER_JWK", m.key.exportPrivateJwk());
    builder.redirectErrorStream(true);
    Process child = builder.start();
    children.add(child);
    Thread drain = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception e) {
        // the child is gone
      }
    }, "child-node-output");
    drain.setDaemon(true);
    drain.start();
    return child;
  }

  @Test
  void killedNode_lostNoAcknowledgedBatch_andARestartSeesTheSuspensionMadeWhileItWasDown() throws Exception {
    String url = PG.createDatabase();
    try (HikariDataSource pool = Pg.pool(url, 4); Fleet fleet = new Fleet(pool)) {
      Fleet.Node a = fleet.start("a");
      Fleet.Member m = fleet.register(a);

      List<String> first = new CopyOnWriteArrayList<>();
      Process node = startNode(url, "child", fleet, m, first);
      await().atMost(Duration.ofSeconds(60)).until(() -> first.stream().filter(l -> l.startsWith("ACCEPTED ")).count()
          >= 30);
      node.destroyForcibly().waitFor(); // SIGKILL, mid-batch
      List<String> acknowledged = new ArrayList<>();
      for (String line : first) {
        if (line.startsWith("ACCEPTED ")) {
          acknowledged.add(line.substring("ACCEPTED ".length()));
        }
      }
      assertThat(first).as("the child ran").contains("STATUS ACTIVE");
      try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
          "SELECT count(*), count(DISTINCT batch_id) FROM tqc_accepted_batches WHERE batch_id = ANY (?)")) {
        Array ids = c.createArrayOf("text", acknowledged.toArray(new String[0]));
        s.setArray(1, ids);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).as("every acknowledged batch has its audit row").isEqualTo(acknowledged.size());
          assertThat(rs.getLong(2)).isEqualTo(acknowledged.size());
        }
      }

      a.relay.registry().suspend(m.id, "불법스팸 전송 확인", "kim"); // while the child is down
      List<String> second = new CopyOnWriteArrayList<>();
      startNode(url, "child", fleet, m, second);
      await().atMost(Duration.ofSeconds(60)).until(() -> second.contains("REFUSED certification_suspended"));
      assertThat(second).contains("STATUS SUSPENDED").noneMatch(l -> l.startsWith("ACCEPTED "));
    }
  }
}
