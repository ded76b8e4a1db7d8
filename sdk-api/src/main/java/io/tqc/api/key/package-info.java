/**
 * Ed25519 keys as opaque types: {@link io.tqc.api.key.SigningKey} (private),
 * {@link io.tqc.api.key.VerificationKey} (public) and {@link io.tqc.api.key.KeySet} (a JWKS
 * holding several verification keys by {@code kid}, for rotation). The algorithm is fixed by the
 * type: there is no way to ask for another one.
 */
package io.tqc.api.key;
