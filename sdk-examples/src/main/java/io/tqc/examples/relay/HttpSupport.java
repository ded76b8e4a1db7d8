package io.tqc.examples.relay;

import io.javalin.http.Context;
import io.tqc.api.ReasonCode;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.Problem;
import io.tqc.api.http.TqcHeaders;
import io.tqc.examples.json.JsonException;
import io.tqc.examples.json.Json;
import io.tqc.examples.json.JsonObject;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.CertificationToken;
import io.tqc.relay.RelayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * JSON bodies and RFC 9457 problem documents for the reference server. Every body is UTF-8 and its
 * content type says so ({@code charset=utf-8}).
 */
final class HttpSupport {
  static final String PROBLEM_JSON = MediaTypes.PROBLEM_JSON;
  static final String JSON = MediaTypes.JSON;
  /** Content types as sent: JSON is always UTF-8 (RFC 8259), and the header says so for every client. */
  static final String PROBLEM_JSON_UTF8 = MediaTypes.PROBLEM_JSON_UTF8;
  static final String JSON_UTF8 = MediaTypes.JSON_UTF8;
  /** Cap on token and admin request bodies. */
  static final int SMALL_BODY = 64 * 1024;
  /** Room for the request line's URI and every header other than the token and the proof. */
  static final int HEADER_MARGIN = 8 * 1024;
  /**
   * Cap on the request line and header section, sized from the documented caps: a token
   * ({@code Authorization: TQC <token>}) and a proof ({@code TQC-Proof}) of
   * {@value io.tqc.api.token.CertificationToken#MAX_LENGTH} characters each, plus
   * {@value #HEADER_MARGIN} bytes for everything else. A token or proof over its cap still reaches
   * the verifier (and is refused as {@code token_malformed} / {@code proof_malformed}) as long as
   * the whole header section fits; beyond it the answer is {@code request_headers_too_large}.
   */
  static final int MAX_REQUEST_HEADER_BYTES = CertificationToken.MAX_LENGTH + BatchProof.MAX_LENGTH + HEADER_MARGIN;

  private HttpSupport() {}

  /** Answers with {@code body} as JSON (UTF-8). */
  static void json(Context ctx, int status, Map<String, ?> body) {
    json(ctx, status, Json.writeBytes(body));
  }

  /** Answers with a JSON document already written (UTF-8). */
  static void json(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType(JSON_UTF8).header(TqcHeaders.CACHE_CONTROL, TqcHeaders.NO_STORE).result(body);
  }

  /** Answers with the problem document for {@code e}, and its {@code WWW-Authenticate} or {@code Retry-After}. */
  static void problem(Context ctx, RelayException e) {
    ReasonCode reason = e.reason();
    problem(ctx, e.toProblem());
    if (reason.httpStatus() == 401) {
      boolean admin = reason == ReasonCode.UNAUTHORIZED || ctx.path().startsWith("/v1/admin/");
      ctx.header(TqcHeaders.WWW_AUTHENTICATE, admin ? TqcHeaders.BEARER : TqcHeaders.wwwAuthenticate(reason));
    } else {
      String retryAfter = TqcHeaders.retryAfterFor(reason, e.retryAfter());
      if (retryAfter != null) {
        ctx.header(TqcHeaders.RETRY_AFTER, retryAfter);
      }
    }
  }

  /** The reason code of an HTTP error the server itself raises (routing, limits, Jetty). */
  static ReasonCode reasonForStatus(int status) {
    switch (status) {
      case 404:
        return ReasonCode.NOT_FOUND;
      case 405:
        return ReasonCode.METHOD_NOT_ALLOWED;
      case 413:
        return ReasonCode.BATCH_TOO_LARGE;
      case 415:
        return ReasonCode.UNSUPPORTED_MEDIA_TYPE;
      case 431:
        return ReasonCode.REQUEST_HEADERS_TOO_LARGE;
      case 429:
        return ReasonCode.RATE_LIMITED;
      case 503:
        return ReasonCode.RELAY_UNAVAILABLE;
      default:
        return status >= 500 ? ReasonCode.INTERNAL_ERROR : ReasonCode.REQUEST_INVALID;
    }
  }

  /** A problem document for an HTTP error the server raises itself, with {@code status} as given. */
  static Problem problemFor(int status, String detail) {
    return Problem.builder(reasonForStatus(status)).status(status).detail(detail).build();
  }

