package io.tqc.relay;

import io.tqc.relay.enforcement.EnforcementConfig;

import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.key.KeySet;
import io.tqc.api.token.CertificationVerifier;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.SigningKeyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link Relay} runs: its identity, where it keeps state, token and status lifetimes, batch
 * caps and the pluggable seams. Immutable; build with {@link Builder}. Only the issuer and either a
 * data directory or both stores are required; every other setting has a safe default.
 */
public final class RelayConfig {
  /** Default certification token lifetime. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofMinutes(10);
  /** Shortest configurable token lifetime. */
  public static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(1);
  /** Longest configurable token lifetime. */
  public static final Duration MAX_TOKEN_TTL = Duration.ofMinutes(60);
  /** Default cap on messages per batch. */
  public static final int DEFAULT_MAX_BATCH_MESSAGES = 10_000;
  /** Default cap on batch body size: 4 MiB. */
  public static final int DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;
  /** Default and longest interval between heartbeat statuses. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
  /** Longest heartbeat interval allowed. */
  public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(15);
  /** Default lifetime of a signed status. */
  public static final Duration DEFAULT_STATUS_LIFETIME = Duration.ofSeconds(60);
  /** Default capacity of the in-memory replay cache. */
  public static final int DEFAULT_REPLAY_CAPACITY = 200_000;
  /** Default capacity of the verified-token cache. */
  public static final int DEFAULT_TOKEN_CACHE_SIZE = 32_768;
  /** Default number of entries per status list. */
  public static final int DEFAULT_STATUS_LIST_SIZE = 16_384;
  /** Default validity of a certification registered without an explicit end. */
  public static final Duration DEFAULT_CERTIFICATION_VALIDITY = Duration.ofDays(365);
  /** Name of the database file inside the data directory. */
  public static final String DATABASE_FILE = "relay.db";
  /** Name of the signing key file inside the data directory. */
  public static final String SIGNING_KEY_FILE = "signing-keys.json";
  /** The traceback key file in the data directory (when enforcement is not configured explicitly). */
  public static final String TRACEBACK_KEY_FILE = "traceback.key";

  /** The node id of a relay that names none (one node). */
  public static final String DEFAULT_NODE_ID = "local";
  private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private final String issuer;
  private final String statusListBaseUri;
  private final Path dataDirectory;
  private final RelayStore store;
  private final SigningKeyStore signingKeyStore;
  private final Clock clock;
  private final Duration tokenTtl;
  private final Duration clockSkew;
  private final Duration proofMaxAge;
  private final Duration proofMaxFuture;
  private final int maxBatchMessages;
  private final int maxBatchBytes;
  private final Duration heartbeatInterval;
  private final Duration statusLifetime;
  private final Duration statusListLifetime;
  private final Duration statusListTtl;
  private final int statusListSize;
  private final Duration defaultCertificationValidity;
  private final int tokenCacheSize;
  private final int proofKeyCacheSize;
  private final ReplayCache replayCache;
  private final RegistryFeed registryFeed;
  private final ContentPolicy contentPolicy;
  private final EnforcementConfig enforcement;
  private final String nodeId;
  private final Duration keyActivationDelay;

