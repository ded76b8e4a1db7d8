package io.tqc.api;

/**
 * What a sender does about a refusal, one value per {@link ReasonCode} ({@link ReasonCode#disposition()}),
 * so that refusal handling is one {@code switch}:
 *
 * <pre>{@code
 * switch (e.disposition()) {
 *   case RETRY_LATER:    queue.retryAfter(batch, e.retryAfter()); break; // this batch, later
 *   case WAIT_FOR_RELAY: pauseUntilReady(); queue.requeue(batch); break; // every batch waits
 *   case FIX_BATCH:      report.rejected(batch, e);                break; // send it changed, or never
 *   case STOP:           stopAndAlert(e);                          break; // nothing will be accepted
 * }
 * }</pre>
 *
 * <p>In every case nothing of the refused batch was accepted, so nothing is lost by sending it again
 * after the cause is gone (a {@link ReasonCode#BATCH_REPLAYED batch_replayed} batch is {@link #STOP}:
 * its proof was used before, so look up whether the first attempt was accepted).
 */
public enum Disposition {
  /**
   * A transient condition (the relay is busy, starting or unreachable, a quota window is full, a
   * token is being refreshed): send the same batch again after {@code Retry-After} or a backoff.
   */
  RETRY_LATER,
  /**
   * The certification cannot be used until the relay says otherwise (suspended, not yet known,
   * no fresh ACTIVE status): hold every batch and resume when the client is ready again.
   */
  WAIT_FOR_RELAY,
  /**
   * The batch itself is refused (content rules, shape, size, sender number): it will never be
   * accepted as it is; fix it or drop it and go on with the others.
   */
  FIX_BATCH,
  /**
   * Nothing this client sends will be accepted (revoked or expired certification, unknown reseller,
   * wrong key, misconfiguration, a protocol error): stop and alert a person.
   */
  STOP
}