  /**
   * Answers with a problem document that carries extension members beyond {@link Problem}'s (for
   * example the {@code lines} of a refused CSV import), UTF-8.
   */
  static void problem(Context ctx, int status, Map<String, Object> problem) {
    ctx.status(status).contentType(PROBLEM_JSON_UTF8).header(TqcHeaders.CACHE_CONTROL, TqcHeaders.NO_STORE)
        .result(Json.writeBytes(problem));
  }

  /** Answers with a problem document (UTF-8) and its own status. */
  static void problem(Context ctx, Problem problem) {
    ctx.status(problem.status()).contentType(PROBLEM_JSON_UTF8).header(TqcHeaders.CACHE_CONTROL, TqcHeaders.NO_STORE)
        .result(problem.toJsonBytes());
  }

  /** An {@code unsupported_media_type} refusal: the body must be {@code application/json}. */
  static RelayException notJson() {
    return new RelayException(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
  }

  /** A {@code request_invalid} refusal. */
  static RelayException invalid(String detail) {
    return new RelayException(ReasonCode.REQUEST_INVALID, detail);
  }

  /**
   * A {@code request_invalid} refusal caused by {@code cause} (kept for the server log; the client
   * sees {@code detail} only).
   */
  static RelayException invalid(String detail, Throwable cause) {
    return new RelayException(ReasonCode.REQUEST_INVALID, detail, cause);
  }

  /**
   * {@code e}, a refusal of the API layer, as a relay refusal with the same reason and detail, its
   * cause {@code e}.
   */
  static RelayException refusal(io.tqc.api.TqcException e) {
    return new RelayException(e.reason(), e.detail(), e);
  }

  /** True if the request declares a JSON body ({@code application/json}, parameters allowed). */
  static boolean isJson(Context ctx) {
    return MediaTypes.isJson(ctx.header(TqcHeaders.CONTENT_TYPE));
  }

  /**
   * Reads the body, refusing more than {@code limit} bytes. An oversized body is still read and
   * discarded up to another {@code limit} bytes, so the client (still uploading) reliably receives
   * the refusal instead of a reset connection; beyond that it is not read at all.
   *
   * <p>With a {@code Content-Length} within {@code limit} (every batch a client sends) the body is
   * read into one array of exactly that size: the end of the stream is confirmed with a one-byte
   * read instead of a grown buffer, so nothing is copied (the load harness's profile showed the
   * growing buffer and the final trim allocating three times the body per batch).
   *
   * @return the body, or {@code null} if it exceeds {@code limit}
   */
  static byte[] readBody(Context ctx, int limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    long drainBudget = 2L * limit;
    if (declared > drainBudget) {
      return null;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] buffer = new byte[declared > 0 ? (int) Math.min(declared, limit + 1L) : 8192];
      int total = 0;
      while (true) {
        if (total == buffer.length) {
          if (total > limit) {
            drain(in, drainBudget - total);
            return null;
          }
          int next = in.read();
          if (next < 0) {
            return buffer; // exactly full: the common case, no copy
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(limit + 1L, buffer.length * 2L));
          buffer[total++] = (byte) next;
          continue;
        }
        int n = in.read(buffer, total, buffer.length - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
      return total > limit ? null : total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
    }
  }

  private static void drain(InputStream in, long budget) throws IOException {
    byte[] sink = new byte[64 * 1024];
    long left = budget;
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        return;
      }
      left -= n;
    }
  }

  /** Reads a small JSON object body whose members must all be in {@code allowed}; empty body allowed if asked. */
  static JsonObject readJsonObject(Context ctx, Set<String> allowed, boolean emptyAllowed)
      throws IOException, RelayException {
    byte[] body = readBody(ctx, SMALL_BODY);
    if (body == null) {
      throw invalid("request body larger than " + SMALL_BODY + " bytes");
    }
    if (body.length == 0 && emptyAllowed) {
      try {
        return Json.parseObject("{}");
      } catch (JsonException e) {
        throw new IllegalStateException(e);
      }
    }
    if (!isJson(ctx)) {
      throw notJson();
    }
    try {
      JsonObject object = Json.parseObject(body);
      object.requireOnly(allowed, "request");
      return object;
    } catch (JsonException e) {
      throw invalid("request body: " + e.getMessage());
    }
  }
}
