package io.tqc.relay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisReplayConfigTest {
  @TempDir
  Path dir;

  @Test
  void uri_setsHostPortDatabaseAndTls() {
    RedisReplayConfig plain = new RedisReplayConfig.Builder().uri("redis://10.0.0.5:6390/2").build();
    assertThat(plain.host()).isEqualTo("10.0.0.5");
    assertThat(plain.port()).isEqualTo(6390);
    assertThat(plain.database()).isEqualTo(2);
    assertThat(plain.tls()).isFalse();
    RedisReplayConfig tls = new RedisReplayConfig.Builder().uri("rediss://replay@cache.relay.kr").build();
    assertThat(tls.port()).isEqualTo(6379);
    assertThat(tls.tls()).isTrue();
    assertThat(tls.username()).isEqualTo("replay");
  }

  @Test
  void uriWithPassword_isRefused_withoutEchoingIt() {
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().uri("redis://user:hunter2-secret@127.0.0.1:7000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not carry a password")
        .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void badUris_areRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().uri("http://127.0.0.1:7000"))
        .hasMessageContaining("redis://");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().uri("redis://127.0.0.1:7000/x"))
        .hasMessageContaining("database number");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().uri("redis://127.0.0.1:7000?timeout=5"))
        .hasMessageContaining("without query");
  }

  @Test
  void toString_neverShowsThePassword() {
    RedisReplayConfig config = new RedisReplayConfig.Builder().uri("redis://127.0.0.1:7000")
        .password("very-secret-password").build();
    assertThat(config.toString()).contains("password set").doesNotContain("very-secret-password");
    assertThat(config.hasPassword()).isTrue();
  }

  @Test
  void passwordFile_readsTheFirstLineTrimmed() throws Exception {
    Path file = dir.resolve("redis.pass");
    Files.write(file, "file-secret-1 \nignored\n".getBytes(StandardCharsets.UTF_8));
    RedisReplayConfig config = new RedisReplayConfig.Builder().host("127.0.0.1").passwordFile(file).build();
    assertThat(config.password()).isEqualTo("file-secret-1");
    Files.write(file, "\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().passwordFile(file)).hasMessageContaining("is empty");
  }

  @Test
  void unsetPasswordVariable_isRefusedByName() {
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().passwordFromEnvironment("TQC_TEST_UNSET_VARIABLE_42"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TQC_TEST_UNSET_VARIABLE_42");
  }

  @Test
  void outOfRangeSettings_areRefusedByName() {
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().host("h").readTimeout(Duration.ZERO).build())
        .hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().host("h").connectTimeout(Duration.ofMinutes(5)).build())
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().host("h").keyPrefix("a b").build())
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().build()).hasMessageContaining("host");
    assertThatThrownBy(() -> new RedisReplayConfig.Builder().host("h").port(0).build()).hasMessageContaining("port");
  }

  @Test
  void defaults_areShortTimeoutsAndThePrefix() {
    RedisReplayConfig config = new RedisReplayConfig.Builder().host("127.0.0.1").build();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.failFastPeriod()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.keyPrefix()).isEqualTo("tqc:replay:");
    assertThat(config.hasPassword()).isFalse();
  }
}
