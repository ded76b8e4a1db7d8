package io.tqc.relay.enforcement;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Digests;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an evidence bundle offline, with nothing but the relay's published keys (JWKS): the
 * relay's signature over every line, every token against the keys (at the time its batch was
 * accepted), every proof against its token and the recorded body digest and message count, every
 * record's chain hash, the chain unbroken from link to link, and every checkpoint's signature and
 * hash. See docs/relay-guide.md for the bundle format ({@code tqc-evidence-v1}, JSON lines).
 */
public final class EvidenceVerifier {
  /** The bundle format. */
  public static final String FORMAT = "tqc-evidence-v1";
  /** The JWS {@code typ} of the bundle signature (last line). */
  public static final String SIGNATURE_TYPE = "tqc-evidence+jwt";

  private EvidenceVerifier() {}

  /** Verifies {@code bundle} against the relay keys {@code jwks}. Never throws for a bad bundle: it reports it. */
  public static EvidenceVerification verify(byte[] bundle, KeySet jwks) {
    List<EvidenceVerification.Failure> failures = new ArrayList<>();
    String text = new String(bundle, StandardCharsets.UTF_8);
    String[] lines = text.endsWith("\n") ? text.substring(0, text.length() - 1).split("\n", -1) : text.split("\n", -1);
    int n = lines.length;
    if (n < 2) {
      failures.add(new EvidenceVerification.Failure(1, "header", "not an evidence bundle (fewer than two lines)"));
      return new EvidenceVerification(failures, 0, 0, 0, n);
    }
    // The relay's signature over the hash of every line.
    List<String> signedHashes = signedLineHashes(lines[n - 1], jwks, n, failures);
    for (int i = 0; i < n - 1; i++) {
      String hash = Digests.sha256Base64Url(lines[i].getBytes(StandardCharsets.UTF_8));
      if (signedHashes != null && (i >= signedHashes.size() || !Digests.constantTimeEquals(hash, signedHashes.get(i)))) {
        failures.add(new EvidenceVerification.Failure(i + 1, partOf(lines[i]), "differs from what the relay signed"));
      }
    }
    if (signedHashes != null && signedHashes.size() != n - 1) {
      failures.add(new EvidenceVerification.Failure(n, "signature", "the relay signed " + signedHashes.size()
          + " lines but the bundle holds " + (n - 1)));
    }
    String issuer = null;
    Map<String, String> tokens = new HashMap<>();
    Map<String, CertificationToken> verifiedTokens = new HashMap<>();
    Map<String, String[]> lastLink = new HashMap<>();
    Map<String, Map<Long, String>> linkHashes = new HashMap<>();
    List<Object[]> checkpoints = new ArrayList<>();
    int records = 0;
    int tokenCount = 0;
    for (int i = 0; i < n - 1; i++) {
      int line = i + 1;
      JsonObject o;
      String part;
      try {
        o = Json.parseObject(lines[i]);
        part = o.string("part");
      } catch (JsonException e) {
        failures.add(new EvidenceVerification.Failure(line, "unknown", "not a JSON object with a part: " + e.getMessage()));
        continue;
      }
      try {
        switch (part) {
          case "header":
            if (!FORMAT.equals(o.optString("format"))) {
              failures.add(new EvidenceVerification.Failure(line, part, "format is not " + FORMAT));
            }
            issuer = o.string("issuer");
            break;
          case "token":
            tokens.put(o.string("jti"), o.string("token"));
            tokenCount++;
            break;
          case "record":
            records++;
            checkRecord(o, line, issuer, jwks, tokens, verifiedTokens, lastLink, linkHashes, failures);
            break;
          case "link":
            checkLink(o.string("node"), o.integer("seq", 1, Long.MAX_VALUE), o.string("prev"), o.string("hash"), line,
                lastLink, linkHashes, failures, part);
            break;
          case "checkpoint":
            checkpoints.add(new Object[] {line, o});
            break;
          default:
            break;
        }
      } catch (JsonException e) {
        failures.add(new EvidenceVerification.Failure(line, part, "malformed: " + e.getMessage()));
      }
    }
    for (Object[] entry : checkpoints) {
      checkCheckpoint((JsonObject) entry[1], (Integer) entry[0], issuer, jwks, linkHashes, failures);
    }
    return new EvidenceVerification(failures, records, tokenCount, checkpoints.size(), n);
  }

