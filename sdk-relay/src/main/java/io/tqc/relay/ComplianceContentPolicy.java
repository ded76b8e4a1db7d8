package io.tqc.relay;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.compliance.Violation;
import io.tqc.api.token.CertificationClaims;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's content policy backed by the shared compliance engine: every received batch is
 * checked with a {@link CompliancePolicy} (the {@code (광고)} marker, advertiser, free 080 opt-out,
 * night-time consent, caller-id and recipient numbers, EUC-KR sizes; see docs/compliance.md),
 * and the send time the relay passes in. Every enforced violation of the report is returned as it
 * is, so the relay answers 422 listing them all; warning-only violations are logged at DEBUG and do
 * not refuse the batch. Immutable and thread-safe; the check is pure.
 *
 * <p>The sender-number registration rule ({@code sender_number_not_registered}) is not run here: the
 * relay applies it to every batch whatever its content policy
 * ({@link CompliancePolicy#unregisteredSender}), so this policy's mode for it does not weaken it.
 *
 * <p>It is the {@link RelayConfig} default with the law's defaults. A relay may be stricter than
 * its resellers: nothing a reseller configures in its own pre-flight weakens this check.
 */
public final class ComplianceContentPolicy implements ContentPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceContentPolicy.class);
  private static final ComplianceContentPolicy DEFAULTS = new ComplianceContentPolicy(CompliancePolicy.defaults());

  private final CompliancePolicy policy;

  private ComplianceContentPolicy(CompliancePolicy policy) {
    this.policy = policy;
  }

  /** A content policy applying {@code policy}. */
  public static ComplianceContentPolicy of(CompliancePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("policy is required (use ContentPolicy.NONE to check nothing)");
    }
    return policy.equals(DEFAULTS.policy) ? DEFAULTS : new ComplianceContentPolicy(policy);
  }

  /** The law's defaults: every rule enforced, sizes in EUC-KR. */
  public static ComplianceContentPolicy defaults() {
    return DEFAULTS;
  }

  /** The compliance policy applied. */
  public CompliancePolicy policy() {
    return policy;
  }

  @Override
  public List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime) {
    // null: the relay checks the registration itself, for every batch (see the class comment).
    ComplianceReport report = policy.check(batch, null, sendTime);
    if (LOG.isDebugEnabled()) {
      for (Violation warning : report.warnings()) {
        LOG.debug("compliance warning for reseller {}: {}", claims.subject(), warning);
      }
    }
    return report.errors();
  }

  @Override
  public String toString() {
    return "ComplianceContentPolicy{" + policy + "}";
  }
}
