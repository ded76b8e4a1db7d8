package io.tqc.relay.enforcement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The answer to a traceback: the matches, best first (every exact match before any probable one,
 * then the closest in time to the report), and the best rank ({@link MatchRank#NONE} when empty).
 */
public final class Traceback {
  private final List<TracebackMatch> matches;

  /** A traceback answer with {@code matches} already ranked. */
  public Traceback(List<TracebackMatch> matches) {
    this.matches = Collections.unmodifiableList(new ArrayList<>(matches));
  }

  /** The matches, best first (empty if none). */
  public List<TracebackMatch> matches() {
    return matches;
  }

  /** The rank of the best match, or {@link MatchRank#NONE}. */
  public MatchRank rank() {
    return matches.isEmpty() ? MatchRank.NONE : matches.get(0).rank();
  }

  /** The best match, or {@code null}. */
  public TracebackMatch best() {
    return matches.isEmpty() ? null : matches.get(0);
  }

  @Override
  public String toString() {
    return "Traceback{" + rank() + ", " + matches.size() + " matches}";
  }
}
