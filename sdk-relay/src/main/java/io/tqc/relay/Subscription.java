package io.tqc.relay;

import java.io.Closeable;

/** A registration that stops when closed. Closing twice is harmless. */
public interface Subscription extends Closeable {
  /** Stops the subscription; never throws. */
  @Override
  void close();
}
