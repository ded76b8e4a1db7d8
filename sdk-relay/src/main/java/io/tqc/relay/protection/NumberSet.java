package io.tqc.relay.protection;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable set of telephone numbers of 8 to 12 digits, each packed in a long (its length and
 * its value, so leading zeros count) in one sorted array: 8 bytes a number, looked up by binary
 * search without a lock. 20 million numbers take 160 MB, where a set of strings would take about
 * 2 GB.
 */
final class NumberSet {
  static final int MIN_DIGITS = 8;
  static final int MAX_DIGITS = 12;
  private static final long SCALE = 1_000_000_000_000L;
  static final NumberSet EMPTY = new NumberSet(new long[0]);

  private final long[] sorted;

  private NumberSet(long[] sorted) {
    this.sorted = sorted;
  }

  /** The packed form of {@code digits}, or 0 if it is not 8-12 ASCII digits. */
  static long pack(String digits) {
    int length = digits.length();
    if (length < MIN_DIGITS || length > MAX_DIGITS) {
      return 0;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      value = value * 10 + (c - '0');
    }
    return length * SCALE + value;
  }

  static String unpack(long packed) {
    int length = (int) (packed / SCALE);
    long value = packed % SCALE;
    char[] out = new char[length];
    for (int i = length - 1; i >= 0; i--) {
      out[i] = (char) ('0' + (value % 10));
      value /= 10;
    }
    return new String(out);
  }

  boolean contains(String digits) {
    long packed = pack(digits);
    return packed != 0 && Arrays.binarySearch(sorted, packed) >= 0;
  }

  int size() {
    return sorted.length;
  }

  /** The numbers as digit strings, made one at a time (nothing is copied). */
  Iterable<String> digits() {
    return () -> new Iterator<String>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < sorted.length;
      }

      @Override
      public String next() {
        if (next >= sorted.length) {
          throw new NoSuchElementException();
        }
        return unpack(sorted[next++]);
      }
    };
  }

  /** Collects numbers (duplicates allowed) into a {@link NumberSet}. Not thread-safe. */
  static final class Builder {
    private long[] buffer = new long[1024];
    private int size;
    private final int max;

    /** At most {@code max} distinct numbers. */
    Builder(int max) {
      this.max = max;
    }

    /**
     * Adds {@code digits}; false if it is not 8-12 digits.
     *
     * @throws IllegalArgumentException once there are more than {@code max} distinct numbers
     */
    boolean add(String digits) {
      long packed = pack(digits);
      if (packed == 0) {
        return false;
      }
      if (size == buffer.length) {
        if (size > max) {
          compact();
          if (size > max) {
            throw new IllegalArgumentException("a list holds at most " + max + " numbers");
          }
        }
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L));
        }
      }
      buffer[size++] = packed;
      return true;
    }

    private void compact() {
      Arrays.sort(buffer, 0, size);
      int distinct = 0;
      for (int i = 0; i < size; i++) {
        if (distinct == 0 || buffer[distinct - 1] != buffer[i]) {
          buffer[distinct++] = buffer[i];
        }
      }
      size = distinct;
    }

    NumberSet build() {
      compact();
      if (size > max) {
        throw new IllegalArgumentException("a list holds at most " + max + " numbers");
      }
      long[] sorted = Arrays.copyOf(buffer, size);
      buffer = null;
      return new NumberSet(sorted);
    }
  }
}
