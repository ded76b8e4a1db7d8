package io.tqc.relay.enforcement;

import io.tqc.api.internal.Digests;
import io.tqc.relay.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The hash chain of the audit, per node: link {@code n} hashes the canonical form of its record
 * together with the hash of link {@code n - 1}, so removing, reordering or changing any stored record
 * breaks every later link, and a signed {@link Checkpoint} fixes the chain up to its position.
 *
 * <p>Canonical form (UTF-8, each field followed by {@code \n}, absent values empty): {@code
 * tqc-audit-v1}, node, seq, prev hash, batch id, reseller id, certification id, origin code, token
 * {@code jti}, base64url(SHA-256(token)) or empty, proof, body digest, message count, accepted time
 * (epoch milliseconds), sender number, messages digest. The hash is base64url(SHA-256(canonical form)).
 */
public final class AuditChain {
  /** The predecessor hash of a node's first link. */
  public static final String GENESIS = "genesis";

  private AuditChain() {}

  /** The hash of {@code record} at ({@code node}, {@code seq}) after {@code prevHash}. */
  public static String hash(AuditRecord record, String node, long seq, String prevHash, String messagesDigest) {
    StringBuilder canonical = new StringBuilder(512);
    line(canonical, "tqc-audit-v1");
    line(canonical, node);
    line(canonical, Long.toString(seq));
    line(canonical, prevHash);
    line(canonical, record.batchId());
    line(canonical, record.resellerId().value());
    line(canonical, record.certificationId());
    line(canonical, record.originCode());
    line(canonical, record.tokenId());
    line(canonical, record.token() == null ? "" : Digests.sha256Base64Url(record.token()));
    line(canonical, record.proof());
    line(canonical, record.bodyDigest());
    line(canonical, Integer.toString(record.messageCount()));
    line(canonical, Long.toString(record.acceptedAt().toEpochMilli()));
    line(canonical, record.senderNumber() == null ? "" : record.senderNumber());
    line(canonical, messagesDigest);
    return Digests.sha256Base64Url(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void line(StringBuilder out, String value) {
    out.append(value == null ? "" : value.replace('\n', ' ')).append('\n');
  }

  /** base64url(SHA-256) over the lines {@code index:recipientDigest:textDigest\n} of every message. */
  public static String messagesDigest(List<TracebackDigest> digests) {
    MessageDigest sha = Digests.newSha256();
    for (TracebackDigest d : digests) {
      sha.update((d.index() + ":" + d.recipientDigest() + ":" + d.textDigest() + "\n")
          .getBytes(StandardCharsets.US_ASCII));
    }
    return io.tqc.api.internal.Base64Url.encode(sha.digest());
  }
}
