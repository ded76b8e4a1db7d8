package io.tqc.relay;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Digests;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.internal.LiveRegistry;
import io.tqc.relay.internal.SignedStatusPublisher;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.StoreConflictException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reseller registry's administration side: register resellers, suspend, reinstate and revoke
 * certifications, change registered keys, and read records and history. Obtained from
 * {@link Relay#registry()}; thread-safe (changes are serialized).
 *
 * <p>Every change is durable before its method returns, is appended to the reseller's history with
 * who, why and when, and is pushed at once to status subscribers and the {@link RegistryFeed}. A
 * suspension or revocation takes effect in memory <em>before</em> it is stored, and the method waits
 * until no batch is still being accepted for the reseller: once it returns, no batch or token is
 * accepted for that certification (unless it is reinstated). States: ACTIVE → SUSPENDED ⇄ ACTIVE;
 * any → REVOKED, which is terminal.
 *
 * <p>The store is the authority, also when several relay nodes share it: a change reads the stored
 * record, validates the transition against it (not against this node's memory) and writes with a
 * compare-and-set on its sequence, retrying on a lost race; status-list indexes that another node
 * took are skipped. A store that cannot be reached is {@code relay_unavailable} (the change did not
 * happen; retry).
 */
public final class Registry {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

  private final Clock clock;
  private final Duration defaultValidity;
  private final RelayStore store;
  private final LiveRegistry live;
  private final SignedStatusPublisher publisher;
  private final RegistryFeed feed;
  private final Object changeLock = new Object();
  private static final int MAX_ATTEMPTS = 5;

  Registry(RelayConfig config, RelayStore store, LiveRegistry live, SignedStatusPublisher publisher, RegistryFeed feed) {
    this.clock = config.clock();
    this.defaultValidity = config.defaultCertificationValidity();
    this.store = store;
    this.live = live;
    this.publisher = publisher;
    this.feed = feed;
  }

  /**
   * Registers and certifies a reseller: assigns a certification id and a status-list index, status
   * ACTIVE, sequence 1.
   *
   * @param actor who registers it (recorded in the history)
   * @throws RelayException {@code request_invalid} if the reseller exists, the certification end is
   *     not in the future or the actor is missing; {@code relay_unavailable} if it could not be stored
   */
  public Reseller register(Registration registration, String actor) throws RelayException {
    requireActor(actor);
    synchronized (changeLock) {
      ResellerId id = registration.id();
      if (live.get(id) != null) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "reseller " + id + " is already registered");
      }
      Instant now = clock.instant();
      Instant certEnd = registration.certificationExpiresAt() != null
          ? registration.certificationExpiresAt() : now.plus(defaultValidity);
      if (!certEnd.isAfter(now)) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "certification end " + certEnd + " is not in the future");
      }
      if (!CertificationClaims.isRepresentableTime(certEnd)) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "certification end " + certEnd + " is after "
            + CertificationClaims.LATEST_TIME + ", the latest time a token can carry");
      }
      for (int attempt = 1; ; attempt++) {
        int index = live.nextStatusListIndex();
        try {
          return insertNew(registration, actor, now, certEnd, index);
        } catch (StoreConflictException e) {
          Reseller stored = read(id);
          if (stored != null) {
            live.apply(stored);
            throw new RelayException(ReasonCode.REQUEST_INVALID, "reseller " + id + " is already registered");
          }
          if (attempt == MAX_ATTEMPTS) {
            throw storeFailure(e);
          }
          // Another node took the index: learn every stored record, then allocate again.
          try {
            for (Reseller other : store.loadResellers()) {
              live.apply(other);
            }
          } catch (IOException reload) {
            throw storeFailure(reload);
          }
        }
      }
    }
  }

  private Reseller insertNew(Registration registration, String actor, Instant now, Instant certEnd, int index)
      throws RelayException, StoreConflictException {
    ResellerId id = registration.id();
    Reseller reseller = new Reseller.Builder()
        .id(id)
        .name(registration.name())
        .keys(registration.keys())
        .senderNumbers(registration.senderNumbers())
        .scope(registration.scope())
        .originCode(registration.originCode())
        .certificationId("cert-" + Digests.randomId())
        .certificationExpiresAt(certEnd)
        .statusListIndex(index)
        .status(CertificationStatus.ACTIVE)
        .statusReason(registration.reason())
        .sequence(1)
        .registeredAt(now)
        .build();
    HistoryEntry change = new HistoryEntry(id, 1, HistoryEntry.Kind.REGISTERED, CertificationStatus.ACTIVE,
        registration.reason(), actor, now);
    try {
      store.insertReseller(reseller, change);
    } catch (StoreConflictException e) {
      throw e;
    } catch (IOException e) {
      throw storeFailure(e);
    }
    live.commit(reseller);
    announce(reseller);
    return reseller;
  }

  /** Suspends an ACTIVE certification; see {@link #changeStatus}. */
  public Reseller suspend(ResellerId id, String reason, String actor) throws RelayException {
    return changeStatus(id, CertificationStatus.SUSPENDED, reason, actor);
  }

  /** Reinstates a SUSPENDED certification; see {@link #changeStatus}. */
  public Reseller reinstate(ResellerId id, String reason, String actor) throws RelayException {
    return changeStatus(id, CertificationStatus.ACTIVE, reason, actor);
  }

  /** Revokes a certification for good; see {@link #changeStatus}. */
  public Reseller revoke(ResellerId id, String reason, String actor) throws RelayException {
    return changeStatus(id, CertificationStatus.REVOKED, reason, actor);
  }

  /**
   * Moves a certification to {@code target}. When this returns the change is durable, recorded in
   * the history and in force: after a suspension or revocation no batch is accepted and no token
   * issued for the certification.
   *
   * @param reason why (optional, at most 256 characters; shown in signed statuses)
   * @param actor who (1-256 characters)
   * @throws RelayException {@code reseller_unknown}; {@code transition_not_allowed} (for example
   *     reinstating a revoked certification, or suspending a suspended one); {@code request_invalid}
   *     for a bad reason or actor; {@code relay_unavailable} if the change could not be stored (it then
   *     did not happen)
   */
  public Reseller changeStatus(ResellerId id, CertificationStatus target, String reason, String actor)
      throws RelayException {
    requireActor(actor);
    requireReason(reason);
    synchronized (changeLock) {
      for (int attempt = 1; ; attempt++) {
        Reseller current = requireStored(id);
        if (!current.status().canBecome(target)) {
          throw new RelayException(ReasonCode.TRANSITION_NOT_ALLOWED,
              "a " + current.status() + " certification cannot become " + target);
        }
        boolean restricting = target != CertificationStatus.ACTIVE;
        if (restricting) {
          live.beginRestriction(id, target);
        }
        Instant at = clock.instant();
        Reseller updated = current.newBuilder().status(target).statusReason(reason)
            .sequence(current.sequence() + 1).build();
        HistoryEntry change = new HistoryEntry(id, updated.sequence(), kindOf(target), target, reason, actor, at);
        try {
          store.updateReseller(updated, change);
        } catch (IOException e) {
          if (restricting) {
            live.cancelRestriction(id);
          }
          if (e instanceof StoreConflictException && attempt < MAX_ATTEMPTS) {
            continue; // another node changed it first: decide again on the stored record
          }
          throw storeFailure(e);
        }
        live.commit(updated);
        announce(updated);
        return updated;
      }
    }
  }

  private static HistoryEntry.Kind kindOf(CertificationStatus target) {
    switch (target) {
      case ACTIVE:
        return HistoryEntry.Kind.REINSTATED;
      case SUSPENDED:
        return HistoryEntry.Kind.SUSPENDED;
      default:
        return HistoryEntry.Kind.REVOKED;
    }
  }

  /** Registers an additional public key for the reseller (for example before retiring an old one). */
  public Reseller addKey(ResellerId id, VerificationKey key, String reason, String actor) throws RelayException {
    requireActor(actor);
    requireReason(reason);
    synchronized (changeLock) {
      Reseller current = requireStored(id);
      List<VerificationKey> keys = new ArrayList<>(current.keys());
      keys.add(key);
      return changeKeys(current, keys, reason, actor);
    }
  }

  /**
   * Removes a registered key by its thumbprint. Tokens already bound to it stay valid until they
   * expire: suspend first when the key is compromised.
   */
  public Reseller removeKey(ResellerId id, String thumbprint, String reason, String actor) throws RelayException {
    requireActor(actor);
    requireReason(reason);
    synchronized (changeLock) {
      Reseller current = requireStored(id);
      List<VerificationKey> keys = new ArrayList<>();
      for (VerificationKey key : current.keys()) {
        if (!key.thumbprint().equals(thumbprint)) {
          keys.add(key);
        }
      }
      if (keys.size() == current.keys().size()) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "no registered key has that thumbprint");
      }
      return changeKeys(current, keys, reason, actor);
    }
  }

  private Reseller changeKeys(Reseller current, List<VerificationKey> keys, String reason, String actor)
      throws RelayException {
    Reseller updated;
    try {
      updated = current.newBuilder().keys(keys).sequence(current.sequence() + 1).build();
    } catch (IllegalArgumentException e) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, e.getMessage());
    }
    HistoryEntry change = new HistoryEntry(current.id(), updated.sequence(), HistoryEntry.Kind.KEYS_CHANGED,
        updated.status(), reason, actor, clock.instant());
    try {
      store.updateReseller(updated, change);
    } catch (IOException e) {
      throw storeFailure(e);
    }
    live.commit(updated);
    announce(updated);
    return updated;
  }

  private void announce(Reseller changed) throws RelayException {
    publisher.changed(changed.id());
    try {
      feed.publish(changed);
    } catch (IOException | RuntimeException e) {
      LOG.error("change {} is stored but the status feed failed", changed, e);
      throw new RelayException(ReasonCode.INTERNAL_ERROR,
          "the change is stored but could not be propagated to every relay node; retry it", e);
    }
  }

  /** The reseller's current record, or {@code null} if unknown. */
  public Reseller get(ResellerId id) {
    return live.get(id);
  }

  /** Every reseller, by status-list index. */
  public List<Reseller> all() {
    List<Reseller> all = live.all();
    Collections.sort(all, new Comparator<Reseller>() {
      @Override
      public int compare(Reseller a, Reseller b) {
        return Integer.compare(a.statusListIndex(), b.statusListIndex());
      }
    });
    return all;
  }

  /** The reseller's history, oldest first. */
  public List<HistoryEntry> history(ResellerId id) throws RelayException {
    requireKnown(id);
    try {
      return store.history(id);
    } catch (IOException e) {
      throw storeFailure(e);
    }
  }

  /**
   * The stored record of {@code id} (the authority), also installed in memory if it is newer than
   * what this node holds; {@code reseller_unknown} if it is not stored.
   */
  private Reseller requireStored(ResellerId id) throws RelayException {
    Reseller stored = read(id);
    if (stored == null) {
      throw new RelayException(ReasonCode.RESELLER_UNKNOWN, "no reseller " + id + " is registered");
    }
    live.apply(stored);
    return stored;
  }

  private Reseller read(ResellerId id) throws RelayException {
    try {
      return store.findReseller(id);
    } catch (IOException e) {
      throw storeFailure(e);
    }
  }

  private Reseller requireKnown(ResellerId id) throws RelayException {
    Reseller reseller = live.get(id);
    if (reseller == null) {
      throw new RelayException(ReasonCode.RESELLER_UNKNOWN, "no reseller " + id + " is registered");
    }
    return reseller;
  }

  private static void requireActor(String actor) throws RelayException {
    if (actor == null || actor.trim().isEmpty() || actor.length() > Reseller.MAX_TEXT) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "actor must be 1-" + Reseller.MAX_TEXT + " characters");
    }
  }

  private static void requireReason(String reason) throws RelayException {
    if (reason != null && reason.length() > Reseller.MAX_TEXT) {
      throw new RelayException(ReasonCode.REQUEST_INVALID, "reason longer than " + Reseller.MAX_TEXT + " characters");
    }
  }

  private static RelayException storeFailure(IOException e) {
    LOG.warn("relay store failed: {}", e.toString());
    return new RelayException(ReasonCode.RELAY_UNAVAILABLE,
        "the relay store cannot be reached or refused the write; nothing was changed; retry", e);
  }
}
