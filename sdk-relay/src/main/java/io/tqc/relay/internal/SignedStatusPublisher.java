package io.tqc.relay.internal;

import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.StatusListener;
import io.tqc.relay.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes signed statuses to subscribers from one publisher thread: the current status on
 * subscription, a new one whenever a change is announced, and one per heartbeat interval. Each push
 * signs the reseller's status as it is at that moment, and pushes run in order on one thread, so a
 * subscriber never receives an older sequence after a newer one. A listener that throws is dropped.
 */
public final class SignedStatusPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignedStatusPublisher.class);

  private final Function<ResellerId, SignedStatus> signer;
  private final ScheduledExecutorService executor;
  private final Map<ResellerId, CopyOnWriteArrayList<StatusListener>> listeners = new ConcurrentHashMap<>();

  /**
   * Starts the publisher.
   *
   * @param signer signs the current status of a reseller ({@code null} if it is unknown)
   */
  public SignedStatusPublisher(Function<ResellerId, SignedStatus> signer, Duration heartbeat) {
    this.signer = signer;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tqc-status-publisher");
      thread.setDaemon(true);
      return thread;
    });
    long millis = heartbeat.toMillis();
    executor.scheduleAtFixedRate(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Subscribes; the current status is pushed at once. */
  public Subscription subscribe(final ResellerId id, final StatusListener listener) {
    CopyOnWriteArrayList<StatusListener> list = listeners.get(id);
    if (list == null) {
      CopyOnWriteArrayList<StatusListener> created = new CopyOnWriteArrayList<>();
      list = listeners.putIfAbsent(id, created);
      if (list == null) {
        list = created;
      }
    }
    final CopyOnWriteArrayList<StatusListener> target = list;
    target.add(listener);
    submit(() -> {
      if (target.contains(listener)) {
        SignedStatus status;
        try {
          status = signer.apply(id);
        } catch (StaleViewException e) {
          return; // nothing to vouch for yet; the next heartbeat tries again
        }
        deliver(id, target, listener, status);
      }
    });
    return new Subscription() {
      @Override
      public void close() {
        target.remove(listener);
      }
    };
  }

  /** Announces that {@code id} changed: every subscriber gets the new signed status. */
  public void changed(final ResellerId id) {
    submit(() -> push(id));
  }

  /** Number of active subscriptions (all resellers). */
  public int subscriberCount() {
    int count = 0;
    for (CopyOnWriteArrayList<StatusListener> list : listeners.values()) {
      count += list.size();
    }
    return count;
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("status publisher closed; push dropped");
    }
  }

  private void heartbeat() {
    for (ResellerId id : listeners.keySet()) {
      push(id);
    }
  }

  private void push(ResellerId id) {
    CopyOnWriteArrayList<StatusListener> list = listeners.get(id);
    if (list == null || list.isEmpty()) {
      return;
    }
    SignedStatus status;
    try {
      status = signer.apply(id);
    } catch (StaleViewException e) {
      return; // this node's view is stale: sign nothing ACTIVE until it has caught up
    } catch (RuntimeException e) {
      LOG.error("signing the status of {} failed", id, e);
      return;
    }
    for (StatusListener listener : list) {
      deliver(id, list, listener, status);
    }
  }

  private static void deliver(ResellerId id, CopyOnWriteArrayList<StatusListener> list, StatusListener listener,
      SignedStatus status) {
    if (status == null) {
      list.remove(listener);
      return;
    }
    try {
      listener.onStatus(status);
    } catch (Exception e) {
      LOG.debug("status listener of {} dropped: {}", id, e.toString());
      list.remove(listener);
    }
  }

  /** Stops pushing; subscribers receive nothing more. */
  @Override
  public void close() {
    executor.shutdownNow();
    listeners.clear();
  }
}
