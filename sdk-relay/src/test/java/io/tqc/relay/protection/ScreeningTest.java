package io.tqc.relay.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.compliance.RuleMode;
import io.tqc.api.compliance.Link;
import io.tqc.relay.ContentPolicy;
import io.tqc.api.compliance.Violation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** URL screening and sender-number checks through the cache, the timeout and the fail-closed default. */
class ScreeningTest {
  static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  static Batch batch(String... texts) {
    Batch.Builder b = new Batch.Builder().senderNumber("02-1234-5678").advertising(false);
    int i = 0;
    for (String text : texts) {
      b.addMessage(new BatchMessage(String.format("0101234%04d", i++), text));
    }
    return b.build();
  }

  static List<Violation> check(RecipientProtectionPolicy policy, Batch batch) {
    return policy.check(batch, null, NOW);
  }

  static RecipientProtectionPolicy.Builder builder() {
    return new RecipientProtectionPolicy.Builder().delegate(ContentPolicy.NONE);
  }

  @Test
  void maliciousVerdict_blocksEveryMessageWithTheLink_andIsCached() {
    AtomicInteger calls = new AtomicInteger();
    UrlScreen screen = link -> {
      calls.incrementAndGet();
      return link.host().equals("evil-parcel.xyz") ? UrlVerdict.malicious("smishing") : UrlVerdict.clean();
    };
    RecipientProtectionPolicy policy = builder().urlScreen(screen, ScreeningOptions.defaults()).build();
    Batch batch = batch("택배 확인 http://evil-parcel.xyz/a", "안내 https://shop.example.kr", "재확인 evil-parcel.xyz/a");
    assertThat(check(policy, batch)).extracting(Violation::code, Violation::messageIndex).containsExactly(
        org.assertj.core.groups.Tuple.tuple(ReasonCode.URL_BLOCKED, 0),
        org.assertj.core.groups.Tuple.tuple(ReasonCode.URL_BLOCKED, 2));
    assertThat(calls).hasValue(2);
    check(policy, batch);
    assertThat(calls).as("answers are cached").hasValue(2);
  }

  @Test
  void failingScreen_failsClosedWithScreeningUnavailable_orWarnsIfConfigured() {
    UrlScreen broken = link -> {
      throw new IOException("connection refused");
    };
    RecipientProtectionPolicy closed = builder().urlScreen(broken, ScreeningOptions.defaults()).build();
    assertThat(check(closed, batch("http://shop.example.kr"))).singleElement()
        .satisfies(v -> assertThat(v.code()).isEqualTo(ReasonCode.SCREENING_UNAVAILABLE));
    assertThat(ReasonCode.SCREENING_UNAVAILABLE.httpStatus()).isEqualTo(503);
    RecipientProtectionPolicy open = builder().urlScreen(broken,
        new ScreeningOptions.Builder().onUnavailable(RuleMode.WARN).build()).build();
    assertThat(check(open, batch("http://shop.example.kr"))).isEmpty();
    assertThat(check(closed, batch("링크 없는 안내 문자"))).as("nothing to screen").isEmpty();
  }

