package io.tqc.client.internal;

import java.io.IOException;

/**
 * The relay answered with a non-2xx status. Carries the status, the problem document's
 * {@code code} and {@code detail} (when the body was {@code application/problem+json}) and the
 * {@code Retry-After} delay, if any.
 */
public final class RelayHttpException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String detail;
  private final long retryAfterMillis;

  /**
   * Creates the exception.
   *
   * @param what what was requested, for the message
   * @param status the HTTP status
   * @param code the problem {@code code}, or {@code null}
   * @param detail the problem {@code detail} (already cleaned), or {@code null}
   * @param retryAfterMillis the {@code Retry-After} delay, or -1 if absent
   */
  public RelayHttpException(String what, int status, String code, String detail, long retryAfterMillis) {
    super(what + ": relay answered HTTP " + status + (code == null ? "" : " " + code)
        + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retryAfterMillis = retryAfterMillis;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The problem document's {@code code}, or {@code null}. */
  public String code() {
    return code;
  }

  /** The problem document's {@code detail}, or {@code null}. */
  public String detail() {
    return detail;
  }

  /** The {@code Retry-After} delay in milliseconds, or -1 if the relay sent none. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }

  /** True for statuses worth retrying: 429 and 5xx. */
  public boolean isTransient() {
    return status == 429 || status >= 500;
  }
}
