package io.tqc.relay.store;

import java.io.IOException;

/**
 * A write lost a race against another writer (possibly on another relay node): the reseller's stored
 * sequence is not the one the change was built on, or a unique value (reseller id, certification id,
 * status-list index) is taken. Nothing was written; re-read the stored row and decide again.
 */
public final class StoreConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A conflict described by {@code message} (no secrets). */
  public StoreConflictException(String message) {
    super(message);
  }
}
