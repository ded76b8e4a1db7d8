/**
 * A relay fleet on PostgreSQL: {@link io.tqc.relay.postgres.PostgresRelayStore} (registry, history,
 * audit with the fence, assertion ids), {@link io.tqc.relay.postgres.PostgresRegistryFeed} (registry
 * changes to every node through LISTEN/NOTIFY with catch-up polling) and
 * {@link io.tqc.relay.postgres.PostgresSigningKeyStore} (one signing key set for the fleet, sealed
 * with AES-GCM under an operator {@link io.tqc.relay.postgres.KeyEncryptionKey}); for recipient
 * protection {@link io.tqc.relay.postgres.PostgresSuppressionStore} (opt-outs) and
 * {@link io.tqc.relay.postgres.PostgresProtectionListStore} (the imported sender-number lists and URL
 * blocklist, so a list imported on one node is enforced by all). Each takes the
 * operator's {@link javax.sql.DataSource}; the library bundles no connection pool.
 */
package io.tqc.relay.postgres;
