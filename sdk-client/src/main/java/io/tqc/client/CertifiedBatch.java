package io.tqc.client;

import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.compliance.MessageClass;
import io.tqc.api.http.TqcHeaders;
import io.tqc.api.token.BatchProof;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One advertising batch certified by {@link TqcClient#certify}: the certification token and the
 * fresh batch proof to send with it. Send the exact bytes that were certified, unchanged, with
 * {@link #headers()} (HTTP) or the two values in whatever framing your transport uses: for a batch
 * certified from a {@link io.tqc.api.batch.Batch}, those bytes are {@link #body()}. Immutable.
 *
 * <p>When the client's compliance pre-flight checked the batch, {@link #compliance()} holds the
 * report (warnings included) and {@link #messageClasses()} the SMS/LMS class of each message.
 *
 * <p>{@link #toString()} never shows the token or the proof.
 */
public final class CertifiedBatch {
  /** Name of the header that carries the token: {@code Authorization: TQC <token>}. */
  public static final String AUTHORIZATION = TqcHeaders.AUTHORIZATION;
  /** Name of the header that carries the proof: {@code TQC-Proof: <proof>}. */
  public static final String PROOF = TqcHeaders.PROOF;

  private final String token;
  private final String authorization;
  private final BatchProof proof;
  private final long statusSequence;
  private final byte[] body;
  private final ComplianceReport compliance;
  private final io.tqc.api.batch.Batch batch;

  CertifiedBatch(String token, String authorization, BatchProof proof, long statusSequence, byte[] body,
      ComplianceReport compliance, io.tqc.api.batch.Batch batch) {
    this.token = token;
    this.authorization = authorization;
    this.proof = proof;
    this.statusSequence = statusSequence;
    this.body = body;
    this.compliance = compliance;
    this.batch = batch;
  }

  /**
   * The batch these bytes carry, as the client read it: the one given to
   * {@link TqcClient#certify(io.tqc.api.batch.Batch)}, {@link TqcClient#certify(byte[], io.tqc.api.batch.Batch)}
   * or {@link TqcClient#certify(io.tqc.api.batch.Batch, BatchEncoder)}, or the parse of the bytes
   * given to {@link TqcClient#certify(byte[], int)}; {@code null} for bytes that are not a batch
   * document. For bytes in a provider's format it is the record of what they carry (for an MMS,
   * the digest and size of each image the provider's file ids stand for).
   */
  public io.tqc.api.batch.Batch batch() {
    return batch;
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

  /**
   * The exact bytes the proof covers, to be sent unchanged: the serialized batch for
   * {@link TqcClient#certify(io.tqc.api.batch.Batch)}, the caller's own array for
   * {@link TqcClient#certify(byte[], int)} and {@link TqcClient#certify(byte[], io.tqc.api.batch.Batch)},
   * the encoder's for {@link TqcClient#certify(io.tqc.api.batch.Batch, BatchEncoder)}. Not copied: do
   * not modify it.
   */
  public byte[] body() {
    return body;
  }

  /**
   * The compliance pre-flight report (compliant, possibly with warnings), or {@code null} when the
   * batch was not checked (pre-flight switched off, or raw bytes that are not a batch document).
   */
  public ComplianceReport compliance() {
    return compliance;
  }

  /**
   * The size class of each message in order, as the carriers bill and route it: {@code SMS} up to
   * 90 EUC-KR bytes, {@code LMS} up to 2,000, or the class the message declares ({@code MMS} only so). An entry is {@code null} only when the policy does not
   * enforce {@code text_not_encodable} or {@code text_too_long} and the message fits no class. Empty
   * when the batch was not checked ({@link #compliance()} is {@code null}).
   */
  public List<MessageClass> messageClasses() {
    if (compliance == null) {
      return Collections.emptyList();
    }
    List<MessageClass> classes = new ArrayList<>(compliance.messageCount());
    for (int i = 0; i < compliance.messageCount(); i++) {
      classes.add(compliance.messageClass(i));
    }
    return Collections.unmodifiableList(classes);
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
