package io.tqc.client.internal;

import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.MediaType;

/** Reading RFC 9457 problem documents and {@code Retry-After} headers from relay answers. */
public final class Problems {
  private static final String TYPE_PREFIX = "urn:tqc:error:";
  /** Longest {@code Retry-After} taken into account: one day. */
  private static final long MAX_RETRY_AFTER_SECONDS = 86_400;

  private Problems() {}

  /** True for {@code application/json} and any {@code application/*+json} type. */
  public static boolean isJson(MediaType type) {
    return type != null && "application".equals(type.type())
        && ("json".equals(type.subtype()) || type.subtype().endsWith("+json"));
  }

  /**
   * The {@code code} of a problem document ({@code code} member, else derived from a
   * {@code urn:tqc:error:} {@code type}), or {@code null} if {@code body} is not one.
   */
  public static String code(MediaType type, byte[] body) {
    JsonObject problem = parse(type, body);
    if (problem == null) {
      return null;
    }
    try {
      String code = problem.optString("code");
      if (code == null) {
        String problemType = problem.optString("type");
        if (problemType != null && problemType.startsWith(TYPE_PREFIX)) {
          code = problemType.substring(TYPE_PREFIX.length());
        }
      }
      return code == null ? null : Texts.clean(code, 64);
    } catch (JsonException e) {
      return null;
    }
  }

  /** The {@code detail} of a problem document, cleaned, or {@code null}. */
  public static String detail(MediaType type, byte[] body) {
    JsonObject problem = parse(type, body);
    try {
      return problem == null ? null : Texts.clean(problem.optString("detail"), 200);
    } catch (JsonException e) {
      return null;
    }
  }

  private static JsonObject parse(MediaType type, byte[] body) {
    if (!isJson(type) || body == null || body.length == 0) {
      return null;
    }
    try {
      return Json.parseObject(body);
    } catch (JsonException e) {
      return null;
    }
  }

  /**
   * Parses a {@code Retry-After} value (delay-seconds or an HTTP-date) into milliseconds from
   * {@code now}; -1 when absent or unreadable.
   */
  public static long retryAfterMillis(String header, Instant now) {
    if (header == null) {
      return -1;
    }
    String value = header.trim();
    if (!value.isEmpty() && value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Math.min(Long.parseLong(value), MAX_RETRY_AFTER_SECONDS) * 1000;
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      long millis = at.toEpochMilli() - now.toEpochMilli();
      return Math.max(0, Math.min(millis, MAX_RETRY_AFTER_SECONDS * 1000));
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
