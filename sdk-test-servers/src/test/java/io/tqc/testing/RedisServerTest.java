package io.tqc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerTest {
  @RegisterExtension
  static final RedisServer redis = RedisServer.builder().password("test-only-password").build();

  @Test
  @Order(1)
  void startedServer_answersOnLoopbackWithItsPassword_andPersistsNothing() {
    assertThat(redis.uri()).startsWith("redis://127.0.0.1:").doesNotContain("test-only-password");
    assertThat(redis.port()).isNotIn(6379, 5432);
    assertThat(redis.command("SET", "k", "v")).isEqualTo("+OK");
    assertThat(redis.command("GET", "k")).isEqualTo("v");
    assertThat(redis.command("GET", "missing")).isNull();
    assertThat(redis.command("CONFIG", "GET", "appendonly")).isEqualTo("*2");
    assertThat(Files.exists(redis.logFile())).isTrue();
  }

  @Test
  @Order(2)
  void withoutPassword_commandsAreRefused() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", redis.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("GET k\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(firstLine(socket.getInputStream())).startsWith("-NOAUTH");
    }
  }

  @Test
  @Order(3)
  void blackHole_acceptsConnectionsButNeverAnswers_untilReleased() throws IOException {
    redis.blackHole();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", redis.port()), 1_000);
      socket.setSoTimeout(300);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    } finally {
      redis.release();
    }
    assertThat(redis.command("PING")).isEqualTo("+PONG");
  }

  @Test
  @Order(4)
  void kill_losesUnpersistedData_andRestartServesOnTheSamePort() throws IOException {
    long pid = redis.pid();
    int port = redis.port();
    redis.kill();
    assertThat(redis.isRunning()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    redis.restart();
    assertThat(redis.port()).isEqualTo(port);
    assertThat(redis.pid()).isNotEqualTo(pid);
    assertThat(redis.command("EXISTS", "k")).isEqualTo(":0");
  }

  @Test
  @Order(5)
  void flushAll_emptiesTheServer() {
    redis.command("SET", "a", "1");
    redis.flushAll();
    assertThat(redis.command("DBSIZE")).isEqualTo(":0");
  }

  @Test
  @Order(6)
  void missingBinary_skipsLocally_butFailsUnderCi() {
    assertThatThrownBy(() -> RedisServer.binaryMissing(null))
        .isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessageContaining("apt-get install -y redis-server");
    assertThatThrownBy(() -> RedisServer.binaryMissing("true"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("CI=true");
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\r') {
      line.append((char) c);
    }
    return line.toString();
  }
}
