/**
 * Where a relay keeps its state. {@link io.tqc.relay.store.RelayStore} holds the reseller registry,
 * its append-only history and the audit of accepted batches; the default is
 * {@link io.tqc.relay.store.SqliteRelayStore} (embedded SQLite, WAL, {@code synchronous=FULL}).
 * {@link io.tqc.relay.store.SigningKeyStore} holds the relay's private signing keys, by default in a
 * file beside the database ({@link io.tqc.relay.store.FileSigningKeyStore}), never in the database.
 * {@link io.tqc.relay.store.InMemoryRelayStore} and {@link io.tqc.relay.store.SigningKeyStore#inMemory()}
 * are for tests only.
 */
package io.tqc.relay.store;
