package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.Disposition;
import io.tqc.api.ReasonCode;
import io.tqc.api.http.BatchReceipt;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.Problem;
import io.tqc.api.http.TqcHeaders;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

class RelayResponsesTest {
  private static Response answer(int code, String contentType, byte[] body, String retryAfter) {
    Response.Builder b = new Response.Builder().request(new Request.Builder().url("http://relay.test/v1/batches").build())
        .protocol(Protocol.HTTP_1_1).code(code).message("x")
        .body(ResponseBody.create(body, contentType == null ? null : MediaType.get(contentType)));
    if (retryAfter != null) {
      b.header(TqcHeaders.RETRY_AFTER, retryAfter);
    }
    return b.build();
  }

  @Test
  void refusal_readsTheProblemAndLeavesTheBodyReadable() throws IOException {
    byte[] body = Problem.builder(ReasonCode.OPT_OUT_MISSING).detail("no 080")
        .violation(3, ReasonCode.OPT_OUT_MISSING, "messages[3]").build().toJsonBytes();
    try (Response response = answer(422, MediaTypes.PROBLEM_JSON_UTF8, body, null)) {
      Problem problem = RelayResponses.problem(response);

      assertThat(problem.reason()).isEqualTo(ReasonCode.OPT_OUT_MISSING);
      assertThat(problem.violations()).singleElement().extracting(Problem.Violation::index).isEqualTo(3);
      assertThat(RelayResponses.disposition(response)).isEqualTo(Disposition.FIX_BATCH);
      assertThat(response.body().bytes()).isEqualTo(body);
    }
  }

  @Test
  void deferral_hasItsRetryAfter() throws IOException {
    byte[] body = Problem.of(ReasonCode.QUOTA_EXCEEDED, "daily quota").toJsonBytes();
    try (Response response = answer(429, MediaTypes.PROBLEM_JSON_UTF8, body, "120")) {
      assertThat(RelayResponses.retryAfter(response)).isEqualTo(Duration.ofMinutes(2));
      assertThat(RelayResponses.disposition(response)).isEqualTo(Disposition.RETRY_LATER);
    }
  }

  @Test
  void proxyErrorPage_isNoProblem_andA5xxIsRetriedLater() throws IOException {
    try (Response response = answer(502, "text/html", "<h1>bad gateway</h1>".getBytes(), null)) {
      assertThat(RelayResponses.problem(response)).isNull();
      assertThat(RelayResponses.disposition(response)).isEqualTo(Disposition.RETRY_LATER);
      assertThat(RelayResponses.retryAfter(response)).isNull();
    }
    try (Response response = answer(400, "text/html", "<h1>bad</h1>".getBytes(), null)) {
      assertThat(RelayResponses.disposition(response)).isEqualTo(Disposition.STOP);
    }
  }

  @Test
  void accepted_readsTheReceipt() throws IOException {
    byte[] body = new BatchReceipt("b-7", 2, "123456789").toJsonBytes();
    try (Response response = answer(202, MediaTypes.JSON_UTF8, body, null)) {
      assertThat(RelayResponses.receipt(response).accepted()).isEqualTo(2);
      assertThat(RelayResponses.disposition(response)).isNull();
    }
    try (Response response = answer(200, MediaTypes.JSON_UTF8, body, null)) {
      assertThatThrownBy(() -> RelayResponses.receipt(response)).isInstanceOf(IOException.class);
    }
  }
}
