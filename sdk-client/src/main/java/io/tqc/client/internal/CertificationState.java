package io.tqc.client.internal;

import io.tqc.api.http.TqcHeaders;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertificationExpiredException;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NotCertifiedException;
import io.tqc.client.StatusUnavailableException;
import io.tqc.client.TqcClientException;
import java.time.Instant;

/**
 * One immutable snapshot of everything {@code certify} needs: the token and its deadlines, the
 * last verified status and its freshness deadline, the relay clock offset. The client publishes a
 * new snapshot with a compare-and-set for every change; the hot path reads exactly one snapshot.
 *
 * <p>Deadlines are {@link Ticker} readings (monotonic nanoseconds); compare with
 * {@code now - deadline >= 0}.
 */
public final class CertificationState {
  /** Sequence number meaning "no status seen yet". */
  public static final long NO_SEQUENCE = -1;

  private final CertificationToken token;
  private final String authorization;
  private final long tokenPrefetchAt;
  private final long tokenStaleAt;
  private final long tokenEpoch;
  private final CertificationStatus status;
  private final long statusSequence;
  private final String statusReason;
  private final long statusFreshUntil;
  private final boolean statusFreshKnown;
  private final long clockOffsetMillis;
  private final TqcClientException lastTokenFailure;
  private final boolean certificationExpired;
  private final boolean closed;

  private CertificationState(CertificationToken token, String authorization, long tokenPrefetchAt, long tokenStaleAt,
      long tokenEpoch, CertificationStatus status, long statusSequence, String statusReason, long statusFreshUntil,
      boolean statusFreshKnown, long clockOffsetMillis, TqcClientException lastTokenFailure,
      boolean certificationExpired, boolean closed) {
    this.token = token;
    this.authorization = authorization;
    this.tokenPrefetchAt = tokenPrefetchAt;
    this.tokenStaleAt = tokenStaleAt;
    this.tokenEpoch = tokenEpoch;
    this.status = status;
    this.statusSequence = statusSequence;
    this.statusReason = statusReason;
    this.statusFreshUntil = statusFreshUntil;
    this.statusFreshKnown = statusFreshKnown;
    this.clockOffsetMillis = clockOffsetMillis;
    this.lastTokenFailure = lastTokenFailure;
    this.certificationExpired = certificationExpired;
    this.closed = closed;
  }

  /** The state of a new client: no token, no status. */
  public static CertificationState initial() {
    return new CertificationState(null, null, 0, 0, 0, null, NO_SEQUENCE, null, 0, false, 0, null, false, false);
  }

  /**
   * Why a batch cannot be certified now, as the exception to throw (carrying {@code batch}), or
   * {@code null} when the certification is healthy.
   */
  public TqcClientException refusal(long now, Instant relayNow, byte[] batch, int messageCount) {
    if (closed) {
      return new NotCertifiedException("the client is closed", batch, messageCount, null);
    }
    if (status == CertificationStatus.REVOKED) {
      return new CertificationRevokedException("certification revoked by the relay" + because(),
          batch, messageCount, null);
    }
    if (status == CertificationStatus.SUSPENDED) {
      return new CertificationSuspendedException("certification suspended by the relay" + because()
          + "; waiting for a signed ACTIVE status with seq > " + statusSequence, batch, messageCount, null);
    }
    if (certificationExpired) {
      return new CertificationExpiredException("the relay refused a token: the certification has ended",
          batch, messageCount, lastTokenFailure);
    }
    if (token != null && !relayNow.isBefore(token.claims().certificationExpiresAt())) {
      return new CertificationExpiredException("certification " + token.claims().certificationId()
          + " ended at " + token.claims().certificationExpiresAt(), batch, messageCount, null);
    }
    if (token == null) {
      return new NotCertifiedException(lastTokenFailure == null ? "no certification token yet"
          : "no certification token: " + lastTokenFailure.detail(), batch, messageCount, lastTokenFailure);
    }
    if (now - tokenStaleAt >= 0) {
      return new NotCertifiedException("the certification token is about to expire and could not be refreshed"
          + (lastTokenFailure == null ? "" : ": " + lastTokenFailure.detail()), batch, messageCount, lastTokenFailure);
    }
    if (status == null || !statusFreshKnown) {
      return new StatusUnavailableException("no relay-signed status confirmed yet", batch, messageCount, null);
    }
    if (now - statusFreshUntil >= 0) {
      return new StatusUnavailableException("no relay-signed ACTIVE status confirmed within maxStatusAge",
          batch, messageCount, null);
    }
    return null;
  }

  private String because() {
    return statusReason == null ? "" : " (" + Texts.clean(statusReason, 120) + ")";
  }

  /** True unless suspended, revoked or closed: fetching a token makes sense. */
  public boolean wantsToken() {
    return !closed && status != CertificationStatus.SUSPENDED && status != CertificationStatus.REVOKED;
  }

  /** True if a token should be fetched now: wanted and missing or due for prefetch. */
  public boolean needsToken(long now) {
    return wantsToken() && (token == null || now - tokenPrefetchAt >= 0);
  }

