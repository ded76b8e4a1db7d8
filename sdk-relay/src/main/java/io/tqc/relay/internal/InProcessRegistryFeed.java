package io.tqc.relay.internal;

import io.tqc.relay.Reseller;
import io.tqc.relay.RegistryFeed;
import io.tqc.relay.Subscription;
import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process {@link RegistryFeed}: delivers each change synchronously to this JVM's subscribers. */
public final class InProcessRegistryFeed implements RegistryFeed {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessRegistryFeed.class);
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void publish(Reseller changed) throws IOException {
    if (closed) {
      throw new IOException("status feed is closed");
    }
    for (Listener listener : listeners) {
      try {
        listener.onChange(changed);
      } catch (RuntimeException e) {
        LOG.warn("status feed listener failed on {}", changed, e);
      }
    }
  }

  @Override
  public Subscription subscribe(final Listener listener) {
    listeners.add(listener);
    return new Subscription() {
      @Override
      public void close() {
        listeners.remove(listener);
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    listeners.clear();
  }
}
