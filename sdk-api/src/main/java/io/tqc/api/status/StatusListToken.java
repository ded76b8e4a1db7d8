package io.tqc.api.status;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.JoseChecks;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The IETF Status List Token ({@code typ} {@code statuslist+jwt}): a relay-signed JWT whose
 * {@code sub} is the list's URI and whose {@code status_list} holds {@code bits} and {@code lst}.
 */
public final class StatusListToken {
  /** The JWS {@code typ}. */
  public static final String TYPE = "statuslist+jwt";
  /** The HTTP media type. */
  public static final String MEDIA_TYPE = "application/statuslist+jwt";
  /** Size cap when verifying: 4 MiB. */
  public static final int MAX_LENGTH = 4 * 1024 * 1024;
  private static final Set<String> HEADER_MEMBERS = new HashSet<>(Arrays.asList("alg", "typ", "kid"));
  private static final Set<String> MEMBERS = new HashSet<>(Arrays.asList("iss", "sub", "iat", "exp", "ttl", "status_list"));
  private static final Set<String> LIST_MEMBERS = new HashSet<>(Arrays.asList("bits", "lst"));

  private StatusListToken() {}

  /** Signs {@code list} as the status list at {@code uri}. */
  public static String sign(String issuer, String uri, StatusList list, Instant issuedAt, Duration lifetime,
      Duration ttl, SigningKey relayKey) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", JoseChecks.ALG);
    header.put("typ", TYPE);
    header.put("kid", relayKey.keyId());
    Map<String, Object> statusList = new LinkedHashMap<>();
    statusList.put("bits", list.bits());
    statusList.put("lst", list.encode());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", uri);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", issuedAt.getEpochSecond() + lifetime.getSeconds());
    claims.put("ttl", ttl.getSeconds());
    claims.put("status_list", statusList);
    return CompactJws.sign(header, claims, relayKey::sign);
  }

  /**
   * Verifies a status list token for {@code uri} and returns its list: strict structure, {@code alg},
   * {@code typ}, {@code kid} in {@code relayKeys}, signature, {@code sub} = {@code uri}, {@code iat}
   * present, {@code iss}/{@code ttl} well-typed when present, not expired when {@code exp} is present,
   * and a valid {@code status_list}. Failures are {@code status_list_invalid}.
   */
  public static StatusList verify(String compact, KeySet relayKeys, String uri, Instant now) throws TqcException {
    CompactJws jws = JoseChecks.parse(compact, MAX_LENGTH, ReasonCode.STATUS_LIST_INVALID, "status list token");
    JoseChecks.requireHeaderMembers(jws, HEADER_MEMBERS, ReasonCode.STATUS_LIST_INVALID, "status list token");
    JoseChecks.requireAlg(jws, ReasonCode.STATUS_LIST_INVALID, "status list token");
    JoseChecks.requireTyp(jws, TYPE, ReasonCode.STATUS_LIST_INVALID, "status list token");
    try {
      VerificationKey key = relayKeys.find(jws.header().string("kid"));
      if (key == null || !key.verify(jws.signingInput(), jws.signature())) {
        throw new VerificationException(ReasonCode.STATUS_LIST_INVALID, "status list token signature does not verify");
      }
      JsonObject claims = jws.payload();
      claims.requireOnly(MEMBERS, "status list token claims");
      if (!uri.equals(claims.string("sub"))) {
        throw new VerificationException(ReasonCode.STATUS_LIST_INVALID, "sub is not " + Json.sanitize(uri));
      }
      claims.optString("iss");
      claims.numericDate("iat");
      if (claims.has("ttl")) {
        claims.integer("ttl", 0, JsonObject.MAX_NUMERIC_DATE);
      }
      if (claims.has("exp") && now.getEpochSecond() >= claims.numericDate("exp")) {
        throw new VerificationException(ReasonCode.STATUS_LIST_INVALID, "status list token expired");
      }
      JsonObject list = claims.object("status_list");
      list.requireOnly(LIST_MEMBERS, "status_list");
      return StatusList.decode(list.string("lst"), (int) list.integer("bits", 1, 8));
    } catch (JsonException e) {
      throw new VerificationException(ReasonCode.STATUS_LIST_INVALID, e.getMessage());
    }
  }
}
