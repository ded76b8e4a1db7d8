/**
 * Implementation details of the TQC API (strict base64url, strict JSON, compact JWS).
 * Not part of the public API: these types may change in any release. Do not use them.
 *
 * <p>Shared only with the other core library modules ({@code tqc-client}, {@code tqc-relay},
 * {@code tqc-relay-postgres}), which are released with this one at the same version; no other
 * published module (examples, adapters, starters) may use it, and a test of the reactor enforces that. The wire documents a
 * relay or a client reads and writes are public in {@link io.tqc.api.http}.
 */
package io.tqc.api.internal;
