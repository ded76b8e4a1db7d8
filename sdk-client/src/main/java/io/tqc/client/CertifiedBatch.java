package io.tqc.client;

import io.tqc.api.token.BatchProof;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One advertising batch certified by {@link TqcClient#certify}: the certification token and the
 * fresh batch proof to send with it. Send the exact bytes that were certified, unchanged, with
 * {@link #headers()} (HTTP) or the two values in whatever framing your transport uses. Immutable.
 *
 * <p>{@link #toString()} never shows the token or the proof.
 */
public final class CertifiedBatch {
  /** Name of the header that carries the token: {@code Authorization: TQC <token>}. */
  public static final String AUTHORIZATION = "Authorization";
  /** Name of the header that carries the proof: {@code TQC-Proof: <proof>}. */
  public static final String PROOF = "TQC-Proof";

  private final String token;
  private final String authorization;
  private final BatchProof proof;
  private final long statusSequence;

  CertifiedBatch(String token, String authorization, BatchProof proof, long statusSequence) {
    this.token = token;
    this.authorization = authorization;
    this.proof = proof;
    this.statusSequence = statusSequence;
  }

  /** The batch id: the proof's {@code jti}. The relay answers with it and records it for audit. */
  public String batchId() {
    return proof.batchId();
  }

  /** The compact certification token. A secret: never log it. */
  public String token() {
    return token;
  }

  /** The batch proof. {@code proof().compact()} is the {@code TQC-Proof} header value. */
  public BatchProof proof() {
    return proof;
  }

  /** The {@code Authorization} header value: {@code TQC <token>}. */
  public String authorizationHeader() {
    return authorization;
  }

  /** The {@code TQC-Proof} header value: the compact proof. */
  public String proofHeader() {
    return proof.compact();
  }

  /** Both headers, in order: {@code Authorization} then {@code TQC-Proof}. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(AUTHORIZATION, authorization);
    headers.put(PROOF, proof.compact());
    return Collections.unmodifiableMap(headers);
  }

  /** The number of messages the proof states ({@code n}). */
  public int messageCount() {
    return proof.messageCount();
  }

  /** The proof's {@code iat}, in relay time. */
  public Instant issuedAt() {
    return proof.issuedAt();
  }

  /** The status sequence number that was current when the batch was certified. */
  long statusSequence() {
    return statusSequence;
  }

  @Override
  public String toString() {
    return "CertifiedBatch{batch=" + proof.batchId() + ", n=" + proof.messageCount() + ", iat="
        + proof.issuedAt() + "}";
  }
}
