package io.tqc.relay.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Base64Url;
import io.tqc.api.internal.CompactJws;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.RefusedBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent refused batches of each reseller, in this node's memory: a ring of the last
 * {@link #PER_RESELLER} per reseller, for at most {@link #RESELLERS} resellers (Caffeine's size
 * eviction drops the least recently refused). Recording takes no lock: a slot index from an atomic
 * counter, then one array write of an immutable entry. Only refusals that came with a token this
 * relay verified are recorded (an unverified token names no one: a forged one must not fill a
 * reseller's list). Worst case about 200 bytes an entry, so at most ~100 MB when every ring of
 * 10,000 resellers is full, typically far less.
 */
public final class RecentRefusals {
  /** Refusals kept per reseller. */
  public static final int PER_RESELLER = 50;
  /** Resellers kept. */
  public static final int RESELLERS = 10_000;

  private final Cache<ResellerId, Ring> rings;
  private final int perReseller;

  /** The default bounds. */
  public RecentRefusals() {
    this(PER_RESELLER, RESELLERS);
  }

  /** At most {@code perReseller} refusals for each of at most {@code resellers} resellers. */
  public RecentRefusals(int perReseller, int resellers) {
    if (perReseller < 1 || resellers < 1) {
      throw new IllegalArgumentException("perReseller and resellers must be >= 1");
    }
    this.perReseller = perReseller;
    // Evictions run on the recording thread (amortised, never blocking a reader), not a pool.
    this.rings = Caffeine.newBuilder().maximumSize(resellers).executor(Runnable::run).build();
  }

  /** Records a refusal of a batch sent with {@code reseller}'s verified token and {@code proof} (may be null). */
  public void record(ResellerId reseller, String proof, ReasonCode reason, Instant at) {
    RefusedBatch.Builder entry = new RefusedBatch.Builder().resellerId(reseller).reason(reason)
        .refusedAt(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)); // as precise as the audit's times
    readProof(proof, entry);
    Ring ring = rings.getIfPresent(reseller);
    if (ring == null) {
      ring = rings.get(reseller, k -> new Ring(perReseller));
    }
    ring.add(entry.build());
  }

  /** The reseller's remembered refusals, newest first (at most {@code limit}). */
  public List<RefusedBatch> recent(ResellerId reseller, int limit) {
    Ring ring = rings.getIfPresent(reseller);
    return ring == null ? Collections.<RefusedBatch>emptyList() : ring.newestFirst(limit);
  }

  /** How many resellers have a ring now (after pending evictions). */
  public long resellers() {
    rings.cleanUp();
    return rings.estimatedSize();
  }

  /** The batch id and message count the proof declares, if it reads as a proof (its signature unchecked). */
  private static void readProof(String proof, RefusedBatch.Builder entry) {
    if (proof == null || proof.isEmpty() || proof.length() > BatchProof.MAX_LENGTH) {
      return;
    }
    try {
      JsonObject claims = CompactJws.parse(proof, BatchProof.MAX_LENGTH).payload();
      String jti = claims.optString("jti");
      if (jti != null && Base64Url.isAlphabet(jti, 22, 128)) {
        entry.batchId(jti);
      }
      entry.messageCount((int) claims.integer("n", 1, BatchProof.MAX_MESSAGES));
    } catch (JsonException | RuntimeException e) {
      // unreadable: the refusal is kept without them
    }
  }

  /** A fixed ring; concurrent adds each take their own slot. */
  private static final class Ring {
    private final AtomicReferenceArray<Entry> slots;
    private final AtomicLong next = new AtomicLong();

    Ring(int size) {
      slots = new AtomicReferenceArray<>(size);
    }

    void add(RefusedBatch refusal) {
      long seq = next.getAndIncrement();
      slots.set((int) (seq % slots.length()), new Entry(seq, refusal));
    }

    List<RefusedBatch> newestFirst(int limit) {
      List<Entry> entries = new ArrayList<>(slots.length());
      for (int i = 0; i < slots.length(); i++) {
        Entry e = slots.get(i);
        if (e != null) {
          entries.add(e);
        }
      }
      Collections.sort(entries, (a, b) -> Long.compare(b.seq, a.seq));
      List<RefusedBatch> out = new ArrayList<>(Math.min(limit, entries.size()));
      for (int i = 0; i < entries.size() && i < limit; i++) {
        out.add(entries.get(i).refusal);
      }
      return out;
    }
  }

  private static final class Entry {
    final long seq;
    final RefusedBatch refusal;

    Entry(long seq, RefusedBatch refusal) {
      this.seq = seq;
      this.refusal = refusal;
    }
  }
}