  @Test
  void hangingScreen_isCutOffByTheTimeout() {
    CountDownLatch never = new CountDownLatch(1);
    UrlScreen hanging = link -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return UrlVerdict.clean();
    };
    RecipientProtectionPolicy policy = builder().urlScreen(hanging,
        new ScreeningOptions.Builder().timeout(Duration.ofMillis(50)).build()).build();
    try {
      assertThat(check(policy, batch("http://shop.example.kr"))).extracting(Violation::code)
          .containsExactly(ReasonCode.SCREENING_UNAVAILABLE);
    } finally {
      never.countDown();
    }
  }

  @Test
  void httpSenderNumberCheck_readsTheServiceAndFailsClosedOnBadAnswers() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/v1/sender-numbers/", exchange -> {
      calls.incrementAndGet();
      String digits = exchange.getRequestURI().getPath().substring("/v1/sender-numbers/".length());
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String body;
      int status = 200;
      if (!"Bearer s3cret".equals(auth)) {
        status = 401;
        body = "{}";
      } else if (digits.equals("0212345678")) {
        body = "{\"status\":\"stolen\",\"list_version\":\"KISA-7\",\"list_time\":\"2026-12-01T00:00:00Z\"}";
      } else if (digits.equals("0299990000")) {
        body = "not json";
      } else {
        body = "{\"status\":\"valid\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/sender-numbers";
      HttpSenderNumberCheck check = new HttpSenderNumberCheck(endpoint, "s3cret", Duration.ofSeconds(5));
      assertThat(check.check("0212345678").state()).isEqualTo(SenderNumberStatus.State.STOLEN);
      assertThat(check.check("0212345678").listVersion()).isEqualTo("KISA-7");
      assertThat(check.check("15881234").isValid()).isTrue();
      assertThatThrownBy(() -> check.check("0299990000")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> new HttpSenderNumberCheck(endpoint, "wrong", Duration.ofSeconds(5)).check("15881234"))
          .isInstanceOf(IOException.class).hasMessageContaining("401").hasMessageNotContaining("wrong");

      RecipientProtectionPolicy policy = builder().senderNumberCheck(check, ScreeningOptions.defaults()).build();
      int before = calls.get();
      assertThat(check(policy, batch("안내"))).extracting(Violation::code)
          .containsExactly(ReasonCode.SENDER_NUMBER_STOLEN);
      check(policy, batch("안내"));
      assertThat(calls.get() - before).as("cached").isEqualTo(1);
      Batch unanswerable = new Batch.Builder().senderNumber("02-9999-0000").advertising(false)
          .addMessage(new BatchMessage("01012340000", "안내")).build();
      assertThat(check(policy, unanswerable)).extracting(Violation::code)
          .containsExactly(ReasonCode.SCREENING_UNAVAILABLE);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void senderLists_reportBadLines_keepHistory_andPreferStolen() throws Exception {
    SenderNumberLists lists = new SenderNumberLists();
    SenderNumberLists.ListImport first = lists.importList(SenderNumberStatus.State.TERMINATED, "v1", NOW,
        Arrays.asList("02-1234-5678", "garbage", "", "# comment", "1588-1234"), NOW);
    assertThat(first.imported()).isEqualTo(2);
    assertThat(first.errors()).containsExactly("line 2: not a telephone number (8-12 digits; dashes and spaces allowed)");
    lists.importList(SenderNumberStatus.State.STOLEN, "k1", NOW, Arrays.asList("0212345678"), NOW);
    assertThat(lists.check("0212345678").state()).isEqualTo(SenderNumberStatus.State.STOLEN);
    assertThat(lists.check("15881234").state()).isEqualTo(SenderNumberStatus.State.TERMINATED);
    lists.importList(SenderNumberStatus.State.TERMINATED, "v2", NOW, Arrays.asList("0311112222"), NOW);
    assertThat(lists.check("15881234").isValid()).as("a list is replaced as a whole").isTrue();
    assertThat(lists.history()).extracting(SenderNumberLists.ListImport::version).containsExactly("v1", "k1", "v2");
    assertThat(lists.current()).extracting(SenderNumberLists.ListImport::version).containsExactly("v2", "k1");
    assertThatThrownBy(() -> lists.importList(SenderNumberStatus.State.VALID, "v", NOW, Arrays.asList(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durableSenderLists_surviveReopen_andTheirHistoryIsAppendOnly(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve(SenderNumberLists.FILE);
    try (SenderNumberLists lists = SenderNumberLists.open(file)) {
      lists.importList(SenderNumberStatus.State.STOLEN, "k1", NOW, Arrays.asList("0212345678"), NOW);
      lists.importList(SenderNumberStatus.State.STOLEN, "k2", NOW, Arrays.asList("15881234"), NOW);
    }
    try (SenderNumberLists lists = SenderNumberLists.open(file)) {
      assertThat(lists.check("15881234").listVersion()).isEqualTo("k2");
      assertThat(lists.check("0212345678").isValid()).isTrue();
      assertThat(lists.history()).extracting(SenderNumberLists.ListImport::version).containsExactly("k1", "k2");
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.execute("DELETE FROM protection_list_versions")).hasMessageContaining("append-only");
    }
  }

  @Test
  void urlVerdict_validatesItsCategory() {
    assertThat(UrlVerdict.malicious("smishing").isMalicious()).isTrue();
    assertThatThrownBy(() -> UrlVerdict.malicious("a\nb")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Link.find("x").isEmpty()).isTrue();
  }
}
