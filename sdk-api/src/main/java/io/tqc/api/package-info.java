/**
 * The TQC protocol core shared by resellers and relays: {@link io.tqc.api.ReasonCode} and the
 * exception hierarchy rooted at {@link io.tqc.api.TqcException}. Sub-packages hold keys
 * ({@code key}), certification tokens, batch proofs and the verifier ({@code token}), signed
 * statuses and status lists ({@code status}) and the batch body model ({@code batch}).
 * Classes under {@code io.tqc.api.internal} are implementation details: do not use them.
 */
package io.tqc.api;
