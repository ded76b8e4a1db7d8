/**
 * The relay side of TQC, as a library without an HTTP server: open a {@link io.tqc.relay.Relay}
 * from a {@link io.tqc.relay.RelayConfig}, then call it from your own HTTP stack to issue
 * certification tokens ({@link io.tqc.relay.Relay#issueToken}), verify and record batches
 * ({@link io.tqc.relay.Relay#acceptBatch}), publish signed statuses and status lists, and manage
 * resellers through its {@link io.tqc.relay.Registry}.
 *
 * <p>Every refusal is a {@link io.tqc.relay.RelayException} carrying the
 * {@link io.tqc.api.ReasonCode} to answer with. Fleet seams: {@link io.tqc.relay.ReplayCache} and
 * {@link io.tqc.relay.RegistryFeed}; storage seams live in {@code io.tqc.relay.store}. Classes under
 * {@code io.tqc.relay.internal} are implementation details.
 */
package io.tqc.relay;