  private RelayConfig(Builder b) {
    if (b.issuer == null || b.issuer.isEmpty() || b.issuer.length() > 512) {
      throw new IllegalArgumentException("issuer (the relay id, a URI) is required");
    }
    if (b.dataDirectory == null && (b.store == null || b.signingKeyStore == null)) {
      throw new IllegalArgumentException("either dataDirectory or both store and signingKeyStore are required");
    }
    requireRange(b.tokenTtl, MIN_TOKEN_TTL, MAX_TOKEN_TTL, "tokenTtl");
    requireRange(b.keyActivationDelay, Duration.ZERO, Duration.ofHours(1), "keyActivationDelay");
    requireRange(b.heartbeatInterval, Duration.ofMillis(10), MAX_HEARTBEAT, "heartbeatInterval");
    requireRange(b.statusLifetime, Duration.ofSeconds(1), Duration.ofHours(1), "statusLifetime");
    requireRange(b.statusListLifetime, Duration.ofSeconds(1), Duration.ofDays(1), "statusListLifetime");
    requireRange(b.statusListTtl, Duration.ofSeconds(1), b.statusListLifetime, "statusListTtl");
    requireRange(b.defaultCertificationValidity, Duration.ofMinutes(1), Duration.ofDays(3660),
        "defaultCertificationValidity");
    if (b.heartbeatInterval.compareTo(b.statusLifetime) >= 0) {
      throw new IllegalArgumentException("heartbeatInterval must be shorter than statusLifetime");
    }
    if (b.maxBatchMessages < 1 || b.maxBatchMessages > 1_000_000) {
      throw new IllegalArgumentException("maxBatchMessages must be 1..1000000");
    }
    if (b.maxBatchBytes < 64 || b.maxBatchBytes > 256 * 1024 * 1024) {
      throw new IllegalArgumentException("maxBatchBytes must be 64 B..256 MiB");
    }
    if (b.statusListSize < 4 || b.statusListSize % 4 != 0 || b.statusListSize > 8 * 1024 * 1024) {
      throw new IllegalArgumentException("statusListSize must be a multiple of 4 in 4..8388608");
    }
    if (b.tokenCacheSize < 0) {
      throw new IllegalArgumentException("tokenCacheSize must be >= 0");
    }
    if (b.proofKeyCacheSize < 0) {
      throw new IllegalArgumentException("proofKeyCacheSize must be >= 0");
    }
    if (b.clock == null || b.contentPolicy == null) {
      throw new IllegalArgumentException("clock and contentPolicy must not be null");
    }
    this.issuer = b.issuer;
    String base = b.statusListBaseUri != null ? b.statusListBaseUri
        : stripTrailingSlash(b.issuer) + "/v1/status-lists/";
    this.statusListBaseUri = base;
    this.dataDirectory = b.dataDirectory;
    this.store = b.store;
    this.signingKeyStore = b.signingKeyStore;
    this.clock = b.clock;
    this.tokenTtl = b.tokenTtl;
    this.clockSkew = b.clockSkew;
    this.proofMaxAge = b.proofMaxAge;
    this.proofMaxFuture = b.proofMaxFuture;
    this.maxBatchMessages = b.maxBatchMessages;
    this.maxBatchBytes = b.maxBatchBytes;
    this.heartbeatInterval = b.heartbeatInterval;
    this.statusLifetime = b.statusLifetime;
    this.statusListLifetime = b.statusListLifetime;
    this.statusListTtl = b.statusListTtl;
    this.statusListSize = b.statusListSize;
    this.defaultCertificationValidity = b.defaultCertificationValidity;
    this.tokenCacheSize = b.tokenCacheSize;
    this.proofKeyCacheSize = b.proofKeyCacheSize;
    this.replayCache = b.replayCache;
    this.registryFeed = b.registryFeed;
    this.contentPolicy = b.contentPolicy;
    this.enforcement = b.enforcement;
    this.nodeId = resolveNodeId(b);
    this.keyActivationDelay = b.keyActivationDelay;
    // Validates skew and proof windows with the same rules the verifier applies.
    verifierBuilder().keys(KeySet.of()).build();
  }

  /**
   * A node has one id: the one set here, the fleet store's ({@link RelayStore#nodeId()}) or the one an
   * {@link EnforcementConfig} names (other than its default {@code local}); they must agree.
   */
  private static String resolveNodeId(Builder b) {
    String id = b.nodeId;
    if (id != null && !NODE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("nodeId must be 1-64 letters, digits, '.', '_' or '-'");
    }
    String[] others = {
      b.store == null ? null : b.store.nodeId(),
      b.enforcement == null || DEFAULT_NODE_ID.equals(b.enforcement.nodeId()) ? null : b.enforcement.nodeId()
    };
    String[] names = {"the relay store's node id", "EnforcementConfig.nodeId"};
    for (int i = 0; i < others.length; i++) {
      if (others[i] == null) {
        continue;
      }
      if (id == null) {
        id = others[i];
      } else if (!id.equals(others[i])) {
        throw new IllegalArgumentException("nodeId " + id + " differs from " + names[i] + " " + others[i]
            + ": a node has one id, recorded in its audit rows, chain and keys");
      }
    }
    return id == null ? DEFAULT_NODE_ID : id;
  }

