package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Relay answers are untrusted: arbitrary problem+json documents, content types, status codes and
 * {@code Retry-After} values. The parsers never throw, and codes and details come out cleaned and
 * bounded; a whole relay answer read through {@link RelayHttp} ends in a JSON object or an
 * {@link IOException}, never a runtime exception. The normal build runs the seeds under
 * {@code ProblemJsonFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (see docs/performance.md).
 */
class ProblemJsonFuzzTest {
  private static final String[] TYPES = {"application/problem+json", "application/json; charset=utf-8",
      "application/vnd.x+json", "text/plain", "application/json;charset=\"", "application/problem+json; x=y"};

  @FuzzTest(maxDuration = "30s")
  void arbitraryProblemDocument_parsesToABoundedCleanCodeOrNull(FuzzedDataProvider data) {
    MediaType type = MediaType.parse(data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeString(60));
    String retryAfter = data.consumeBoolean() ? data.consumeString(40) : null;
    byte[] body = data.consumeRemainingAsBytes();

    String code = Problems.code(type, body);
    String detail = Problems.detail(type, body);
    long retry = Problems.retryAfterMillis(retryAfter, Instant.EPOCH);

    assertClean(code, 65);
    assertClean(detail, 201);
    assertThat(retry).isBetween(-1L, 86_400_000L);
    if (!Problems.isJson(type)) {
      assertThat(code).isNull();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void arbitraryRelayAnswer_endsInJsonOrAnIOException(FuzzedDataProvider data) {
    int status = data.pickValue(new int[] {200, 201, 202, 204, 400, 401, 403, 404, 413, 429, 500, 503});
    String type = data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeString(60);
    String retryAfter = data.consumeString(30);
    byte[] body = data.consumeRemainingAsBytes();
    OkHttpClient canned = new OkHttpClient.Builder().addInterceptor(chain -> {
      Response.Builder response = new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
          .code(status).message("fuzz").body(ResponseBody.create(body, MediaType.parse(type)));
      try {
        response.header("Retry-After", retryAfter);
      } catch (IllegalArgumentException e) {
        // not a legal header value: OkHttp itself refuses it
      }
      return response.build();
    }).build();
    RelayHttp http = new RelayHttp(canned, Clock.systemUTC(), (relayDate, receipt) -> {});
    try {
      assertThat(http.getJson(HttpUrl.get("http://relay.invalid/x"), "fuzz answer")).isNotNull();
      assertThat(status / 100).isEqualTo(2);
    } catch (RelayHttpException e) {
      assertThat(e.status()).isEqualTo(status);
      assertClean(e.code(), 65);
      assertClean(e.detail(), 201);
      assertThat(e.retryAfterMillis()).isBetween(-1L, 86_400_000L);
    } catch (IOException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }

  private static void assertClean(String text, int max) {
    if (text == null) {
      return;
    }
    assertThat(text.length()).isLessThanOrEqualTo(max);
    assertThat(text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("no control characters").isTrue();
  }
}
