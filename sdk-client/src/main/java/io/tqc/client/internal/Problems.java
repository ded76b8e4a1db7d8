package io.tqc.client.internal;

import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.Problem;
import io.tqc.api.http.TqcHeaders;
import java.time.Instant;
import okhttp3.MediaType;

/**
 * The relay answers' problem documents and {@code Retry-After} headers, read with the wire contract
 * ({@link Problem}, {@link TqcHeaders}) and cleaned for logs and exception messages.
 */
public final class Problems {
  private Problems() {}

  /** True for {@code application/json} and any {@code application/*+json} type. */
  public static boolean isJson(MediaType type) {
    return type != null && MediaTypes.isJsonFamily(type.toString());
  }

  /** The problem document of an answer, or {@code null} if {@code body} is not one. */
  public static Problem problem(MediaType type, byte[] body) {
    return type == null ? null : Problem.read(type.toString(), body);
  }

  /**
   * The {@code code} of a problem document ({@code code} member, else derived from a
   * {@code urn:tqc:error:} {@code type}), cleaned, or {@code null} if {@code body} is not one.
   */
  public static String code(MediaType type, byte[] body) {
    Problem problem = problem(type, body);
    return problem == null ? null : Texts.clean(problem.code(), 64);
  }

  /** The {@code detail} of a problem document, cleaned, or {@code null}. */
  public static String detail(MediaType type, byte[] body) {
    Problem problem = problem(type, body);
    return problem == null || problem.detail() == null ? null : Texts.clean(problem.detail(), 200);
  }

  /** See {@link TqcHeaders#retryAfterMillis}. */
  public static long retryAfterMillis(String header, Instant now) {
    return TqcHeaders.retryAfterMillis(header, now);
  }
}
