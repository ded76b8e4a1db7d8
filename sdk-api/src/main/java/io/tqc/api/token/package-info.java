/**
 * Certification tokens ({@code tqc-cert+jwt}), batch proofs ({@code tqc-batch+jwt}), client
 * assertions ({@code tqc-assert+jwt}) and the pure {@link io.tqc.api.token.CertificationVerifier}
 * that checks a token, a proof and the batch bytes together.
 */
package io.tqc.api.token;
