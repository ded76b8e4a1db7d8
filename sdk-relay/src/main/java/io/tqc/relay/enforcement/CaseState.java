package io.tqc.relay.enforcement;

/** Where a case stands: open → confirmed → sanctioned, or dismissed from open or confirmed. */
public enum CaseState {
  /** Reports have been traced to the reseller; nobody has reviewed them yet. Further reports join it. */
  OPEN,
  /** A reviewer confirmed illegal spam; a sanction is due. Further reports join it. */
  CONFIRMED,
  /** A sanction was imposed (terminal). */
  SANCTIONED,
  /** The reports did not hold up (terminal). */
  DISMISSED;

  /** True if a case in this state may move to {@code next}. */
  public boolean canBecome(CaseState next) {
    switch (this) {
      case OPEN:
        return next == CONFIRMED || next == DISMISSED;
      case CONFIRMED:
        return next == SANCTIONED || next == DISMISSED;
      default:
        return false;
    }
  }

  /** True while reports still join the case. */
  public boolean isOpen() {
    return this == OPEN || this == CONFIRMED;
  }
}
