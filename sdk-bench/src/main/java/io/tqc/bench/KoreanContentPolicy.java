package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.token.CertificationClaims;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The law's default {@link CompliancePolicy} plugged into the relay's content-policy hook. */
final class KoreanContentPolicy implements ContentPolicy {
  private final CompliancePolicy policy = CompliancePolicy.defaults();

  @Override
  public List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime) {
    ComplianceReport report = policy.check(batch, claims.senderNumbers(), sendTime);
    if (report.isCompliant()) {
      return Collections.emptyList();
    }
    List<Violation> out = new ArrayList<>();
    for (io.tqc.api.compliance.Violation v : report.errors()) {
      out.add(new Violation(v.code(), v.isBatchLevel() ? Violation.BATCH : v.messageIndex(), v.detail()));
    }
    return out;
  }
}
