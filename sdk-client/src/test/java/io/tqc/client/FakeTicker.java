package io.tqc.client;

import io.tqc.client.internal.Ticker;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic ticker the test moves by hand. Every client deadline runs on the injected ticker
 * (token expiry and refresh backoff, status age, the status stream's reconnect backoff and the
 * poll while it is down), so a test holding this ticker still also holds those schedules still:
 * it moves the ticker for them to come due ({@link #advancingBy}), or it uses
 * {@link #runningWithSystemTime()} when it only needs jumps on top of time passing normally.
 */
final class FakeTicker implements Ticker {
  private final Ticker base;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

  /** A ticker that stands still until the test advances it. */
  FakeTicker() {
    this(() -> 0L);
  }

  private FakeTicker(Ticker base) {
    this.base = base;
  }

  /**
   * A ticker that moves with {@link Ticker#SYSTEM} and jumps forward when the test advances it
   * (a paused VM resuming, or a status left to age): the client's schedules run as with the real
   * ticker in between.
   */
  static FakeTicker runningWithSystemTime() {
    return new FakeTicker(Ticker.SYSTEM);
  }

  @Override
  public long read() {
    return base.read() + nanos.get();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /**
   * {@code condition} for an await that moves this ticker on by {@code step} each time it is
   * evaluated: what the client does on its own schedule (reconnects, polls) comes due while the
   * test waits, in steps the test chooses.
   */
  Callable<Boolean> advancingBy(Duration step, Callable<Boolean> condition) {
    return () -> {
      advance(step);
      return condition.call();
    };
  }
}
