package io.tqc.examples.console;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the console counts failed logins per account name and per client address. The default
 * counts in this node's memory; a fleet shares the counts in its database ({@link
 * JdbcConsoleSessionStore} implements this too and is used for it when it is the session store), so
 * the limits hold across nodes behind a balancer. Keys are digests, never a typed name. An {@link
 * IOException} means the store could not be reached: the console then refuses the login ({@code
 * relay_unavailable}), failing closed.
 */
public interface LoginFailureStore {
  /** The failures of {@code key} in its window running at {@code now}, or {@code null} if none runs. */
  Failures find(String key, Instant now) throws IOException;

  /**
   * Counts one failure of {@code key}: in its running window, or in a new one of {@code window} from
   * {@code now} if none runs. Returns the count and window after it.
   */
  Failures increment(String key, Instant now, Duration window) throws IOException;

  /** Forgets the failures of {@code key} (a successful login). */
  void clear(String key) throws IOException;

  /**
   * A new in-memory store tracking at most {@code maxKeys} keys; when full (after dropping ended
   * windows) a new key counts as over its limit until a window ends, failing closed.
   */
  static LoginFailureStore inMemory(int maxKeys) {
    return new InMemoryLoginFailureStore(maxKeys);
  }

  /** Failures counted in one window. Immutable. */
  final class Failures {
    private final int count;
    private final Instant windowEnd;

    /** {@code count} failures in the window ending at {@code windowEnd}. */
    public Failures(int count, Instant windowEnd) {
      if (count < 0 || windowEnd == null) {
        throw new IllegalArgumentException("count must be >= 0 and windowEnd given");
      }
      this.count = count;
      this.windowEnd = windowEnd;
    }

    /** Failures in the window ({@link Integer#MAX_VALUE} when a full store refuses new keys). */
    public int count() {
      return count;
    }

    /** When the window ends (and the key may try again). */
    public Instant windowEnd() {
      return windowEnd;
    }
  }
}
