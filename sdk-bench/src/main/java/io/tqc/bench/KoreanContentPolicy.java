package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.Violation;
import io.tqc.api.token.CertificationClaims;
import io.tqc.relay.ContentPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The law's default {@link CompliancePolicy} plugged into the relay's content-policy hook, as an
 * operator would write it by hand (the relay's own {@code ComplianceContentPolicy} does the same).
 */
final class KoreanContentPolicy implements ContentPolicy {
  private final CompliancePolicy policy = CompliancePolicy.defaults();

  @Override
  public List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime) {
    return policy.check(batch, claims.senderNumbers(), sendTime).errors();
  }
}
