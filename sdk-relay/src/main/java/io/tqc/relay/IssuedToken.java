package io.tqc.relay;

import io.tqc.api.token.CertificationToken;
import java.time.Duration;

/** A certification token the relay just issued, with its remaining lifetime. Immutable. */
public final class IssuedToken {
  private final CertificationToken token;
  private final Duration expiresIn;

  IssuedToken(CertificationToken token, Duration expiresIn) {
    this.token = token;
    this.expiresIn = expiresIn;
  }

  /** The token. Its compact form is a bearer credential of the reseller: do not log it. */
  public CertificationToken token() {
    return token;
  }

  /** How long the token is valid from issuance (whole seconds). */
  public Duration expiresIn() {
    return expiresIn;
  }

  @Override
  public String toString() {
    return "IssuedToken{" + token + ", expiresIn=" + expiresIn + "}";
  }
}
