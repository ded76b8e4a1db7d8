package io.tqc.api.http;

import java.util.Locale;

/**
 * The media types of the TQC contract, as sent (JSON is always UTF-8, RFC 8259, and the header
 * says so) and as recognised in a request's or answer's {@code Content-Type}.
 */
public final class MediaTypes {
  /** {@code application/json}: request bodies, batches and JSON answers. */
  public static final String JSON = "application/json";
  /** {@code application/json; charset=utf-8}, the {@code Content-Type} of every JSON answer. */
  public static final String JSON_UTF8 = JSON + "; charset=utf-8";
  /** {@code application/problem+json} (RFC 9457): every refusal. */
  public static final String PROBLEM_JSON = "application/problem+json";
  /** {@code application/problem+json; charset=utf-8}, the {@code Content-Type} of every refusal. */
  public static final String PROBLEM_JSON_UTF8 = PROBLEM_JSON + "; charset=utf-8";
  /** {@code application/jwk-set+json} (RFC 7517): the relay's public keys. */
  public static final String JWK_SET_JSON = "application/jwk-set+json";
  /** {@code application/jwk-set+json; charset=utf-8}, as sent. */
  public static final String JWK_SET_JSON_UTF8 = JWK_SET_JSON + "; charset=utf-8";
  /** {@code text/event-stream}: the status event stream ({@link StatusEvents}). */
  public static final String EVENT_STREAM = "text/event-stream";

  private MediaTypes() {}

  /**
   * The media type of a {@code Content-Type} value without its parameters, lower case and trimmed
   * ({@code "Application/JSON; charset=utf-8"} gives {@code application/json}); {@code null} for
   * {@code null}.
   */
  public static String essence(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * True if {@code contentType} is exactly {@code application/json} (parameters allowed): what a
   * relay requires of a batch or a request body.
   */
  public static boolean isJson(String contentType) {
    return JSON.equals(essence(contentType));
  }

  /**
   * True if {@code contentType} is {@code application/json} or any {@code application/*+json}
   * (problem documents, JWK sets): what a client may read as JSON.
   */
  public static boolean isJsonFamily(String contentType) {
    String essence = essence(contentType);
    return essence != null && (essence.equals(JSON) || essence.startsWith("application/") && essence.endsWith("+json"));
  }

  /** True if {@code contentType} is {@code application/problem+json} (parameters allowed). */
  public static boolean isProblem(String contentType) {
    return PROBLEM_JSON.equals(essence(contentType));
  }

  /** True if an {@code Accept} value lists {@code text/event-stream}. */
  public static boolean acceptsEventStream(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM);
  }
}
