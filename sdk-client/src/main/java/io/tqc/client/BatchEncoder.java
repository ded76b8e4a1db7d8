package io.tqc.client;

import io.tqc.api.batch.Batch;
import io.tqc.api.token.CertificationClaims;

/**
 * Writes the exact bytes a certified batch is sent as, for {@link TqcClient#certify(Batch, BatchEncoder)}:
 * typically a messaging provider's own request (NHN Cloud, SENS, SOLAPI, U+ 메시지허브...) carrying
 * the batch's messages, with the certification's first-sender identification code
 * ({@link CertificationClaims#originCode()}) stamped in the provider's field.
 *
 * <p>The client calls it once per certification, after the compliance pre-flight and the fail-closed
 * gate passed and with the claims of the very token the proof is then bound to, so the stamped code
 * can never differ from the certification's. It must be pure: the bytes it returns are signed and
 * returned in {@link CertifiedBatch#body()}; send exactly those. It must carry {@code batch}'s
 * messages and nothing else: the client cannot read a provider's format, so that is the encoder's
 * contract.
 */
public interface BatchEncoder {
  /**
   * The exact request bytes for {@code batch} under {@code certification}.
   *
   * @return the bytes, never {@code null} or empty
   */
  byte[] encode(Batch batch, CertificationClaims certification);
}
