package io.tqc.api.http;

import io.tqc.api.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP headers of the TQC contract and their values, written and parsed in one place.
 *
 * <ul>
 *   <li>{@code Authorization: TQC <certification token>} on every batch ({@link #authorization},
 *       {@link #credential});
 *   <li>{@code TQC-Proof: <batch proof>} on every batch;
 *   <li>{@code WWW-Authenticate: TQC error="<code>"} on every {@code 401} of the batch and token
 *       endpoints ({@link #wwwAuthenticate}), {@code Bearer} on the administrator API;
 *   <li>{@code Retry-After} (delay-seconds, or an HTTP-date when read) on {@code 429} and
 *       {@code 503} ({@link #retryAfter}, {@link #retryAfterMillis}).
 * </ul>
 *
 * <p>Header names are case-insensitive on the wire; these constants are the spelling TQC sends.
 */
public final class TqcHeaders {
  /** {@code Authorization}: carries the certification token with the {@value #SCHEME} scheme. */
  public static final String AUTHORIZATION = "Authorization";
  /** {@code TQC-Proof}: the batch proof (a compact JWS) of the request's body. */
  public static final String PROOF = "TQC-Proof";
  /** {@code WWW-Authenticate}: the scheme and reason code of a {@code 401}. */
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  /** {@code Retry-After}: when to send a deferred or refused request again. */
  public static final String RETRY_AFTER = "Retry-After";
  /** {@code Cache-Control}. */
  public static final String CACHE_CONTROL = "Cache-Control";
  /** {@code Content-Type}. */
  public static final String CONTENT_TYPE = "Content-Type";
  /** {@code Accept}. */
  public static final String ACCEPT = "Accept";
  /** {@code Last-Event-ID}: the sequence of the last status event a reconnecting stream saw. */
  public static final String LAST_EVENT_ID = "Last-Event-ID";
  /** The authentication scheme of a certification token: {@code TQC}. */
  public static final String SCHEME = "TQC";
  /** The authentication scheme of the administrator API: {@code Bearer}. */
  public static final String BEARER = "Bearer";
  /** {@code no-store}: every answer that is not a published document. */
  public static final String NO_STORE = "no-store";

  /** Longest {@code Retry-After} taken into account when reading one: one day. */
  public static final long MAX_RETRY_AFTER_SECONDS = 86_400;

  private TqcHeaders() {}

  /** The {@code Authorization} value for a compact certification token: {@code TQC <token>}. */
  public static String authorization(String compactToken) {
    if (compactToken == null || compactToken.isEmpty()) {
      throw new IllegalArgumentException("compactToken must not be empty");
    }
    return SCHEME + " " + compactToken;
  }

  /**
   * The token of an {@code Authorization: TQC <token>} value (scheme case-insensitive, surrounding
   * spaces trimmed), or {@code null} when the header is absent, empty or of another scheme. The
   * token itself is not checked here: the verifier refuses a bad one with its precise reason.
   */
  public static String credential(String authorization) {
    return credential(authorization, SCHEME);
  }

  /** The administrator token of an {@code Authorization: Bearer <token>} value, or {@code null}. */
  public static String bearer(String authorization) {
    return credential(authorization, BEARER);
  }

  private static String credential(String authorization, String scheme) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    int n = scheme.length();
    if (value.length() <= n + 1 || !value.regionMatches(true, 0, scheme, 0, n) || value.charAt(n) != ' ') {
      return null;
    }
    String credential = value.substring(n + 1).trim();
    return credential.isEmpty() ? null : credential;
  }

  /**
   * The {@code WWW-Authenticate} value of a {@code 401} for {@code reason}: {@code Bearer} for
   * {@link ReasonCode#UNAUTHORIZED} (the administrator API), else {@code TQC error="<code>"}.
   */
  public static String wwwAuthenticate(ReasonCode reason) {
    if (reason == ReasonCode.UNAUTHORIZED) {
      return BEARER;
    }
    return SCHEME + " error=\"" + reason.code() + "\"";
  }

  /**
   * The reason code of a {@code WWW-Authenticate: TQC error="<code>"} value, or {@code null} when
   * absent, of another scheme, or naming a code this version does not know.
   */
  public static ReasonCode wwwAuthenticateReason(String value) {
    String params = credential(value, SCHEME);
    if (params == null || !params.startsWith("error=\"") || !params.endsWith("\"") || params.length() < 9) {
      return null;
    }
    return ReasonCode.fromCode(params.substring(7, params.length() - 1));
  }

  /** The {@code Retry-After} value for {@code delay}: whole seconds, rounded up, at least 1. */
  public static String retryAfter(Duration delay) {
    long seconds = delay == null || delay.isNegative() ? 0 : delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    return Long.toString(Math.max(1, seconds));
  }

  /**
   * The {@code Retry-After} value of a refusal for {@code reason}: {@code retryAfter} when the
   * refusal names one (a quota window, a start-up), {@code 1} for {@code rate_limited} and
   * {@code relay_unavailable} without one, else {@code null} (no header).
   */
  public static String retryAfterFor(ReasonCode reason, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter(retryAfter);
    }
    return reason == ReasonCode.RATE_LIMITED || reason == ReasonCode.RELAY_UNAVAILABLE ? "1" : null;
  }

  /**
   * A {@code Retry-After} value (delay-seconds or an HTTP-date, RFC 9110 10.2.3) in milliseconds
   * from {@code now}, capped at {@value #MAX_RETRY_AFTER_SECONDS} s; {@code -1} when absent or
   * unreadable. A date in the past gives 0.
   */
  public static long retryAfterMillis(String value, Instant now) {
    if (value == null) {
      return -1;
    }
    String trimmed = value.trim();
    if (!trimmed.isEmpty() && trimmed.length() <= 10 && allDigits(trimmed)) {
      return Math.min(Long.parseLong(trimmed), MAX_RETRY_AFTER_SECONDS) * 1000;
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      long millis = at.toEpochMilli() - now.toEpochMilli();
      return Math.max(0, Math.min(millis, MAX_RETRY_AFTER_SECONDS * 1000));
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
