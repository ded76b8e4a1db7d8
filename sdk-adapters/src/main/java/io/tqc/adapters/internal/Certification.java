package io.tqc.adapters.internal;

import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.NonCompliantBatchException;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;

/** The certification step every adapter runs before it sends anything. */
public final class Certification {
  /** Builds the provider's request bytes, with the origin code to stamp ({@code null}: none, not certified). */
  public interface Body {
    /** The exact request bytes. */
    byte[] bytes(String originCode);
  }

  /** The batch's certification, or {@code null} for a non-advertising send. */
  public final CertifiedBatch checked;
  /**
   * The same certification when it covers {@link #body} (a provider send: one proof over the exact
   * bytes sent), {@code null} for a writer that sends the TQC document itself or a non-advertising send.
   */
  public final CertifiedBatch sent;
  /** The exact request bytes to send. */
  public final byte[] body;
  /** The certification's first-sender identification code, or {@code null} for a non-advertising send. */
  public final String originCode;

  private Certification(CertifiedBatch checked, CertifiedBatch sent, byte[] body, String originCode) {
    this.checked = checked;
    this.sent = sent;
    this.body = body;
    this.originCode = originCode;
  }

  /**
   * Certifies {@code view} (an advertising batch) once, over the provider bytes: the client runs its
   * pre-flight on {@code view} and the fail-closed gate, then {@code body} writes the request with
   * the origin code of the very token the one proof is bound to
   * ({@link TqcClient#certify(Batch, io.tqc.client.BatchEncoder)}). A non-advertising {@code view}
   * is only checked against the client's compliance policy (mislabelling, numbers, sizes) and not
   * certified.
   *
   * @throws TqcClientException the client refuses: not compliant, or fail closed
   */
  public static Certification certify(TqcClient tqc, Clock clock, Batch view, Body body) throws TqcClientException {
    if (!view.advertising()) {
      checkOnly(tqc, clock, view);
      return new Certification(null, null, body.bytes(null), null);
    }
    String[] stamped = new String[1];
    CertifiedBatch certified = tqc.certify(view, (batch, claims) -> {
      stamped[0] = claims.originCode();
      return body.bytes(stamped[0]);
    });
    return new Certification(certified, certified, certified.body(), stamped[0]);
  }

  /**
   * Certifies {@code view} alone (for writers that send no bytes of their own): {@link #body} is the
   * certified TQC document, {@link #sent} is null. A non-advertising batch is only checked.
   *
   * @throws TqcClientException the client refuses: not compliant, or fail closed
   */
  public static Certification certifyBatch(TqcClient tqc, Clock clock, Batch view) throws TqcClientException {
    if (!view.advertising()) {
      checkOnly(tqc, clock, view);
      return new Certification(null, null, view.toJsonBytes(), null);
    }
    CertifiedBatch checked = tqc.certify(view);
    String originCode;
    try {
      // The client verified this token when it received it; here it is only read.
      originCode = CertificationToken.decodeUnverified(checked.token()).claims().originCode();
    } catch (TqcException e) {
      throw new TqcClientException(e.reason(), "the held token cannot be read: " + e.detail(), checked.body(),
          checked.messageCount(), e);
    }
    return new Certification(checked, null, checked.body(), originCode);
  }

  private static void checkOnly(TqcClient tqc, Clock clock, Batch view) throws TqcClientException {
    CompliancePolicy policy = tqc.compliancePolicy();
    if (policy != null) {
      ComplianceReport report = policy.check(view, null, clock.instant());
      if (!report.isCompliant()) {
        throw new NonCompliantBatchException(report, view.toJsonBytes(), view.messageCount());
      }
    }
  }
}
