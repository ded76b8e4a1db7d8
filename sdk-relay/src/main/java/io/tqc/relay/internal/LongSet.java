package io.tqc.relay.internal;

import java.util.concurrent.locks.StampedLock;

/**
 * A compact concurrent set of non-zero 64-bit keys: 64 stripes of open-addressing tables, about 16
 * bytes a key at the worst load factor. Readers take no lock (an optimistic read, retried only if
 * a writer raced it); writers lock one stripe. For the suppression index: 10 million keys in about
 * 160 MiB.
 */
public final class LongSet {
  private static final int STRIPES = 64;

  private static final class Stripe {
    final StampedLock lock = new StampedLock();
    volatile long[] table = new long[64];
    int size;
  }

  private final Stripe[] stripes = new Stripe[STRIPES];

  /** An empty set. */
  public LongSet() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  private static long mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  private static Stripe stripe(Stripe[] stripes, long mixed) {
    return stripes[(int) (mixed >>> 58)];
  }

  /** True if {@code key} is in the set. Never blocks. */
  public boolean contains(long key) {
    long mixed = mix(key);
    Stripe s = stripe(stripes, mixed);
    long stamp = s.lock.tryOptimisticRead();
    boolean found = find(s.table, key, mixed);
    if (s.lock.validate(stamp)) {
      return found;
    }
    stamp = s.lock.readLock();
    try {
      return find(s.table, key, mixed);
    } finally {
      s.lock.unlockRead(stamp);
    }
  }

  private static boolean find(long[] table, long key, long mixed) {
    int mask = table.length - 1;
    for (int slot = (int) mixed & mask, probes = 0; probes < table.length; slot = (slot + 1) & mask, probes++) {
      long k = table[slot];
      if (k == key) {
        return true;
      }
      if (k == 0) {
        return false;
      }
    }
    return false;
  }

  /** Adds {@code key} (not 0); true if it was not there. */
  public boolean add(long key) {
    if (key == 0) {
      throw new IllegalArgumentException("0 is not a key");
    }
    long mixed = mix(key);
    Stripe s = stripe(stripes, mixed);
    long stamp = s.lock.writeLock();
    try {
      if (find(s.table, key, mixed)) {
        return false;
      }
      if ((s.size + 1) * 2 > s.table.length) {
        long[] bigger = new long[s.table.length * 2];
        for (long k : s.table) {
          if (k != 0) {
            insert(bigger, k, mix(k));
          }
        }
        s.table = bigger;
      }
      insert(s.table, key, mixed);
      s.size++;
      return true;
    } finally {
      s.lock.unlockWrite(stamp);
    }
  }

  private static void insert(long[] table, long key, long mixed) {
    int mask = table.length - 1;
    int slot = (int) mixed & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = key;
  }

  /** Removes {@code key}; true if it was there. */
  public boolean remove(long key) {
    long mixed = mix(key);
    Stripe s = stripe(stripes, mixed);
    long stamp = s.lock.writeLock();
    try {
      if (!find(s.table, key, mixed)) {
        return false;
      }
      // Rebuild the stripe without the key: removals (re-consent) are rare.
      long[] rebuilt = new long[s.table.length];
      for (long k : s.table) {
        if (k != 0 && k != key) {
          insert(rebuilt, k, mix(k));
        }
      }
      s.table = rebuilt;
      s.size--;
      return true;
    } finally {
      s.lock.unlockWrite(stamp);
    }
  }

  /** The number of keys. */
  public long size() {
    long total = 0;
    for (Stripe s : stripes) {
      long stamp = s.lock.readLock();
      try {
        total += s.size;
      } finally {
        s.lock.unlockRead(stamp);
      }
    }
    return total;
  }
}
