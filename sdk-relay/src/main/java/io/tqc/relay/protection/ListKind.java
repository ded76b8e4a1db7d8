package io.tqc.relay.protection;

/**
 * Which imported protection list a {@link ProtectionListStore} version belongs to: one of the four
 * sender-number lists ({@link SenderNumberLists}) or the smishing URL blocklist ({@link UrlBlocklist}).
 * Each kind has exactly one version in force, replaced as a whole by the next import.
 */
public enum ListKind {
  /** Terminated (해지) sender numbers. */
  TERMINATED,
  /** Suspended (이용정지) sender numbers. */
  SUSPENDED,
  /** Unassigned (미부여) sender numbers. */
  UNASSIGNED,
  /** KISA's stolen-number (번호도용) list. */
  STOLEN,
  /** Smishing domains and URLs ({@code url_blocked}). */
  URL_BLOCKLIST;

  /** The kind holding the sender-number list of {@code state}. */
  public static ListKind of(SenderNumberStatus.State state) {
    if (state == null || state == SenderNumberStatus.State.VALID) {
      throw new IllegalArgumentException("state must be TERMINATED, SUSPENDED, UNASSIGNED or STOLEN");
    }
    return valueOf(state.name());
  }

  /** The sender-number state this kind lists; null for {@link #URL_BLOCKLIST}. */
  public SenderNumberStatus.State state() {
    return this == URL_BLOCKLIST ? null : SenderNumberStatus.State.valueOf(name());
  }
}
