package io.tqc.api.token;

/**
 * The result of a successful {@link CertificationVerifier} check: the verified token and proof.
 * The batch bytes were exactly the ones the proof signs. Immutable.
 */
public final class VerifiedBatch {
  private final CertificationToken token;
  private final BatchProof proof;

  VerifiedBatch(CertificationToken token, BatchProof proof) {
    this.token = token;
    this.proof = proof;
  }

  /** The verified certification token. */
  public CertificationToken token() {
    return token;
  }

  /** The verified batch proof. */
  public BatchProof proof() {
    return proof;
  }

  /** The batch id (the proof's {@code jti}). */
  public String batchId() {
    return proof.batchId();
  }

  @Override
  public String toString() {
    return "VerifiedBatch{batch=" + proof.batchId() + ", sub=" + token.claims().subject() + "}";
  }
}
