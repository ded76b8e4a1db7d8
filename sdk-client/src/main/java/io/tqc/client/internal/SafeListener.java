package io.tqc.client.internal;

import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards events to the user's listener; an exception it throws is logged, never propagated. */
public final class SafeListener implements TqcEventListener {
  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

  private final TqcEventListener delegate;

  /** Wraps {@code delegate}. */
  public SafeListener(TqcEventListener delegate) {
    this.delegate = delegate;
  }

  private void failed(String event, RuntimeException e) {
    log.warn("TQC event listener threw from {}; ignored", event, e);
  }

  @Override
  public void tokenRefreshed(CertificationToken token) {
    try {
      delegate.tokenRefreshed(token);
    } catch (RuntimeException e) {
      failed("tokenRefreshed", e);
    }
  }

  @Override
  public void tokenRefreshFailed(TqcClientException error) {
    try {
      delegate.tokenRefreshFailed(error);
    } catch (RuntimeException e) {
      failed("tokenRefreshFailed", e);
    }
  }

  @Override
  public void initialStatus(CertificationStatus current, long sequence, String reason) {
    try {
      delegate.initialStatus(current, sequence, reason);
    } catch (RuntimeException e) {
      failed("initialStatus", e);
    }
  }

  @Override
  public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence, String reason) {
    try {
      delegate.statusChanged(previous, current, sequence, reason);
    } catch (RuntimeException e) {
      failed("statusChanged", e);
    }
  }

  @Override
  public void statusVerified(CertificationStatus status, long sequence, Duration age) {
    try {
      delegate.statusVerified(status, sequence, age);
    } catch (RuntimeException e) {
      failed("statusVerified", e);
    }
  }

  @Override
  public void statusStreamReconnecting(boolean failure, Duration delay) {
    try {
      delegate.statusStreamReconnecting(failure, delay);
    } catch (RuntimeException e) {
      failed("statusStreamReconnecting", e);
    }
  }

  @Override
  public void failedClosed(TqcClientException refusal) {
    try {
      delegate.failedClosed(refusal);
    } catch (RuntimeException e) {
      failed("failedClosed", e);
    }
  }

  @Override
  public void batchNonCompliant(NonCompliantBatchException refusal) {
    try {
      delegate.batchNonCompliant(refusal);
    } catch (RuntimeException e) {
      failed("batchNonCompliant", e);
    }
  }

  @Override
  public void batchCertified(CertifiedBatch batch) {
    try {
      delegate.batchCertified(batch);
    } catch (RuntimeException e) {
      failed("batchCertified", e);
    }
  }

  @Override
  public void batchDeferred(CertifiedBatch batch, io.tqc.api.ReasonCode reason, Duration retryAfter) {
    try {
      delegate.batchDeferred(batch, reason, retryAfter);
    } catch (RuntimeException e) {
      failed("batchDeferred", e);
    }
  }

  @Override
  public void clockSkewMeasured(Duration skew) {
    try {
      delegate.clockSkewMeasured(skew);
    } catch (RuntimeException e) {
      failed("clockSkewMeasured", e);
    }
  }
}
