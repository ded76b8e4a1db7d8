package io.tqc.relay.internal;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.VerificationException;
import io.tqc.api.internal.Digests;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.Reseller;
import io.tqc.relay.store.RelayStore;
import io.tqc.api.status.CertificationStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

/**
 * Issues certification tokens: authenticates the client assertion against the reseller's
 * registered keys (refusing a replayed {@code jti}), then checks the live status and the
 * certification's end, and signs a token bound to the key that signed the assertion. The status is
 * checked only after authentication, so an unauthenticated caller learns nothing about it.
 *
 * <p>The replay cache refuses a reused assertion early; the store is the authority: it remembers
 * every assertion id until the assertion's expiry (shared by all nodes, surviving restarts), and
 * the status is read from the store as well as from memory, so no node issues a token after a
 * suspension was acknowledged anywhere. A store that cannot be reached is {@code relay_unavailable}.
 */
public final class TokenIssuer {
  private static final String ASSERTION_PREFIX = "assertion:";

  private final Clock clock;
  private final RelayConfig config;
  private final LiveRegistry live;
  private final ReplayCache replayCache;
  private final KeyRing keys;
  private final RelayStore store;

  /** An issuer for the relay configured by {@code config}, remembering assertion ids in {@code store}. */
  public TokenIssuer(RelayConfig config, LiveRegistry live, ReplayCache replayCache, KeyRing keys,
      RelayStore store) {
    this.clock = config.clock();
    this.config = config;
    this.live = live;
    this.replayCache = replayCache;
    this.keys = keys;
    this.store = store;
  }

  /** Issues a token to {@code resellerId} presenting {@code assertion}. */
  public CertificationToken issue(String resellerId, String assertion) throws RelayException {
    Instant now = clock.instant();
    ResellerId id;
    try {
      id = ResellerId.parse(resellerId);
    } catch (TqcException e) {
      throw new RelayException(e.reason(), e.detail(), e);
    }
    LiveRegistry.Entry entry = live.entry(id);
    if (entry == null) {
      // Registered on another node moments ago? The store is the authority; memory learns it here.
      Reseller stored;
      try {
        stored = store.findReseller(id);
      } catch (IOException e) {
        throw new RelayException(ReasonCode.RELAY_UNAVAILABLE,
            "the relay store cannot be reached, so no token is issued; retry shortly", e);
      }
      if (stored != null) {
        live.apply(stored);
        entry = live.entry(id);
      }
    }
    if (entry == null) {
      throw new RelayException(ReasonCode.RESELLER_UNKNOWN, "no reseller " + id + " is registered");
    }
    if (assertion == null || assertion.isEmpty()) {
      throw new RelayException(ReasonCode.ASSERTION_INVALID, "no client assertion presented");
    }
    Reseller reseller = entry.reseller();
    ClientAssertion verified;
    try {
      verified = ClientAssertion.verify(assertion, id, reseller.keys(), config.issuer(), now, config.clockSkew());
    } catch (VerificationException e) {
      throw new RelayException(e.reason(), e.detail(), e);
    }
    Instant forgetAfter = verified.expiresAt().plus(config.clockSkew()).plusSeconds(1);
    switch (replayCache.remember(ASSERTION_PREFIX + id.value() + ":" + verified.assertionId(), forgetAfter, now)) {
      case FIRST_USE:
        break;
      case REPLAYED:
        throw new RelayException(ReasonCode.ASSERTION_INVALID, "assertion jti was already used");
      case UNAVAILABLE:
        throw new RelayException(ReasonCode.RELAY_UNAVAILABLE, "the replay check is unavailable; retry shortly");
      default:
        throw new RelayException(ReasonCode.RATE_LIMITED, "replay cache is full; retry shortly");
    }
    Reseller stored = rememberDurably(ASSERTION_PREFIX + id.value() + ":" + verified.assertionId(), forgetAfter,
        now, id);
    // Read the entry again: a suspension that began while the assertion was verified must win.
    entry = live.entry(id);
    ReasonCode refusal = entry.refusal();
    if (refusal != null) {
      throw new RelayException(refusal, "certification " + entry.reseller().certificationId() + " is "
          + (refusal == ReasonCode.CERTIFICATION_SUSPENDED ? "suspended" : "revoked"));
    }
    reseller = entry.reseller();
    if (stored == null || stored.status() != CertificationStatus.ACTIVE
        || !stored.certificationId().equals(reseller.certificationId())) {
      // Another node changed it and this node's memory has not caught up yet: the store wins.
      ReasonCode storedRefusal = stored == null || !stored.certificationId().equals(reseller.certificationId())
          ? ReasonCode.CERTIFICATION_UNKNOWN
          : stored.status() == CertificationStatus.SUSPENDED ? ReasonCode.CERTIFICATION_SUSPENDED
          : ReasonCode.CERTIFICATION_REVOKED;
      throw new RelayException(storedRefusal, "certification " + reseller.certificationId() + " is not active");
    }
    if (!now.isBefore(reseller.certificationExpiresAt())) {
      throw new RelayException(ReasonCode.CERTIFICATION_EXPIRED,
          "certification " + reseller.certificationId() + " ended at " + reseller.certificationExpiresAt());
    }
    Instant expiresAt = now.plus(config.tokenTtl());
    if (expiresAt.isAfter(reseller.certificationExpiresAt())) {
      expiresAt = reseller.certificationExpiresAt();
    }
    if (expiresAt.getEpochSecond() <= now.getEpochSecond()) {
      throw new RelayException(ReasonCode.CERTIFICATION_EXPIRED,
          "certification " + reseller.certificationId() + " ends within the second");
    }
    int listSize = config.statusListSize();
    CertificationClaims claims = new CertificationClaims.Builder()
        .issuer(config.issuer())
        .subject(id)
        .audience(Collections.singletonList(config.issuer()))
        .issuedAt(now)
        .expiresAt(expiresAt)
        .tokenId(Digests.randomId())
        .keyThumbprint(verified.keyThumbprint())
        .certificationId(reseller.certificationId())
        .certificationExpiresAt(reseller.certificationExpiresAt())
        .scope(reseller.scope())
        .senderNumbers(reseller.senderNumbers())
        .originCode(reseller.originCode())
        .statusListIndex(reseller.statusListIndex() % listSize)
        .statusListUri(config.statusListUri(reseller.statusListIndex() / listSize))
        .build();
    return CertificationToken.sign(claims, keys.snapshot().active());
  }

  /**
   * Remembers the assertion id in the store (the authority across nodes and restarts) and reads the
   * stored record of the reseller.
   */
  private Reseller rememberDurably(String key, Instant forgetAfter, Instant now, ResellerId id)
      throws RelayException {
    try {
      if (!store.rememberAssertion(key, forgetAfter, now)) {
        throw new RelayException(ReasonCode.ASSERTION_INVALID, "assertion jti was already used");
      }
      return store.findReseller(id);
    } catch (IOException e) {
      throw new RelayException(ReasonCode.RELAY_UNAVAILABLE,
          "the relay store cannot be reached, so no token is issued; retry shortly", e);
    }
  }

  /** The lifetime of {@code token} from issuance. */
  public static Duration lifetime(CertificationToken token) {
    return Duration.between(token.claims().issuedAt(), token.claims().expiresAt());
  }
}
