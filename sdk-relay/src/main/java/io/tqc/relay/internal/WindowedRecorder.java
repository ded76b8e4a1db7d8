package io.tqc.relay.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Records non-negative values (durations in nanoseconds, group sizes) for statistics: totals since
 * creation and count, sum and maximum over a recent window. The window is a ring of time buckets
 * ({@link #BUCKETS} of {@code window / BUCKETS} each); {@link #record} takes no lock, does no I/O and
 * allocates nothing (a bucket is replaced once per bucket interval, not per value). Contended
 * recording stays cheap: counts and sums are {@link LongAdder}s, and the maximum is a compare-and-set
 * only when a value exceeds it. A value is missing from the window (never from the totals) only if
 * its thread stalled between reading the time and recording for longer than the window.
 */
public final class WindowedRecorder {
  /** Buckets in the window; the window covers the current bucket and the {@code BUCKETS - 1} before it. */
  public static final int BUCKETS = 6;
  /** The default window: one minute. */
  public static final long DEFAULT_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier ticker;
  private final long bucketNanos;
  private final LongAdder totalCount = new LongAdder();
  private final LongAdder totalSum = new LongAdder();
  private final AtomicReferenceArray<Bucket> ring = new AtomicReferenceArray<>(BUCKETS);

  private static final class Bucket {
    final long epoch;
    final LongAdder count = new LongAdder();
    final LongAdder sum = new LongAdder();
    final AtomicLong max = new AtomicLong();

    Bucket(long epoch) {
      this.epoch = epoch;
    }
  }

  /** A recorder over the default window, on {@link System#nanoTime()}. */
  public WindowedRecorder() {
    this(DEFAULT_WINDOW_NANOS, System::nanoTime);
  }

  /** A recorder over {@code windowNanos} (at least {@link #BUCKETS} ns), reading time from {@code ticker}. */
  public WindowedRecorder(long windowNanos, LongSupplier ticker) {
    if (windowNanos < BUCKETS || ticker == null) {
      throw new IllegalArgumentException("a window of at least " + BUCKETS + " ns and a ticker are required");
    }
    this.ticker = ticker;
    this.bucketNanos = windowNanos / BUCKETS;
    for (int i = 0; i < BUCKETS; i++) {
      ring.set(i, new Bucket(Long.MIN_VALUE));
    }
  }

  /** The current time of this recorder's ticker, to measure a duration with. */
  public long tick() {
    return ticker.getAsLong();
  }

  /** Records the time elapsed since {@code startTick} (a value of {@link #tick()}). */
  public void recordSince(long startTick) {
    record(ticker.getAsLong() - startTick);
  }

  /** Records {@code value}; a negative value (a ticker that went back) counts as 0. */
  public void record(long value) {
    long v = Math.max(0, value);
    totalCount.increment();
    totalSum.add(v);
    long epoch = Math.floorDiv(ticker.getAsLong(), bucketNanos);
    int slot = (int) Math.floorMod(epoch, (long) BUCKETS);
    Bucket bucket = ring.get(slot);
    if (bucket.epoch != epoch) {
      if (bucket.epoch > epoch) {
        return; // this thread was descheduled for a whole window: its value is outside the window
      }
      Bucket fresh = new Bucket(epoch);
      bucket = ring.compareAndSet(slot, bucket, fresh) ? fresh : ring.get(slot);
      if (bucket.epoch != epoch) {
        return;
      }
    }
    // The maximum first, then count and sum: a reader (count, sum, then maximum) never sees a value
    // in the sum that the maximum it reads afterwards does not cover.
    AtomicLong max = bucket.max;
    long current;
    while (v > (current = max.get()) && !max.compareAndSet(current, v)) {
      // retry: another thread raised the maximum meanwhile
    }
    bucket.count.increment();
    bucket.sum.add(v);
  }

  /** Values recorded since creation. */
  public long totalCount() {
    return totalCount.sum();
  }

  /** The sum of the values recorded since creation. */
  public long totalSum() {
    return totalSum.sum();
  }

  /** The window's length in ticker units. */
  public long windowNanos() {
    return bucketNanos * BUCKETS;
  }

  /** Count, sum and maximum of the values recorded within the window ending now. */
  public Window window() {
    long epoch = Math.floorDiv(ticker.getAsLong(), bucketNanos);
    long count = 0;
    long sum = 0;
    long max = 0;
    for (int i = 0; i < BUCKETS; i++) {
      Bucket bucket = ring.get(i);
      if (bucket.epoch <= epoch && bucket.epoch > epoch - BUCKETS) {
        count += bucket.count.sum();
        sum += bucket.sum.sum();
        max = Math.max(max, bucket.max.get());
      }
    }
    return new Window(count, sum, max);
  }

  /** What the window held when read. */
  public static final class Window {
    /** Values recorded in the window. */
    public final long count;
    /** Their sum. */
    public final long sum;
    /** The largest, or 0 when none. */
    public final long max;

    Window(long count, long sum, long max) {
      this.count = count;
      this.sum = sum;
      this.max = max;
    }

    /** The mean, or 0 when none. */
    public double mean() {
      return count == 0 ? 0 : (double) sum / count;
    }
  }
}
