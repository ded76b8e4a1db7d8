package io.tqc.relay;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.Violation;
import io.tqc.api.token.CertificationClaims;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The hook where an advertising-content compliance engine plugs into batch verification. It runs
 * after the token, proof, live status, replay, body and scope checks passed, and before the batch
 * is recorded. Its violations are reported together with the relay's own sender-number
 * registration check ({@code sender_number_not_registered}, batch-level, listed first), so one 422
 * lists everything wrong with the batch (so a policy need not check the sender registration
 * itself; if it reports the very same violation, the relay lists it once). Implementations must be
 * thread-safe and should report every violation they find, as enforced
 * {@link Violation}s built with {@link Violation#of} or {@link Violation#batch} (a policy logs what
 * it only warns about rather than returning it). They should not block on I/O; one that must consult an external
 * service bounds the wait and caches answers, as
 * {@link io.tqc.relay.protection.RecipientProtectionPolicy} does.
 *
 * <p>The default is {@link ComplianceContentPolicy#defaults()}, the shared compliance engine with
 * the law's defaults; {@link #NONE} checks nothing.
 */
public interface ContentPolicy {
  /** A policy that accepts every batch. */
  ContentPolicy NONE = new ContentPolicy() {
    @Override
    public List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime) {
      return Collections.emptyList();
    }
  };

  /**
   * Checks a batch.
   *
   * @param batch the parsed batch body (its bytes already verified against the proof)
   * @param claims the verified certification token's claims (sender numbers, origin code, scope)
   * @param sendTime when the messages will be sent: the batch's {@code send_at}, else the relay's now
   * @return every violation found; empty to accept (a warning-only violation, as in a whole
   *     {@link io.tqc.api.compliance.ComplianceReport#violations()}, does not refuse the batch)
   */
  List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime);
}
