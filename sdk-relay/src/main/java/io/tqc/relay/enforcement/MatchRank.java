package io.tqc.relay.enforcement;

/** How well an audited message matches a spam report. */
public enum MatchRank {
  /** Same recipient and same normalised text, accepted within the exact window. */
  EXACT,
  /** Same recipient and same sender number, accepted within the (narrower) probable window; text differs or was not comparable. */
  PROBABLE,
  /** Nothing audited matches. */
  NONE
}
