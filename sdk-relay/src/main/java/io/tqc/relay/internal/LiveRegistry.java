package io.tqc.relay.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Reseller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-memory view of the registry that the batch path and the issuer read: one immutable
 * {@link Entry} per reseller behind an atomic reference. Readers never lock and never touch the
 * database.
 *
 * <p><b>Acceptance gate.</b> A batch is accepted inside {@link #enter}/{@link #exit}: it registers
 * itself as in flight on the current entry, re-checks that the entry is still current and
 * acceptable, writes its audit record and leaves. Every replacement of an entry (all of which are
 * serialized here) swaps the reference first and then waits until no batch is in flight on the old
 * entry. Because registering and re-checking, like swapping and waiting, are sequentially
 * consistent atomic operations, either the batch sees the new entry or the swapper sees the batch.
 * So once a restricting swap returns, every batch that will ever be accepted on an ACTIVE entry has
 * already been recorded: that is the linearization point that makes "suspension acknowledged, then
 * zero batches accepted" hold.
 */
public final class LiveRegistry {
  private final ConcurrentHashMap<ResellerId, AtomicReference<Entry>> entries = new ConcurrentHashMap<>();
  /** One more than the highest status-list index of any record seen (guarded by {@code this}). */
  private int nextIndex;

  /** One reseller's current record, an optional pending restriction and its in-flight counter. */
  public static final class Entry {
    private final Reseller reseller;
    private final CertificationStatus pending;
    private final AtomicInteger inFlight = new AtomicInteger();

    Entry(Reseller reseller, CertificationStatus pending) {
      this.reseller = reseller;
      this.pending = pending;
    }

    /** The committed record. */
    public Reseller reseller() {
      return reseller;
    }

    /**
     * Why the certification cannot be used now ({@code certification_suspended} or
     * {@code certification_revoked}), counting a restriction being committed; {@code null} if ACTIVE.
     */
    public ReasonCode refusal() {
      CertificationStatus effective = pending != null ? pending : reseller.status();
      switch (effective) {
        case ACTIVE:
          return null;
        case SUSPENDED:
          return ReasonCode.CERTIFICATION_SUSPENDED;
        default:
          return ReasonCode.CERTIFICATION_REVOKED;
      }
    }
  }

  /** Loads the initial records. */
  public LiveRegistry(Collection<Reseller> resellers) {
    for (Reseller reseller : resellers) {
      entries.put(reseller.id(), new AtomicReference<>(new Entry(reseller, null)));
      noteIndex(reseller);
    }
  }

  private void noteIndex(Reseller reseller) {
    nextIndex = Math.max(nextIndex, reseller.statusListIndex() + 1);
  }

  /**
   * The status-list index a new registration should take: one more than the highest index of any
   * record this node has seen, kept as records arrive, so allocating costs the same at any registry
   * size. (The store's unique index settles a race with another node.)
   */
  public synchronized int nextStatusListIndex() {
    return nextIndex;
  }

  /** The current entry of {@code id}, or {@code null}. */
  public Entry entry(ResellerId id) {
    AtomicReference<Entry> ref = entries.get(id);
    return ref == null ? null : ref.get();
  }

  /** The current record of {@code id}, or {@code null}. */
  public Reseller get(ResellerId id) {
    Entry entry = entry(id);
    return entry == null ? null : entry.reseller;
  }

  /** Every current record. */
  public List<Reseller> all() {
    List<Reseller> out = new ArrayList<>(entries.size());
    for (AtomicReference<Entry> ref : entries.values()) {
      out.add(ref.get().reseller);
    }
    return out;
  }

  /** Number of resellers. */
  public int size() {
    return entries.size();
  }

  /** Adds a newly registered reseller; false if the id is taken. */
  public synchronized boolean add(Reseller reseller) {
    noteIndex(reseller);
    return entries.putIfAbsent(reseller.id(), new AtomicReference<>(new Entry(reseller, null))) == null;
  }

  /**
   * Marks {@code id} as becoming {@code target} (not ACTIVE) before the change is stored: from the
   * moment this returns, no batch or token for it is accepted, and none is still being accepted.
   */
  public synchronized void beginRestriction(ResellerId id, CertificationStatus target) {
    AtomicReference<Entry> ref = entries.get(id);
    swap(ref, new Entry(ref.get().reseller, target));
  }

  /** Withdraws a restriction begun by {@link #beginRestriction} (the change could not be stored). */
  public synchronized void cancelRestriction(ResellerId id) {
    AtomicReference<Entry> ref = entries.get(id);
    swap(ref, new Entry(ref.get().reseller, null));
  }

  /** Installs a change made on this node and now durable, clearing any pending restriction. */
  public synchronized void commit(Reseller updated) {
    AtomicReference<Entry> ref = entries.get(updated.id());
    if (ref == null) {
      add(updated);
      return;
    }
    if (updated.sequence() >= ref.get().reseller.sequence()) {
      noteIndex(updated);
      swap(ref, new Entry(updated, null));
    }
  }

  /**
   * Applies a change received from the status feed if it is newer than the current record; keeps a
   * pending local restriction. Returns true if it changed anything.
   */
  public synchronized boolean apply(Reseller changed) {
    AtomicReference<Entry> ref = entries.get(changed.id());
    if (ref == null) {
      return add(changed);
    }
    Entry current = ref.get();
    if (changed.sequence() <= current.reseller.sequence()) {
      return false;
    }
    noteIndex(changed);
    swap(ref, new Entry(changed, current.pending));
    return true;
  }

  private static void swap(AtomicReference<Entry> ref, Entry next) {
    Entry old = ref.getAndSet(next);
    while (old.inFlight.get() != 0) {
      LockSupport.parkNanos(20_000L);
    }
  }

  /**
   * Enters the acceptance gate of {@code id}: returns the current entry with this caller counted
   * in flight (the caller must check {@link Entry#refusal()} and always call {@link #exit}), or
   * {@code null} if the reseller is unknown.
   */
  public Entry enter(ResellerId id) {
    AtomicReference<Entry> ref = entries.get(id);
    if (ref == null) {
      return null;
    }
    while (true) {
      Entry entry = ref.get();
      entry.inFlight.incrementAndGet();
      if (ref.get() == entry) {
        return entry;
      }
      entry.inFlight.decrementAndGet();
    }
  }

  /** Leaves the acceptance gate entered with {@link #enter}. */
  public static void exit(Entry entry) {
    entry.inFlight.decrementAndGet();
  }
}
