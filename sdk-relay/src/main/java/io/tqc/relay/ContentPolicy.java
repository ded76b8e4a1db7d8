package io.tqc.relay;

import io.tqc.api.batch.Batch;
import io.tqc.api.token.CertificationClaims;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The hook where an advertising-content compliance engine plugs into batch verification. It runs
 * after the token, proof, live status, replay, scope and sender-number checks passed, and before the
 * batch is recorded. Implementations must be thread-safe, must not block on I/O, and should report
 * every violation they find (the relay answers 422 listing them all).
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
   * @return every violation found; empty to accept
   */
  List<Violation> check(Batch batch, CertificationClaims claims, Instant sendTime);
}
