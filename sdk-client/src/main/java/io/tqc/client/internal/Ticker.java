package io.tqc.client.internal;

/**
 * A monotonic time source in nanoseconds, like {@link System#nanoTime()}: only differences are
 * meaningful. Token and status deadlines are measured on it so that a wall clock that jumps cannot
 * stretch them. Tests substitute a ticker they advance by hand.
 */
public interface Ticker {
  /** The system ticker, {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** The current reading in nanoseconds. */
  long read();
}
