/**
 * Micrometer meters for TQC. Names are lowercase and dot-separated; every tag has a bounded set of
 * values (reason codes, statuses, outcomes): no reseller id, batch id or number is ever a tag.
 *
 * <ul>
 *   <li>{@link io.tqc.micrometer.TqcClientMetrics}: a {@link io.tqc.client.TqcEventListener} for the
 *       reseller's client;</li>
 *   <li>{@link io.tqc.micrometer.TqcRelayMetrics}: a {@code MeterBinder} over the relay library's
 *       {@link io.tqc.relay.RelayStats}.</li>
 * </ul>
 */
package io.tqc.micrometer;
