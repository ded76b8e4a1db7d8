package io.tqc.relay.internal;

import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.key.VerificationKey;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.StoredSigningKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The relay's signing keys: exactly one active key signs; retired keys stay in the published key
 * set until their {@code removeAfter} (by then every token and status they signed has expired).
 * Changes are saved to the {@link SigningKeyStore} before they take effect. Reads are lock-free
 * (one volatile snapshot); changes are synchronized.
 */
public final class KeyRing {
  private final SigningKeyStore store;
  private volatile Snapshot snapshot;

  /** An immutable view: all keys, the active one and the public key set. */
  public static final class Snapshot {
    final List<StoredSigningKey> keys;
    final SigningKey active;
    final KeySet publicKeys;

    Snapshot(List<StoredSigningKey> keys, Instant now) {
      this.keys = Collections.unmodifiableList(new ArrayList<>(keys));
      StoredSigningKey signer = null;
      List<VerificationKey> publics = new ArrayList<>();
      for (StoredSigningKey key : keys) {
        publics.add(key.key().verificationKey());
        // Signs now: created (activated) by now and not yet retired. A key created in the future is
        // published only; its predecessor's retirement is set to the same instant.
        boolean signing = !key.createdAt().isAfter(now) && (key.retiredAt() == null || key.retiredAt().isAfter(now));
        if (signing && (signer == null || key.createdAt().isAfter(signer.createdAt()))) {
          signer = key;
        }
      }
      if (signer == null) {
        // Every key is dated after this node's clock (another node's clock runs ahead): sign with the
        // earliest one rather than not at all; it is published like the others.
        for (StoredSigningKey key : keys) {
          if (signer == null || key.createdAt().isBefore(signer.createdAt())) {
            signer = key;
          }
        }
      }
      if (signer == null) {
        throw new IllegalStateException("no signing key");
      }
      this.active = signer.key();
      this.publicKeys = KeySet.of(publics);
    }

    /** The key that signs. */
    public SigningKey active() {
      return active;
    }

    /** The published key set (active and retained retired keys). */
    public KeySet publicKeys() {
      return publicKeys;
    }

    /** All stored keys, oldest first. */
    public List<StoredSigningKey> keys() {
      return keys;
    }
  }

  private KeyRing(SigningKeyStore store, Snapshot snapshot) {
    this.store = store;
    this.snapshot = snapshot;
  }

  /** Loads the keys, creating and saving a first key if the store is empty, and drops expired ones. */
  public static KeyRing open(SigningKeyStore store, Instant now) throws IOException {
    List<StoredSigningKey> keys = store.load();
    if (!hasActive(keys)) {
      // Through update(): nodes of a fleet starting together create one first key, not one each.
      keys = store.update(current -> {
        if (hasActive(current)) {
          return current;
        }
        List<StoredSigningKey> next = new ArrayList<>(current);
        next.add(new StoredSigningKey(SigningKey.generate(), now, null, null));
        return next;
      });
    }
    KeyRing ring = new KeyRing(store, new Snapshot(keys, now));
    ring.prune(now);
    return ring;
  }

  private static boolean hasActive(List<StoredSigningKey> keys) {
    for (StoredSigningKey key : keys) {
      if (key.active()) {
        return true;
      }
    }
    return false;
  }

  /** The current view. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** {@link #rotate(Instant, Duration, Duration)} without an activation delay. */
  public SigningKey rotate(Instant now, Duration retention) throws IOException {
    return rotate(now, retention, Duration.ZERO);
  }

  /**
   * Adds a new key that signs from {@code now + activationDelay} on (published at once) and retires
   * the current one at that instant, keeping it published for {@code retention} after. Works on the
   * stored keys (not this node's copy) through {@link SigningKeyStore#update}, so nodes sharing a
   * store never lose each other's rotations. Returns the new key.
   */
  public synchronized SigningKey rotate(final Instant now, final Duration retention, final Duration activationDelay)
      throws IOException {
    final Instant activation = now.plus(activationDelay);
    final SigningKey fresh = SigningKey.generate();
    final int[] retained = new int[1];
    List<StoredSigningKey> saved = store.update(current -> {
      List<StoredSigningKey> next = new ArrayList<>();
      for (StoredSigningKey key : current) {
        if (key.removeAfter() != null && !key.removeAfter().isAfter(now)) {
          continue;
        }
        next.add(key.active() ? key.retire(activation, activation.plus(retention)) : key);
      }
      retained[0] = next.size();
      if (next.size() >= KeySet.MAX_KEYS) {
        return current;
      }
      next.add(new StoredSigningKey(fresh, activation, null, null));
      new Snapshot(next, now); // validates before anything is saved
      return next;
    });
    if (retained[0] >= KeySet.MAX_KEYS) {
      throw new IOException("too many retained signing keys (" + retained[0] + "); wait for older ones to expire");
    }
    snapshot = new Snapshot(saved, now);
    return fresh;
  }

  /** Drops retired keys past their {@code removeAfter}; returns true if the key set changed. */
  public synchronized boolean prune(final Instant now) throws IOException {
    boolean due = false;
    for (StoredSigningKey key : snapshot.keys) {
      due |= key.removeAfter() != null && !key.removeAfter().isAfter(now);
    }
    if (!due) {
      return refresh(now);
    }
    List<StoredSigningKey> saved = store.update(current -> {
      List<StoredSigningKey> next = new ArrayList<>();
      for (StoredSigningKey key : current) {
        if (key.removeAfter() == null || key.removeAfter().isAfter(now)) {
          next.add(key);
        }
      }
      return next;
    });
    return install(saved, now);
  }

  /**
   * Reloads the stored keys (another node may have rotated them) and installs them if they, or the
   * key that signs at {@code now}, differ; returns true if anything changed.
   */
  public synchronized boolean refresh(Instant now) throws IOException {
    return install(store.load(), now);
  }

  private boolean install(List<StoredSigningKey> keys, Instant now) {
    Snapshot next = new Snapshot(keys, now);
    if (sameKeys(keys, snapshot.keys) && next.active.keyId().equals(snapshot.active.keyId())) {
      return false;
    }
    snapshot = next;
    return true;
  }

  private static boolean sameKeys(List<StoredSigningKey> a, List<StoredSigningKey> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      StoredSigningKey x = a.get(i);
      StoredSigningKey y = b.get(i);
      if (!x.key().keyId().equals(y.key().keyId()) || !java.util.Objects.equals(x.retiredAt(), y.retiredAt())
          || !java.util.Objects.equals(x.removeAfter(), y.removeAfter())) {
        return false;
      }
    }
    return true;
  }
}
