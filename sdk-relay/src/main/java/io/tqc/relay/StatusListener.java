package io.tqc.relay;

import io.tqc.api.status.SignedStatus;

/**
 * Receives signed statuses of one reseller: the current one at once, then every change as soon as
 * it is durable, and a fresh one at every heartbeat. Called from the relay's single publisher
 * thread: return quickly. Throwing ends the subscription (for example when the connection behind it
 * has closed).
 */
public interface StatusListener {
  /** A freshly signed status. */
  void onStatus(SignedStatus status) throws Exception;
}
