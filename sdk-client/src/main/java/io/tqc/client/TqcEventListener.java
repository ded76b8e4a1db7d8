package io.tqc.client;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import java.time.Duration;

/**
 * Receives the client's events, for metrics, logs and alerts; modelled on OkHttp's
 * {@code EventListener}. Every method has an empty default, so implement only what you need.
 *
 * <p>Methods are called synchronously on the thread where the event happens: a background thread
 * of the client, an OkHttp thread, or, for {@link #batchCertified}, {@link #failedClosed} and
 * {@link #batchNonCompliant}, the thread that called {@code TqcClient.certify}. Keep them fast and
 * non-blocking. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface TqcEventListener {
  /** A listener that ignores every event. */
  TqcEventListener NONE = new TqcEventListener() {};

  /**
   * A new certification token was received and installed. {@code token.toString()} is safe to log;
   * {@code token.compact()} is a secret.
   */
  default void tokenRefreshed(CertificationToken token) {}

  /** Fetching a token (or discovering the relay) failed; the client retries with backoff. */
  default void tokenRefreshFailed(TqcClientException error) {}

  /**
   * The first certification status this client learned, from a verified relay-signed status or
   * from a relay refusal ({@code 403}) seen by the interceptor or the token endpoint. Called once,
   * before any {@link #statusChanged}; {@code current} is never {@code null}.
   *
   * <p>The default implementation forwards to {@code statusChanged(null, current, sequence, reason)},
   * so a listener written before this method existed still sees the first status there (with
   * {@code previous == null}). Override this method and {@link #statusChanged} then only ever
   * receives changes between two known statuses.
   *
   * @param current the status (for example {@code ACTIVE} right after start)
   * @param sequence its sequence number ({@code seq}); {@code -1} when it came from a relay refusal
   *     before any signed status was seen
   * @param reason the relay's reason, or {@code null} (an ACTIVE status usually has none)
   */
  default void initialStatus(CertificationStatus current, long sequence, String reason) {
    statusChanged(null, current, sequence, reason);
  }

  /**
   * The certification status changed from one known status to another, from a verified
   * relay-signed status or from a relay refusal ({@code 403}) seen by the interceptor or the token
   * endpoint. The very first status goes to {@link #initialStatus} (whose default forwards it here
   * with {@code previous == null}).
   *
   * @param previous the previous status; {@code null} only for the first status forwarded by the
   *     default {@link #initialStatus}
   * @param current the new status, never {@code null}
   * @param sequence the status sequence number ({@code seq}) the change belongs to
   * @param reason the relay's reason, or {@code null}
   */
  default void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence,
      String reason) {}

  /**
   * A relay-signed status was verified and taken in: a change, or the current status confirmed again
   * (the stream's heartbeat, a poll). Statuses the client ignores (an older sequence number) are not
   * reported. Together with {@link #statusChanged} this is what keeps the client's status fresh: once
   * {@code age} plus the time since this call exceeds {@code maxStatusAge} with no newer call, the
   * client fails closed ({@code status_unavailable}). Called on the OkHttp or background thread that
   * received it.
   *
   * @param status the status it carries
   * @param sequence its sequence number ({@code seq})
   * @param age how old it was when received: relay time minus its {@code iat}, never negative
   */
  default void statusVerified(CertificationStatus status, long sequence, Duration age) {}

  /**
   * The status stream (server-sent events) ended and the client will connect again after
   * {@code delay}, polling the status endpoint meanwhile. Frequent reconnects mean the stream is cut
   * (a proxy's idle timeout, a load balancer, an unstable network) or the relay refuses it.
   *
   * @param failure {@code true} when the stream broke off, could not connect or was refused;
   *     {@code false} when the relay ended it normally (for example while restarting)
   * @param delay the wait before the next attempt (the backoff, at least the relay's {@code Retry-After})
   */
  default void statusStreamReconnecting(boolean failure, Duration delay) {}

  /** A batch was refused because the certification is not healthy; the batch is in {@code refusal}. */
  default void failedClosed(TqcClientException refusal) {}

  /**
   * The compliance pre-flight refused a batch; {@code refusal.report()} lists every violation and
   * {@code refusal.refusedBatch()} holds the batch. Called on the certifying thread.
   */
  default void batchNonCompliant(NonCompliantBatchException refusal) {}

  /** A batch was certified. */
  default void batchCertified(CertifiedBatch batch) {}

  /**
   * The relay deferred a certified batch ({@code 429}, for example {@code quota_exceeded}: a message
   * quota of the reseller or its first-sender code is used up until the next window). The
   * certification is not affected; send the batch again after {@code retryAfter} (it is certified
   * anew, with a new proof). Called on the OkHttp thread.
   *
   * @param reason the relay's code ({@code quota_exceeded}, {@code rate_limited}), or {@code null} if unknown
   * @param retryAfter the relay's {@code Retry-After}, or {@code null} if it sent none
   */
  default void batchDeferred(CertifiedBatch batch, ReasonCode reason, Duration retryAfter) {}

  /**
   * The offset between the relay's clock and this machine's clock was measured (relay time minus
   * local time; positive when the local clock is behind). Proofs are stamped in relay time.
   */
  default void clockSkewMeasured(Duration skew) {}
}
