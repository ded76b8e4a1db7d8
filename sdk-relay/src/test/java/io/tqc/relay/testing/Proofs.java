package io.tqc.relay.testing;

import io.tqc.api.internal.CompactJws;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Batch proofs as a hostile reseller could sign them (a chosen {@code jti}). */
public final class Proofs {
  private Proofs() {}

  /** A valid proof for {@code body} whose batch id is {@code batchId} instead of a random one. */
  public static String withBatchId(SigningKey key, String audience, String tokenDigest, byte[] body, int n,
      Instant iat, String batchId) {
    String honest = new BatchProofSigner(key, audience).sign(tokenDigest, body, n, iat).compact();
    try {
      CompactJws jws = CompactJws.parse(honest, CompactJws.MAX_LENGTH);
      Map<String, Object> payload = new LinkedHashMap<>(jws.payload().asMap());
      payload.put("jti", batchId);
      return CompactJws.sign(new LinkedHashMap<>(jws.header().asMap()), payload, key::sign);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
