package io.tqc.api.token;

import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json;
import io.tqc.api.key.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs batch proofs with one reseller key for one relay. The encoded header is computed once, so
 * signing a proof costs one SHA-256 over the batch and one Ed25519 signature. Immutable and
 * thread-safe: share one instance.
 */
public final class BatchProofSigner {
  private final SigningKey key;
  private final String audience;
  private final String encodedHeaderDot;

  /** A signer for proofs by {@code resellerKey} addressed to the relay {@code audience}. */
  public BatchProofSigner(SigningKey resellerKey, String audience) {
    if (resellerKey == null || audience == null || audience.isEmpty()) {
      throw new IllegalArgumentException("resellerKey and audience are required");
    }
    this.key = resellerKey;
    this.audience = audience;
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put("x", Base64Url.encode(resellerKey.verificationKey().rawBytes()));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", JoseChecks.ALG);
    header.put("typ", BatchProof.TYPE);
    header.put("jwk", jwk);
    this.encodedHeaderDot = Base64Url.encode(Json.writeBytes(header)) + ".";
  }

  /**
   * Signs a proof for {@code batch} (the exact bytes that will be sent) with {@code messageCount}
   * messages, bound to the token whose {@link CertificationToken#digest() digest} is
   * {@code tokenDigest}, stamped {@code issuedAt} (relay time).
   */
  public BatchProof sign(String tokenDigest, byte[] batch, int messageCount, Instant issuedAt) {
    if (messageCount < 1 || messageCount > BatchProof.MAX_MESSAGES) {
      throw new IllegalArgumentException("messageCount must be 1.." + BatchProof.MAX_MESSAGES);
    }
    if (tokenDigest == null || !Base64Url.isAlphabet(tokenDigest, 43, 43)) {
      throw new IllegalArgumentException("tokenDigest must be a base64url SHA-256 digest");
    }
    String batchId = Digests.randomId();
    String bodyDigest = Digests.sha256Base64Url(batch);
    long iat = issuedAt.getEpochSecond();
    // Claims written by hand: fixed members, all values base64url or integers (no escaping needed).
    String claims = "{\"jti\":\"" + batchId + "\",\"iat\":" + iat + ",\"aud\":" + Json.write(audience)
        + ",\"ath\":\"" + tokenDigest + "\",\"bh\":\"" + bodyDigest + "\",\"n\":" + messageCount + "}";
    String input = encodedHeaderDot + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8));
    String compact = input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    return new BatchProof(compact, batchId, Instant.ofEpochSecond(iat), audience, tokenDigest, bodyDigest,
        messageCount, key.verificationKey());
  }

  /** Convenience: signs a proof bound to {@code token}. */
  public BatchProof sign(CertificationToken token, byte[] batch, int messageCount, Instant issuedAt) {
    return sign(token.digest(), batch, messageCount, issuedAt);
  }

  /** The relay this signer addresses. */
  public String audience() {
    return audience;
  }
}
