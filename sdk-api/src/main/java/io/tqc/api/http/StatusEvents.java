package io.tqc.api.http;

import io.tqc.api.status.SignedStatus;
import java.nio.charset.StandardCharsets;

/**
 * The server-sent-event framing of the status stream ({@code GET …/status/events},
 * {@code Accept: text/event-stream}): each signed status is one event of type {@value #EVENT_TYPE},
 * its {@code id} the status's sequence number and its {@code data} the compact signed status; a
 * comment line ({@value #HEARTBEAT}) at least every {@link #HEARTBEAT_SECONDS} seconds keeps the
 * connection alive. A client verifies the data itself; the framing carries no trust.
 */
public final class StatusEvents {
  /** The event type of a signed status. */
  public static final String EVENT_TYPE = "status";
  /** The heartbeat, a comment line and the blank line that ends it. */
  public static final String HEARTBEAT = ":\n\n";
  /** Longest silence between two events or heartbeats. */
  public static final int HEARTBEAT_SECONDS = 15;

  private StatusEvents() {}

  /**
   * The body of {@code GET …/status} ({@code application/json}): {@code {"status":"<signed status>"}}.
   */
  public static byte[] document(SignedStatus status) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<String, Object>();
    out.put("status", status.compact());
    return io.tqc.api.internal.Json.writeBytes(out);
  }

  /** The event {@code id} of {@code status}: its sequence number. */
  public static String id(SignedStatus status) {
    return Long.toString(status.sequence());
  }

  /** The whole event for {@code status}, UTF-8: {@code event: status\nid: <seq>\ndata: <jws>\n\n}. */
  public static byte[] frame(SignedStatus status) {
    String text = "event: " + EVENT_TYPE + "\nid: " + id(status) + "\ndata: " + status.compact() + "\n\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