  /** Installs a new token with its deadlines; clears any token failure and expiry flag. */
  public CertificationState withToken(CertificationToken newToken, long prefetchAt, long staleAt) {
    return new CertificationState(newToken, TqcHeaders.authorization(newToken.compact()), prefetchAt, staleAt, tokenEpoch, status,
        statusSequence, statusReason, statusFreshUntil, statusFreshKnown, clockOffsetMillis, null, false, closed);
  }

  /** Drops the token (it is never used again) and starts a new token epoch. */
  public CertificationState withoutToken() {
    return new CertificationState(null, null, 0, 0, tokenEpoch + 1, status, statusSequence, statusReason,
        statusFreshUntil, statusFreshKnown, clockOffsetMillis, lastTokenFailure, certificationExpired, closed);
  }

  /** Records the last token failure (the cause of a later {@code not_certified}). */
  public CertificationState withTokenFailure(TqcClientException failure) {
    return new CertificationState(token, authorization, tokenPrefetchAt, tokenStaleAt, tokenEpoch, status,
        statusSequence, statusReason, statusFreshUntil, statusFreshKnown, clockOffsetMillis, failure,
        certificationExpired, closed);
  }

  /** The relay refused a token because the certification ended: drop the token, refuse batches. */
  public CertificationState withCertificationExpired(TqcClientException failure) {
    return new CertificationState(null, null, 0, 0, tokenEpoch + 1, status, statusSequence, statusReason,
        statusFreshUntil, statusFreshKnown, clockOffsetMillis, failure, true, closed);
  }

  /** A new status with a new sequence number (and its freshness deadline, if it is fresh). */
  public CertificationState withStatus(CertificationStatus newStatus, long sequence, String reason, boolean fresh,
      long freshUntil) {
    return new CertificationState(token, authorization, tokenPrefetchAt, tokenStaleAt, tokenEpoch, newStatus,
        sequence, reason, fresh ? freshUntil : 0, fresh, clockOffsetMillis, lastTokenFailure, certificationExpired,
        closed);
  }

  /** The same status confirmed again: extends freshness to {@code freshUntil} if that is later. */
  public CertificationState withStatusConfirmed(long freshUntil) {
    long until = statusFreshKnown && statusFreshUntil - freshUntil > 0 ? statusFreshUntil : freshUntil;
    return new CertificationState(token, authorization, tokenPrefetchAt, tokenStaleAt, tokenEpoch, status,
        statusSequence, statusReason, until, true, clockOffsetMillis, lastTokenFailure, certificationExpired, closed);
  }

  /**
   * The status stays, but no longer counts as confirmed (the key that signed it was dropped): a
   * batch waits for a status signed by a current relay key.
   */
  public CertificationState withoutStatusFreshness() {
    return new CertificationState(token, authorization, tokenPrefetchAt, tokenStaleAt, tokenEpoch, status,
        statusSequence, statusReason, 0, false, clockOffsetMillis, lastTokenFailure, certificationExpired, closed);
  }

  /** A new estimate of relay time minus local time. */
  public CertificationState withClockOffset(long offsetMillis) {
    return new CertificationState(token, authorization, tokenPrefetchAt, tokenStaleAt, tokenEpoch, status,
        statusSequence, statusReason, statusFreshUntil, statusFreshKnown, offsetMillis, lastTokenFailure,
        certificationExpired, closed);
  }

  /** The client is closed: every later certify is refused. */
  public CertificationState closedState() {
    return new CertificationState(null, null, 0, 0, tokenEpoch + 1, status, statusSequence, statusReason,
        statusFreshUntil, statusFreshKnown, clockOffsetMillis, lastTokenFailure, certificationExpired, true);
  }

  /** The token, or {@code null}. */
  public CertificationToken token() {
    return token;
  }

  /** {@code TQC <token>}, or {@code null}. */
  public String authorization() {
    return authorization;
  }

  /** When a background refresh should start (ticker time). */
  public long tokenPrefetchAt() {
    return tokenPrefetchAt;
  }

  /** When the token stops being used (ticker time). */
  public long tokenStaleAt() {
    return tokenStaleAt;
  }

  /** Incremented whenever a token is dropped; a refresh installs its token only in the same epoch. */
  public long tokenEpoch() {
    return tokenEpoch;
  }

  /** The last verified status, or {@code null}. */
  public CertificationStatus status() {
    return status;
  }

  /** The last status sequence number, or {@link #NO_SEQUENCE}. */
  public long statusSequence() {
    return statusSequence;
  }

  /** Relay time minus local time, in milliseconds. */
  public long clockOffsetMillis() {
    return clockOffsetMillis;
  }

  /** True once closed. */
  public boolean isClosed() {
    return closed;
  }

  /** The last token failure, or {@code null}. */
  public TqcClientException lastTokenFailure() {
    return lastTokenFailure;
  }

  @Override
  public String toString() {
    return "CertificationState{status=" + status + ", seq=" + statusSequence + ", token="
        + (token == null ? "none" : token.claims().tokenId()) + ", epoch=" + tokenEpoch + ", closed=" + closed + "}";
  }
}