  private static String stripTrailingSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private static void requireRange(Duration value, Duration min, Duration max, String name) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
  }

  /** A verifier builder preset with this relay's id and time windows (keys still to be set). */
  public CertificationVerifier.Builder verifierBuilder() {
    return new CertificationVerifier.Builder().relayId(issuer).clockSkew(clockSkew).proofMaxAge(proofMaxAge)
        .proofMaxFuture(proofMaxFuture).proofKeyCacheSize(proofKeyCacheSize);
  }

  /** The relay id: {@code iss} of its tokens and statuses, {@code aud} of proofs and assertions. */
  public String issuer() {
    return issuer;
  }

  /** The URI of status list {@code n}: {@link Builder#statusListBaseUri} followed by {@code n}. */
  public String statusListUri(int n) {
    return statusListBaseUri + n;
  }

  /** The data directory, or {@code null} when explicit stores are configured. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The explicit registry store, or {@code null} to use SQLite in the data directory. */
  public RelayStore store() {
    return store;
  }

  /** The explicit signing key store, or {@code null} to use the key file in the data directory. */
  public SigningKeyStore signingKeyStore() {
    return signingKeyStore;
  }

  /** The clock the relay reads "now" from. */
  public Clock clock() {
    return clock;
  }

  /** Certification token lifetime. */
  public Duration tokenTtl() {
    return tokenTtl;
  }

  /** Clock skew tolerated on token and assertion times. */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** How old a proof may be. */
  public Duration proofMaxAge() {
    return proofMaxAge;
  }

  /** How far ahead a proof may be stamped. */
  public Duration proofMaxFuture() {
    return proofMaxFuture;
  }

  /** Cap on messages per batch. */
  public int maxBatchMessages() {
    return maxBatchMessages;
  }

  /** Cap on batch body bytes. */
  public int maxBatchBytes() {
    return maxBatchBytes;
  }

  /** Interval between heartbeat statuses to subscribers. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** Lifetime of a signed status. */
  public Duration statusLifetime() {
    return statusLifetime;
  }

  /** Lifetime ({@code exp - iat}) of a status list token. */
  public Duration statusListLifetime() {
    return statusListLifetime;
  }

  /** The {@code ttl} (suggested refresh interval) of a status list token. */
  public Duration statusListTtl() {
    return statusListTtl;
  }

  /** Entries per status list. */
  public int statusListSize() {
    return statusListSize;
  }

  /** Validity of a certification registered without an explicit end. */
  public Duration defaultCertificationValidity() {
    return defaultCertificationValidity;
  }

  /** Capacity of the verified-token cache (0 disables it). */
  public int tokenCacheSize() {
    return tokenCacheSize;
  }

  /** How many resellers' proof keys the verifier remembers; see {@link Builder#proofKeyCacheSize}. */
  public int proofKeyCacheSize() {
    return proofKeyCacheSize;
  }

  /** The replay cache, or {@code null} for an in-memory one of {@link #DEFAULT_REPLAY_CAPACITY}. */
  public ReplayCache replayCache() {
    return replayCache;
  }

  /** The status feed, or {@code null} for the in-process one. */
  public RegistryFeed registryFeed() {
    return registryFeed;
  }

  /** The content policy (by default a {@link ComplianceContentPolicy} with the law's defaults). */
  public ContentPolicy contentPolicy() {
    return contentPolicy;
  }

  /**
   * This node's one id, recorded with its audit rows, hash-chain links, traceback rows, sanction-end
   * claims and checkpoints (default: the fleet store's, else {@code local}; see {@link Builder#nodeId}).
   */
  public String nodeId() {
    return nodeId;
  }

  /** The enforcement settings, or {@code null} (see {@link Builder#enforcement}). */
  public EnforcementConfig enforcement() {
    return enforcement;
  }

  /** How long a rotated-in signing key is published before it signs (0: at once; see the builder). */
  public Duration keyActivationDelay() {
    return keyActivationDelay;
  }

  /** Builds a {@link RelayConfig}. */
  public static final class Builder {
    private String issuer;
    private String statusListBaseUri;
    private Path dataDirectory;
    private RelayStore store;
    private SigningKeyStore signingKeyStore;
    private Clock clock = Clock.systemUTC();
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private Duration clockSkew = CertificationVerifier.DEFAULT_CLOCK_SKEW;
    private Duration proofMaxAge = CertificationVerifier.DEFAULT_PROOF_MAX_AGE;
    private Duration proofMaxFuture = CertificationVerifier.DEFAULT_PROOF_MAX_FUTURE;
    private int maxBatchMessages = DEFAULT_MAX_BATCH_MESSAGES;
    private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT;
    private Duration statusLifetime = DEFAULT_STATUS_LIFETIME;
    private Duration statusListLifetime = Duration.ofMinutes(5);
    private Duration statusListTtl = Duration.ofMinutes(1);
    private int statusListSize = DEFAULT_STATUS_LIST_SIZE;
    private Duration defaultCertificationValidity = DEFAULT_CERTIFICATION_VALIDITY;
    private int tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
    private int proofKeyCacheSize = CertificationVerifier.DEFAULT_PROOF_KEY_CACHE_SIZE;
    private ReplayCache replayCache;
    private RegistryFeed registryFeed;
    private ContentPolicy contentPolicy = ComplianceContentPolicy.defaults();
    private EnforcementConfig enforcement;
    private String nodeId;

    /**
     * This node's id, unique in a fleet: 1-64 of {@code A-Z a-z 0-9 . _ -}. Default: the fleet
     * store's {@linkplain RelayStore#nodeId() node id}, else {@code local} (one node). A different id
     * than the store's or the {@link EnforcementConfig}'s is refused.
     */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /**
     * The enforcement settings (traceback key, retention, sanction ladder, quotas). Default: with a
     * data directory and the default SQLite store, enforcement is on with {@link EnforcementConfig}'s
     * defaults and a traceback key kept in {@value RelayConfig#TRACEBACK_KEY_FILE} (created on first
     * start, mode 0600); with an explicit store, off unless set here.
     */
    public Builder enforcement(EnforcementConfig enforcement) {
      this.enforcement = enforcement;
      return this;
    }

    private Duration keyActivationDelay = Duration.ZERO;

    /**
     * How long a key created by {@link Relay#rotateSigningKey()} is only published (in the JWKS of
     * every node sharing the key store) before it starts signing; the previous key signs until then.
     * A fleet sets at least twice {@link Relay#KEY_REFRESH_SECONDS} so that every node, and so every
     * verifier, knows a key before anything signed with it exists. Default 0 (one node); at most 1 h.
     * An emergency rotation ignores it.
     */
    public Builder keyActivationDelay(Duration keyActivationDelay) {
      this.keyActivationDelay = keyActivationDelay;
      return this;
    }

    /** The relay id, a URI such as {@code https://relay.example.kr} (required). */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /**
     * Prefix of status list URIs (the list number is appended); default
     * {@code <issuer>/v1/status-lists/}. Set it to where your HTTP service serves status lists.
     */
    public Builder statusListBaseUri(String statusListBaseUri) {
      this.statusListBaseUri = statusListBaseUri;
      return this;
    }

    /**
     * The data directory: the SQLite database ({@value #DATABASE_FILE}) and the signing key file
     * ({@value #SIGNING_KEY_FILE}) live there unless explicit stores are set.
     */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** An explicit registry and audit store (the relay closes it when it closes). */
    public Builder store(RelayStore store) {
      this.store = store;
      return this;
    }

    /** An explicit signing key store. */
    public Builder signingKeyStore(SigningKeyStore signingKeyStore) {
      this.signingKeyStore = signingKeyStore;
      return this;
    }

    /** The clock; default the system UTC clock. Relay clocks must be NTP-synchronised. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Certification token lifetime, 1-60 minutes; default 10 minutes. */
    public Builder tokenTtl(Duration tokenTtl) {
      this.tokenTtl = tokenTtl;
      return this;
    }

    /** Clock skew tolerated on token and assertion times; default 30 s, at most 5 minutes. */
    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
      return this;
    }

    /** How old a proof may be; default 60 s. */
    public Builder proofMaxAge(Duration proofMaxAge) {
      this.proofMaxAge = proofMaxAge;
      return this;
    }

    /** How far ahead a proof may be stamped; default 5 s. */
    public Builder proofMaxFuture(Duration proofMaxFuture) {
      this.proofMaxFuture = proofMaxFuture;
      return this;
    }

    /** Cap on messages per batch; default 10,000. */
    public Builder maxBatchMessages(int maxBatchMessages) {
      this.maxBatchMessages = maxBatchMessages;
      return this;
    }

    /** Cap on batch body size in bytes; default 4 MiB. */
    public Builder maxBatchBytes(int maxBatchBytes) {
      this.maxBatchBytes = maxBatchBytes;
      return this;
    }

    /** Interval between heartbeat statuses to subscribers; default 10 s, at most 15 s. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** Lifetime of a signed status; default 60 s; must exceed the heartbeat interval. */
    public Builder statusLifetime(Duration statusLifetime) {
      this.statusLifetime = statusLifetime;
      return this;
    }

    /** Lifetime of a status list token; default 5 minutes. */
    public Builder statusListLifetime(Duration statusListLifetime) {
      this.statusListLifetime = statusListLifetime;
      return this;
    }

    /** Suggested refresh interval ({@code ttl}) of a status list token; default 1 minute. */
    public Builder statusListTtl(Duration statusListTtl) {
      this.statusListTtl = statusListTtl;
      return this;
    }

    /** Entries per status list (a multiple of 4); default 16,384. */
    public Builder statusListSize(int statusListSize) {
      this.statusListSize = statusListSize;
      return this;
    }

    /** Validity of a certification registered without an explicit end; default 365 days. */
    public Builder defaultCertificationValidity(Duration defaultCertificationValidity) {
      this.defaultCertificationValidity = defaultCertificationValidity;
      return this;
    }

    /**
     * Capacity of the verified-token cache; default 32,768 (about 2 KB a token when full); 0 verifies
     * every token signature. Size it to the resellers sending at once: when more send than it holds, the
     * least used tokens are evicted and verified again on their next batch.
     */
    public Builder tokenCacheSize(int tokenCacheSize) {
      this.tokenCacheSize = tokenCacheSize;
      return this;
    }

    /**
     * How many resellers' proof keys the verifier remembers, by the proof header's exact text;
     * default {@value CertificationVerifier#DEFAULT_PROOF_KEY_CACHE_SIZE}, 0 decodes every proof's
     * key. Independent of {@link #tokenCacheSize}: a reseller keeps its key across tokens, so a new
     * token's first batch still finds the key. The proof signature is verified on every batch.
     */
    public Builder proofKeyCacheSize(int proofKeyCacheSize) {
      this.proofKeyCacheSize = proofKeyCacheSize;
      return this;
    }

    /** The replay cache (share one across a fleet); default in-memory, 200,000 entries. */
    public Builder replayCache(ReplayCache replayCache) {
      this.replayCache = replayCache;
      return this;
    }

    /** The status change feed (share one across a fleet); default in-process. */
    public Builder registryFeed(RegistryFeed registryFeed) {
      this.registryFeed = registryFeed;
      return this;
    }

    /**
     * The content policy; default {@link ComplianceContentPolicy#defaults()} (the Korean
     * advertising-message rules as the law sets them). {@link ContentPolicy#NONE} checks nothing.
     */
    public Builder contentPolicy(ContentPolicy contentPolicy) {
      this.contentPolicy = contentPolicy;
      return this;
    }

    /**
     * Checks content with {@code policy} (for example stricter or with a rule set to {@code WARN});
     * shorthand for {@code contentPolicy(ComplianceContentPolicy.of(policy))}.
     */
    public Builder compliancePolicy(CompliancePolicy policy) {
      return contentPolicy(ComplianceContentPolicy.of(policy));
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the first invalid setting. */
    public RelayConfig build() {
      return new RelayConfig(this);
    }
  }
}
