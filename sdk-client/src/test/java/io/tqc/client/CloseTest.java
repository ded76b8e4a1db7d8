package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.tqc.api.status.CertificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloseTest {
  static final byte[] BATCH = "{}".getBytes(StandardCharsets.UTF_8);

  RelayStub relay;

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
    relay.stubToken(Duration.ofMinutes(10));
  }

  @AfterEach
  void tearDown() {
    relay.close();
  }

  /**
   * Threads that could belong to a client: everything except the test infrastructure (WireMock's
   * Jetty, Awaitility) and JVM-wide daemons shared by every OkHttp user (task runner, Okio watchdog).
   */
  static List<String> clientCandidateThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> !name.startsWith("qtp") && !name.contains("WireMock") && !name.startsWith("awaitility")
            && !name.equals("OkHttp TaskRunner") && !name.equals("Okio Watchdog")
            && !name.startsWith("Jetty") && !name.contains("Scheduler-"))
        .sorted().collect(Collectors.toList());
  }

  void useOnce(TqcClient.Builder builder) throws Exception {
    try (TqcClient client = builder.build()) {
      client.awaitReady(Duration.ofSeconds(10));
      client.certify(BATCH, 1);
    }
  }

  @Test
  void createAndCloseInALoop_leavesNoThreadBehind() throws Exception {
    useOnce(relay.client()); // warm up JVM-wide pools before taking the baseline
    int baseline = clientCandidateThreads().size();

    for (int i = 0; i < 20; i++) {
      useOnce(relay.client());
    }

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(clientCandidateThreads()).hasSizeLessThanOrEqualTo(baseline));
    assertThat(clientCandidateThreads()).noneMatch(name -> name.startsWith("tqc-client"));
  }

  @Test
  void close_leavesASharedOkHttpClientAndExecutorUsable() throws Exception {
    OkHttpClient shared = new OkHttpClient();
    ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    try {
      useOnce(relay.client().okHttpClient(shared).executor(executor));

      relay.wm.stubFor(WireMock.get("/ping").willReturn(WireMock.aResponse().withStatus(200)));
      try (Response response = shared.newCall(new Request.Builder().url(relay.wm.baseUrl() + "/ping").build())
          .execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(executor.isShutdown()).isFalse();
      assertThat(executor.submit(() -> "still running").get()).isEqualTo("still running");
    } finally {
      executor.shutdownNow();
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void certifyAfterClose_isRefusedWithTheBatch() throws Exception {
    TqcClient client = relay.client().build();
    client.awaitReady(Duration.ofSeconds(10));
    client.close();
    client.close();
    assertThatThrownBy(() -> client.certify(BATCH, 1)).isInstanceOfSatisfying(NotCertifiedException.class,
        e -> assertThat(e.refusedBatch()).isSameAs(BATCH));
  }
}