  private static String partOf(String line) {
    try {
      return Json.parseObject(line).string("part");
    } catch (JsonException e) {
      return "unknown";
    }
  }

  private static List<String> signedLineHashes(String line, KeySet jwks, int n,
      List<EvidenceVerification.Failure> failures) {
    try {
      JsonObject o = Json.parseObject(line);
      if (!"signature".equals(o.optString("part"))) {
        failures.add(new EvidenceVerification.Failure(n, "signature", "the last line is not the relay's signature"));
        return null;
      }
      JsonObject payload = verifyJws(o.string("jws"), SIGNATURE_TYPE, jwks);
      return payload.stringArray("lines", Integer.MAX_VALUE);
    } catch (JsonException | TqcException e) {
      failures.add(new EvidenceVerification.Failure(n, "signature", "bundle signature invalid: " + message(e)));
      return null;
    }
  }

  private static JsonObject verifyJws(String compact, String type, KeySet jwks) throws JsonException, TqcException {
    CompactJws jws = CompactJws.parse(compact, Integer.MAX_VALUE);
    if (!"EdDSA".equals(jws.header().optString("alg")) || !type.equals(jws.header().optString("typ"))) {
      throw new TqcException(ReasonCode.STATUS_INVALID, "alg must be EdDSA and typ " + type);
    }
    VerificationKey key = jwks.find(jws.header().optString("kid"));
    if (key == null) {
      throw new TqcException(ReasonCode.TOKEN_KEY_UNKNOWN, "signed with a key not in the JWKS");
    }
    if (!key.verify(jws.signingInput(), jws.signature())) {
      throw new TqcException(ReasonCode.TOKEN_SIGNATURE_INVALID, "signature does not verify");
    }
    return jws.payload();
  }

  private static void checkRecord(JsonObject o, int line, String issuer, KeySet jwks, Map<String, String> tokens,
      Map<String, CertificationToken> verifiedTokens, Map<String, String[]> lastLink,
      Map<String, Map<Long, String>> linkHashes, List<EvidenceVerification.Failure> failures) throws JsonException {
    String batchId = o.string("batch_id");
    String part = "record";
    String where = "batch " + batchId;
    Instant acceptedAt = Instant.ofEpochMilli(o.integer("accepted_at_ms", 0, Long.MAX_VALUE));
    String token = tokens.get(o.string("token_jti"));
    AuditRecord record;
    try {
      record = new AuditRecord.Builder().batchId(batchId).resellerId(ResellerId.parse(o.string("reseller_id")))
          .certificationId(o.string("cert_id")).originCode(o.string("origin_code")).tokenId(o.string("token_jti"))
          .proof(o.string("proof")).bodyDigest(o.string("body_digest"))
          .messageCount((int) o.integer("n", 1, Integer.MAX_VALUE)).acceptedAt(acceptedAt)
          .senderNumber(o.optString("sender_number")).token(token).nodeId(o.string("node")).build();
    } catch (TqcException | IllegalArgumentException e) {
      failures.add(new EvidenceVerification.Failure(line, part, where + ": malformed: " + message(e)));
      return;
    }
    if (token == null) {
      failures.add(new EvidenceVerification.Failure(line, part, where + ": its token " + record.tokenId()
          + " is not in the bundle"));
    } else if (issuer != null) {
      CertificationVerifier verifier = new CertificationVerifier.Builder().relayId(issuer).keys(jwks)
          .clockSkew(CertificationVerifier.MAX_CLOCK_SKEW).proofMaxAge(Duration.ofMinutes(5)).build();
      try {
        CertificationToken verified = verifiedTokens.get(token);
        if (verified == null) {
          verified = verifier.verifyToken(token, acceptedAt);
          verifiedTokens.put(token, verified);
        }
        if (!verified.claims().subject().equals(record.resellerId())
            || !verified.claims().tokenId().equals(record.tokenId())) {
          failures.add(new EvidenceVerification.Failure(line, part, where + ": the token is not the record's"));
        } else {
          verifier.verifyDigest(verified, record.proof(), record.bodyDigest(), record.messageCount(), acceptedAt);
        }
      } catch (VerificationException e) {
        failures.add(new EvidenceVerification.Failure(line, part, where + ": " + e.reason().code() + ": " + e.detail()));
      }
    }
    long seq = o.integer("seq", 1, Long.MAX_VALUE);
    String node = o.string("node");
    String hash = AuditChain.hash(record, node, seq, o.string("prev"), o.string("messages_digest"));
    if (!Digests.constantTimeEquals(hash, o.string("hash"))) {
      failures.add(new EvidenceVerification.Failure(line, part, where + ": chain hash does not match the record"));
    }
    checkLink(node, seq, o.string("prev"), o.string("hash"), line, lastLink, linkHashes, failures, part);
  }

