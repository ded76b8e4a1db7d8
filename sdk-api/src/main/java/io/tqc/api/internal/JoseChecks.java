package io.tqc.api.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Json.JsonException;
import java.util.Set;

/**
 * The structural and header checks every TQC JWS goes through, shared by tokens, proofs,
 * assertions and statuses so that all of them apply the same strictness.
 */
public final class JoseChecks {
  /** The only JWS algorithm TQC accepts. */
  public static final String ALG = "EdDSA";

  private JoseChecks() {}

  /** Size cap and strict parse; defects become {@code malformed}. */
  public static CompactJws parse(String text, int maxLength, ReasonCode malformed, String what)
      throws VerificationException {
    try {
      CompactJws jws = CompactJws.parse(text, maxLength);
      return jws;
    } catch (JsonException e) {
      throw new VerificationException(malformed, what + ": " + e.getMessage());
    }
  }

  /**
   * Header members: only {@code allowed} may appear ({@code crit}, {@code jku}, {@code x5u} and
   * anything else is refused as malformed), and {@code alg}/{@code typ} must be strings.
   */
  public static void requireHeaderMembers(CompactJws jws, Set<String> allowed, ReasonCode malformed, String what)
      throws VerificationException {
    try {
      jws.header().requireOnly(allowed, what + " header");
      jws.header().string("alg");
      jws.header().string("typ");
    } catch (JsonException e) {
      throw new VerificationException(malformed, e.getMessage());
    }
  }

  /** {@code alg} must be exactly {@code EdDSA}. */
  public static void requireAlg(CompactJws jws, ReasonCode code, String what) throws VerificationException {
    String alg = jws.header().asMap().get("alg").toString();
    if (!ALG.equals(alg)) {
      throw new VerificationException(code, what + " alg \"" + Json.sanitize(alg) + "\" is not allowed; only EdDSA");
    }
  }

  /** {@code typ} must be exactly {@code expected}. */
  public static void requireTyp(CompactJws jws, String expected, ReasonCode code, String what)
      throws VerificationException {
    String typ = jws.header().asMap().get("typ").toString();
    if (!expected.equals(typ)) {
      throw new VerificationException(code, what + " typ \"" + Json.sanitize(typ) + "\" is not " + expected);
    }
  }
}
