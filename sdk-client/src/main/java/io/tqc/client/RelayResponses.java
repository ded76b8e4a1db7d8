package io.tqc.client;

import io.tqc.api.Disposition;
import io.tqc.api.http.BatchReceipt;
import io.tqc.api.http.Problem;
import io.tqc.api.http.ProblemFormatException;
import io.tqc.api.http.TqcHeaders;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads the relay's answers to batches sent through the {@linkplain TqcClient#interceptor()
 * interceptor}: the RFC 9457 problem of a refusal, its {@code Retry-After}, what to do about it,
 * and the {@code 202} receipt. The body is peeked (at most {@link Problem#MAX_BYTES} bytes), so the
 * caller may still read it.
 *
 * <pre>{@code
 * try (Response response = http.newCall(request).execute()) {
 *   if (response.code() == 202) {
 *     BatchReceipt receipt = RelayResponses.receipt(response);
 *   } else {
 *     Problem problem = RelayResponses.problem(response);          // null if not problem+json
 *     switch (RelayResponses.disposition(response)) { ... }
 *   }
 * }
 * }</pre>
 */
public final class RelayResponses {
  private RelayResponses() {}

  /**
   * The problem document of {@code response}, or {@code null} when the answer is not JSON or not a
   * TQC problem (a proxy's error page, say).
   *
   * @throws IOException the body could not be read
   */
  public static Problem problem(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return null;
    }
    MediaType type = body.contentType();
    byte[] bytes = response.peekBody(Problem.MAX_BYTES).bytes();
    return Problem.read(type == null ? null : type.toString(), bytes);
  }

  /** The answer's {@code Retry-After} (seconds or HTTP-date, capped at one day), or {@code null}. */
  public static Duration retryAfter(Response response) {
    long millis = TqcHeaders.retryAfterMillis(response.header(TqcHeaders.RETRY_AFTER), Clock.systemUTC().instant());
    return millis < 0 ? null : Duration.ofMillis(millis);
  }

  /**
   * What to do about a refusal: the disposition of the problem's reason code; without a known code,
   * {@link Disposition#RETRY_LATER} for {@code 429} and {@code 5xx} (nothing was accepted) and
   * {@link Disposition#STOP} for anything else. {@code null} for a successful answer.
   *
   * @throws IOException the body could not be read
   */
  public static Disposition disposition(Response response) throws IOException {
    if (response.isSuccessful()) {
      return null;
    }
    Problem problem = problem(response);
    if (problem != null && problem.reason() != null) {
      return problem.reason().disposition();
    }
    return response.code() == 429 || response.code() >= 500 ? Disposition.RETRY_LATER : Disposition.STOP;
  }

  /**
   * The receipt of a {@code 202 Accepted} batch.
   *
   * @throws IOException the body could not be read, or is not a receipt (then the relay does not
   *     speak the TQC contract: do not assume the batch was accepted or refused, look it up)
   */
  public static BatchReceipt receipt(Response response) throws IOException {
    ResponseBody body = response.body();
    if (response.code() != 202 || body == null) {
      throw new IOException("not a batch receipt: HTTP " + response.code());
    }
    try {
      return BatchReceipt.parse(response.peekBody(Problem.MAX_BYTES).bytes());
    } catch (ProblemFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
