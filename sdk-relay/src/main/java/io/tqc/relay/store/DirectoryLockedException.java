package io.tqc.relay.store;

import java.io.IOException;

/**
 * A relay data directory is already in use by another relay (another process, or another store in
 * this JVM). Not retryable as such: stop the other relay or use another directory. The message is one
 * line naming the lock file and its holder.
 */
public final class DirectoryLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  DirectoryLockedException(String message) {
    super(message);
  }
}
