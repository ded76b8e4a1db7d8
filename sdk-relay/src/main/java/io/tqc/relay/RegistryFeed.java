package io.tqc.relay;

import io.tqc.relay.internal.InProcessRegistryFeed;
import java.io.Closeable;
import java.io.IOException;

/**
 * Carries registry changes (status, keys, new resellers) from the node where an operator made them
 * to every node that verifies batches, so each node's in-memory view (which the batch verifier
 * reads without touching the database) stays current.
 *
 * <p>The relay {@linkplain #publish publishes} a reseller's new record after it is durable and
 * before it acknowledges the change; every node {@linkplain #subscribe subscribes} and applies
 * records whose {@link Reseller#sequence()} is newer than the one it holds (so duplicates and
 * reordering are harmless). Node memory only refuses early: "suspension acknowledged, no batch
 * accepted afterwards" holds across nodes because the shared {@link io.tqc.relay.store.RelayStore}
 * fences the audit commit (it stores a record only while the certification is ACTIVE in the store),
 * so a shared feed (for example {@code PostgresRegistryFeed} on LISTEN/NOTIFY) may deliver
 * asynchronously, at least once, per reseller in sequence order, and must say through
 * {@link #isCurrent()} when it cannot vouch for its view. The default is
 * {@linkplain #inProcess() in-process} (one node).
 */
public interface RegistryFeed extends Closeable {
  /** Receives changes published by any node, including this one. */
  interface Listener {
    /** Applies a reseller's record after a change; must be idempotent. */
    void onChange(Reseller changed);

    /**
     * Applies a reseller's record after a change, with the time the change was recorded on the node
     * that made it (the time of its history entry, on that node's clock), so the relay can measure
     * the feed's lag ({@link RelayStats#registryFeedLag()}). A shared feed that knows the time calls
     * this one; the default calls {@link #onChange(Reseller)}.
     *
     * @param recordedAt when the change was recorded, or {@code null} if unknown
     */
    default void onChange(Reseller changed, java.time.Instant recordedAt) {
      onChange(changed);
    }
  }

  /**
   * Publishes a durable change to every subscriber.
   *
   * @throws IOException if the change could not be delivered (the relay then reports the change
   *     as failed to the operator although it is durable; retrying is safe)
   */
  void publish(Reseller changed) throws IOException;

  /** Subscribes {@code listener} to every change published from now on. */
  Subscription subscribe(Listener listener);

  /**
   * True while this node's view is known to be current: a shared feed answers false once it has not
   * confirmed its connection for longer than its staleness bound (and until it has caught up after
   * reconnecting). A node whose feed is not current stops signing ACTIVE statuses (clients then fail
   * closed, as designed) and reports itself unhealthy. The in-process feed is always current.
   */
  default boolean isCurrent() {
    return true;
  }

  /** Releases resources; publishing afterwards fails. */
  @Override
  void close();

  /** The in-process default: synchronous delivery to the subscribers of this JVM. */
  static RegistryFeed inProcess() {
    return new InProcessRegistryFeed();
  }
}
