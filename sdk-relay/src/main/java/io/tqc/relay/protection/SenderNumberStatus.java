package io.tqc.relay.protection;

import java.time.Instant;

/**
 * What a {@link SenderNumberCheck} knows about one sender number: its state and which list (version,
 * time) says so. Immutable.
 */
public final class SenderNumberStatus {
  /** The states a sender number can be in. */
  public enum State {
    /** In service and not reported. */
    VALID,
    /** Terminated (해지) by its subscriber. */
    TERMINATED,
    /** Suspended (일시정지). */
    SUSPENDED,
    /** Never assigned to a subscriber (미할당). */
    UNASSIGNED,
    /** On KISA's stolen-number list (번호도용). */
    STOLEN
  }

  private static final SenderNumberStatus VALID_UNLISTED = new SenderNumberStatus(State.VALID, null, null);

  private final State state;
  private final String listVersion;
  private final Instant listTime;

  private SenderNumberStatus(State state, String listVersion, Instant listTime) {
    this.state = state;
    this.listVersion = listVersion;
    this.listTime = listTime;
  }

  /** A number on no list. */
  public static SenderNumberStatus valid() {
    return VALID_UNLISTED;
  }

  /**
   * A number in {@code state} according to the list of {@code listVersion} published at {@code listTime}.
   */
  public static SenderNumberStatus of(State state, String listVersion, Instant listTime) {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
    return new SenderNumberStatus(state, listVersion, listTime);
  }

  /** The state. */
  public State state() {
    return state;
  }

  /** The version of the list that says so, or null. */
  public String listVersion() {
    return listVersion;
  }

  /** When that list was published, or null. */
  public Instant listTime() {
    return listTime;
  }

  /** True unless the number is terminated, suspended, unassigned or stolen. */
  public boolean isValid() {
    return state == State.VALID;
  }

  @Override
  public String toString() {
    return "SenderNumberStatus{" + state + (listVersion != null ? ", list " + listVersion + " of " + listTime : "") + "}";
  }
}
