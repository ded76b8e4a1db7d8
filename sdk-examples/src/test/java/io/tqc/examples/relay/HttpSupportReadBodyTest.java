package io.tqc.examples.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpSupport#readBody} returns exactly the bytes sent, whether the length is declared
 * ({@code Content-Length}, read into one array of that size) or not (chunked, read into a growing
 * buffer), and refuses a body over the limit either way.
 */
class HttpSupportReadBodyTest {
  static final int LIMIT = 64 * 1024;
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  static Javalin app;

  @BeforeAll
  static void start() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.routes.post("/echo", ctx -> {
        byte[] body = HttpSupport.readBody(ctx, LIMIT);
        // The length and a digest of what was read: a wrong length or a stray byte both show.
        ctx.result(body == null ? "refused" : body.length + " "
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
      });
    });
    app.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  static byte[] bytes(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  static String expected(byte[] body) throws Exception {
    return body.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }

  static String post(HttpRequest.BodyPublisher publisher) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/echo"))
        .timeout(Duration.ofSeconds(30)).POST(publisher).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void declaredLength_readsExactlyTheBody() throws Exception {
    for (int size : new int[] {1, 17_323, LIMIT}) {
      byte[] body = bytes(size);
      assertThat(post(HttpRequest.BodyPublishers.ofByteArray(body))).as("size %d", size).isEqualTo(expected(body));
    }
  }

  @Test
  void emptyBody_readsAsEmpty() throws Exception {
    assertThat(post(HttpRequest.BodyPublishers.noBody())).isEqualTo(expected(new byte[0]));
  }

  @Test
  void undeclaredLength_growsAndReadsExactlyTheBody() throws Exception {
    for (int size : new int[] {100, 8192, 8193, 40_000, LIMIT}) {
      byte[] body = bytes(size);
      assertThat(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))))
          .as("chunked, size %d", size).isEqualTo(expected(body));
    }
  }

  @Test
  void overLimit_isRefusedDeclaredOrNot() throws Exception {
    byte[] body = bytes(LIMIT + 1);
    assertThat(post(HttpRequest.BodyPublishers.ofByteArray(body))).isEqualTo("refused");
    assertThat(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))))
        .isEqualTo("refused");
  }
}
