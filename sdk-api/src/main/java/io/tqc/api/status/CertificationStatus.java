package io.tqc.api.status;

/**
 * The state of a certification. ACTIVE ⇄ SUSPENDED; any → REVOKED, which is terminal.
 */
public enum CertificationStatus {
  /** Certified: advertising batches may be sent. Status-list value 0 (VALID). */
  ACTIVE(0),
  /** Suspended for a violation (may be reinstated). Status-list value 2 (SUSPENDED). */
  SUSPENDED(2),
  /** Revoked for good. Status-list value 1 (INVALID). */
  REVOKED(1);

  private final int statusListValue;

  CertificationStatus(int statusListValue) {
    this.statusListValue = statusListValue;
  }

  /** The value of this state in an IETF token status list. */
  public int statusListValue() {
    return statusListValue;
  }

  /** True if a transition from this state to {@code next} is allowed. */
  public boolean canBecome(CertificationStatus next) {
    switch (this) {
      case ACTIVE:
        return next == SUSPENDED || next == REVOKED;
      case SUSPENDED:
        return next == ACTIVE || next == REVOKED;
      default:
        return false;
    }
  }

  /** Parses the wire name ({@code ACTIVE}, {@code SUSPENDED}, {@code REVOKED}); {@code null} if unknown. */
  public static CertificationStatus fromWire(String name) {
    for (CertificationStatus status : values()) {
      if (status.name().equals(name)) {
        return status;
      }
    }
    return null;
  }
}
