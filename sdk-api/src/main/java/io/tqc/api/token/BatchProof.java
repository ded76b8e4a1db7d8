package io.tqc.api.token;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.TqcException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A batch proof ({@code typ} {@code tqc-batch+jwt}): the reseller's signature over one batch,
 * binding it to a token ({@code ath}), to the exact batch bytes ({@code bh}), to a message count
 * ({@code n}), to one relay ({@code aud}) and to a moment ({@code iat}); its {@code jti} is the
 * batch id. Create with {@link BatchProofSigner}. Immutable.
 */
public final class BatchProof {
  /** The JWS {@code typ} of batch proofs. */
  public static final String TYPE = "tqc-batch+jwt";
  /** Size cap of a compact proof in characters; a longer proof is refused before any decoding. */
  public static final int MAX_LENGTH = CompactJws.MAX_LENGTH;
  static final Set<String> HEADER_MEMBERS = new HashSet<>(Arrays.asList("alg", "typ", "jwk"));
  private static final Set<String> MEMBERS = new HashSet<>(Arrays.asList("jti", "iat", "aud", "ath", "bh", "n"));
  /** Largest message count a proof may state. */
  public static final int MAX_MESSAGES = 1_000_000;

  private final String compact;
  private final String batchId;
  private final Instant issuedAt;
  private final String audience;
  private final String tokenDigest;
  private final String bodyDigest;
  private final int messageCount;
  private final VerificationKey key;

  BatchProof(String compact, String batchId, Instant issuedAt, String audience, String tokenDigest,
      String bodyDigest, int messageCount, VerificationKey key) {
    this.compact = compact;
    this.batchId = batchId;
    this.issuedAt = issuedAt;
    this.audience = audience;
    this.tokenDigest = tokenDigest;
    this.bodyDigest = bodyDigest;
    this.messageCount = messageCount;
    this.key = key;
  }

  /**
   * Parses structure, header ({@code alg}, {@code typ}, {@code jwk}) and claims, without checking
   * {@code alg}/{@code typ} values or the signature: the verifier does that in protocol order. The
   * header's key comes from {@code known} when exactly this header text decoded to a key before. A
   * key decoded now is not remembered here: the verifier remembers it ({@link Parsed#rememberKeyIn})
   * once the proof verified and its key matched the token's {@code cnf.jkt}, so headers nobody holds
   * a token for never take a place.
   */
  static Parsed parse(String compact, ProofKeys known) throws VerificationException {
    CompactJws jws = JoseChecks.parse(compact, MAX_LENGTH, ReasonCode.PROOF_MALFORMED, "proof");
    JoseChecks.requireHeaderMembers(jws, HEADER_MEMBERS, ReasonCode.PROOF_MALFORMED, "proof");
    // The structure parsed, so the first '.' ends the header's base64url text.
    String encodedHeader = known.capacity() == 0 ? null : compact.substring(0, compact.indexOf('.'));
    VerificationKey key = encodedHeader == null ? null : known.get(encodedHeader);
    boolean decoded = key == null;
    if (decoded) {
      key = headerKey(jws);
    }
    JsonObject claims = jws.payload();
    try {
      claims.requireOnly(MEMBERS, "proof claims");
      String jti = claims.string("jti");
      if (!Base64Url.isAlphabet(jti, 22, 128)) {
        throw new JsonException("\"jti\" must be 22-128 base64url characters (>= 128 bits)");
      }
      long iat = claims.numericDate("iat");
      String aud = claims.string("aud");
      String ath = claims.string("ath");
      String bh = claims.string("bh");
      if (!Base64Url.isAlphabet(ath, 43, 43) || !Base64Url.isAlphabet(bh, 43, 43)) {
        throw new JsonException("\"ath\" and \"bh\" must be base64url SHA-256 digests");
      }
      int n = (int) claims.integer("n", 1, MAX_MESSAGES);
      BatchProof proof = new BatchProof(compact, jti, Instant.ofEpochSecond(iat), aud, ath, bh, n, key);
      return new Parsed(jws, proof, decoded ? encodedHeader : null);
    } catch (JsonException e) {
      throw new VerificationException(ReasonCode.PROOF_MALFORMED, e.getMessage());
    }
  }

  private static VerificationKey headerKey(CompactJws jws) throws VerificationException {
    try {
      JsonObject jwk = jws.header().object("jwk");
      return VerificationKey.fromJwk(io.tqc.api.internal.Json.write(jwk));
    } catch (JsonException e) {
      throw new VerificationException(ReasonCode.PROOF_MALFORMED, "proof header " + e.getMessage());
    } catch (TqcException e) {
      throw new VerificationException(ReasonCode.PROOF_MALFORMED, "proof header jwk: " + e.detail());
    }
  }

  static final class Parsed {
    final CompactJws jws;
    final BatchProof proof;
    /** The header text whose key was decoded for this proof, or {@code null} (taken from the cache, or none). */
    private final String decodedHeader;

    Parsed(CompactJws jws, BatchProof proof, String decodedHeader) {
      this.jws = jws;
      this.proof = proof;
      this.decodedHeader = decodedHeader;
    }

    /** Remembers this proof's freshly decoded header key in {@code known}; call only once the proof verified. */
    void rememberKeyIn(ProofKeys known) {
      if (decodedHeader != null) {
        known.put(decodedHeader, proof.key());
      }
    }
  }

  /** The compact serialization, as sent in the {@code TQC-Proof} header. */
  public String compact() {
    return compact;
  }

  /** {@code jti}: the batch id. */
  public String batchId() {
    return batchId;
  }

  /** {@code iat}. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** {@code aud}: the relay id. */
  public String audience() {
    return audience;
  }

  /** {@code ath}: base64url(SHA-256(token)). */
  public String tokenDigest() {
    return tokenDigest;
  }

  /** {@code bh}: base64url(SHA-256(batch bytes)). */
  public String bodyDigest() {
    return bodyDigest;
  }

  /** {@code n}: number of messages in the batch. */
  public int messageCount() {
    return messageCount;
  }

  /** The reseller key from the header's {@code jwk}. */
  public VerificationKey key() {
    return key;
  }

  @Override
  public String toString() {
    return "BatchProof{jti=" + batchId + ", iat=" + issuedAt + ", n=" + messageCount + "}";
  }
}