  private static void checkLink(String node, long seq, String prev, String hash, int line,
      Map<String, String[]> lastLink, Map<String, Map<Long, String>> linkHashes,
      List<EvidenceVerification.Failure> failures, String part) {
    String[] last = lastLink.get(node);
    if (last != null) {
      long lastSeq = Long.parseLong(last[0]);
      if (seq != lastSeq + 1) {
        failures.add(new EvidenceVerification.Failure(line, part, "chain of node " + node + " jumps from " + lastSeq
            + " to " + seq));
      } else if (!Digests.constantTimeEquals(prev, last[1])) {
        failures.add(new EvidenceVerification.Failure(line, part, "chain of node " + node + " broken at " + seq
            + ": prev is not the hash of " + lastSeq));
      }
    } else if (seq == 1 && !AuditChain.GENESIS.equals(prev)) {
      failures.add(new EvidenceVerification.Failure(line, part, "first link of node " + node + " does not start the chain"));
    }
    lastLink.put(node, new String[] {Long.toString(seq), hash});
    Map<Long, String> hashes = linkHashes.get(node);
    if (hashes == null) {
      hashes = new HashMap<>();
      linkHashes.put(node, hashes);
    }
    hashes.put(seq, hash);
  }

  private static void checkCheckpoint(JsonObject o, int line, String issuer, KeySet jwks,
      Map<String, Map<Long, String>> linkHashes, List<EvidenceVerification.Failure> failures) {
    try {
      String node = o.string("node");
      long seq = o.integer("seq", 1, Long.MAX_VALUE);
      JsonObject payload = verifyJws(o.string("jws"), Checkpoint.TYPE, jwks);
      if (!node.equals(payload.string("node")) || seq != payload.integer("seq", 1, Long.MAX_VALUE)
          || !o.string("hash").equals(payload.string("hash"))
          || (issuer != null && !issuer.equals(payload.string("iss")))) {
        failures.add(new EvidenceVerification.Failure(line, "checkpoint", "checkpoint " + node + "#" + seq
            + " does not say what the relay signed"));
        return;
      }
      Map<Long, String> hashes = linkHashes.get(node);
      String linked = hashes == null ? null : hashes.get(seq);
      if (linked == null) {
        failures.add(new EvidenceVerification.Failure(line, "checkpoint", "checkpoint " + node + "#" + seq
            + " is not covered by the chain in the bundle"));
      } else if (!Digests.constantTimeEquals(linked, payload.string("hash"))) {
        failures.add(new EvidenceVerification.Failure(line, "checkpoint", "chain of node " + node + " at " + seq
            + " differs from the signed checkpoint"));
      }
    } catch (JsonException | TqcException e) {
      failures.add(new EvidenceVerification.Failure(line, "checkpoint", "checkpoint signature invalid: " + message(e)));
    }
  }

  private static String message(Exception e) {
    return e instanceof TqcException ? ((TqcException) e).detail() : e.getMessage();
  }

  /** The base64url SHA-256 of a line, as listed in the bundle signature. */
  static String lineHash(String line) {
    return Base64Url.encode(Digests.sha256(line.getBytes(StandardCharsets.UTF_8)));
  }
}
