package io.tqc.client;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.compliance.Violation;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ResellerId;
import io.tqc.client.internal.CertificationState;
import io.tqc.client.internal.ClientConfig;
import io.tqc.client.internal.ClientEngine;
import io.tqc.client.internal.Preflight;
import io.tqc.client.internal.RelayHttpException;
import io.tqc.client.internal.Texts;
import io.tqc.client.internal.Ticker;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * A reseller's (문자재판매사업자) connection to one TQC relay (문자중계사업자): it keeps a
 * certification token and a relay-signed live status up to date in the background, and certifies
 * advertising batches with a fresh proof, either directly with {@link #certify} or through the
 * OkHttp {@link #interceptor()}.
 *
 * <p><b>Fail closed.</b> A batch is certified only while the client holds an unexpired token and
 * has confirmed a relay-signed ACTIVE status within {@code maxStatusAge}; otherwise it is refused
 * with a {@link TqcClientException} subtype that carries the batch back. While the certification
 * is healthy, {@code certify} reads one immutable snapshot and signs: no lock, no network.
 *
 * <p><b>Compliance pre-flight.</b> Before certifying, the client checks a batch against its
 * {@link CompliancePolicy} (by default the law's: {@code (광고)} marker, advertiser, free 080
 * opt-out, night-time consent, sender and recipient numbers, EUC-KR sizes; see docs/compliance.md),
 * with the token's registered sender numbers and relay time. A non-compliant batch is refused with
 * {@link NonCompliantBatchException} listing every violation, before any network call.
 *
 * <p><b>Opt-out suppression.</b> Once per campaign, {@link #checkSuppressions} asks the relay which
 * of the campaign's recipients opted out from its advertiser; {@link #certify(Batch, SuppressionList)},
 * {@link #certify(byte[], int, SuppressionList)} and the interceptor (with
 * {@link AdvertisingBatch#withSuppressions}) then refuse, before any network call, a batch with
 * messages to them ({@link RecipientOptedOutException}: one {@code recipient_opted_out} violation
 * per message).
 *
 * <p>Create one client per relay and reuse it; it is thread-safe. {@link #close()} stops every
 * thread and connection it started.
 *
 * <pre>{@code
 * try (TqcClient tqc = new TqcClient.Builder()
 *     .relayUrl("https://relay.example.kr/")
 *     .resellerId(ResellerId.parse("124-81-00998"))
 *     .signingKeyFile(Paths.get("reseller-key.jwk"))
 *     .build()) {
 *   tqc.awaitReady(Duration.ofSeconds(10));
 *   CertifiedBatch certified = tqc.certify(batchJson, 120);
 *   // send batchJson with certified.headers()
 * }
 * }</pre>
 */
public final class TqcClient implements Closeable {
  private final ClientConfig config;
  private final ClientEngine engine;
  private final TqcEventListener listener;
  private final Interceptor interceptor;
  private final Preflight preflight;
  private volatile BatchProofSigner signer;

  private TqcClient(Builder builder) {
    this.config = builder.config();
    this.preflight = new Preflight(config.compliancePolicy);
    this.engine = new ClientEngine(config, builder.listener);
    this.listener = engine.listener();
    this.interceptor = new CertifyingInterceptor(this);
    engine.start();
  }

  /**
   * Certifies one advertising batch given as a parsed {@link Batch}: runs the compliance pre-flight
   * (unless switched off), serializes the batch once with {@link Batch#toJsonBytes()} and signs a
   * proof over exactly those bytes. Send {@link CertifiedBatch#body()} unchanged with the headers.
   * Never blocks on the network.
   *
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   *     (checked before anything else, whatever the certification's state)
   * @throws NotCertifiedException no usable token (yet)
   * @throws CertificationSuspendedException the certification is suspended
   * @throws CertificationRevokedException the certification is revoked
   * @throws CertificationExpiredException the certification's validity has ended
   * @throws StatusUnavailableException no signed ACTIVE status confirmed within {@code maxStatusAge}
   */
  public CertifiedBatch certify(Batch batch) throws TqcClientException {
    if (batch == null) {
      throw new NullPointerException("batch");
    }
    byte[] bytes = batch.toJsonBytes();
    return certify(bytes, batch.messageCount(), batch);
  }

  /**
   * Certifies one advertising batch of a campaign whose recipients were checked with
   * {@link #checkSuppressions}: refuses it when a message goes to a recipient that {@code suppressions}
   * marks as opted out, then does exactly what {@link #certify(Batch)} does. No network call.
   *
   * <p>The list reflects the relay's opt-outs at {@link SuppressionList#checkedAt()}; an opt-out made
   * later is refused by the relay itself ({@code recipient_opted_out} in its violation report).
   *
   * @throws IllegalArgumentException {@code suppressions} was checked for another advertiser than the
   *     batch's {@code advertiser.name}
   * @throws RecipientOptedOutException messages go to suppressed recipients (one
   *     {@code recipient_opted_out} violation each); checked first, whatever the certification's state
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   * @throws TqcClientException any refusal of {@link #certify(Batch)}
   */
  public CertifiedBatch certify(Batch batch, SuppressionList suppressions) throws TqcClientException {
    if (batch == null) {
      throw new NullPointerException("batch");
    }
    if (suppressions == null) {
      throw new NullPointerException("suppressions");
    }
    byte[] bytes = batch.toJsonBytes();
    requireNotSuppressed(batch, suppressions, bytes);
    return certify(bytes, batch.messageCount(), batch);
  }

  /**
   * Refuses {@code batch} if a message goes to a recipient {@code suppressions} marks as opted out
   * (the one suppression check of every certify path: {@link Batch}, bytes and the interceptor).
   *
   * @param bytes the batch's bytes, handed back in the refusal
   */
  static void requireNotSuppressed(Batch batch, SuppressionList suppressions, byte[] bytes)
      throws RecipientOptedOutException {
    if (!suppressions.isFor(batch.advertiserName())) {
      throw new IllegalArgumentException("the suppression list was checked for advertiser \""
          + suppressions.advertiser() + "\", not for this batch's advertiser");
    }
    List<Violation> optedOut = suppressions.violations(batch);
    if (!optedOut.isEmpty()) {
      throw new RecipientOptedOutException(optedOut, bytes, batch.messageCount());
    }
  }

  /**
   * Asks the relay which of {@code recipients} opted out (수신거부) from {@code advertiser} (the
   * batches' {@code advertiser.name}): once per campaign, not per batch. The recipients are sent in
   * requests of at most 10,000 numbers ({@code POST /v1/suppression/check}, with the held token),
   * each retried and circuit-broken like every relay call. Blocks on the network; never call it on
   * the sending path of each batch.
   *
   * <p>Fails closed: without a usable certification (token and fresh ACTIVE status) it throws the
   * same refusal as {@link #certify}; an unreachable relay or an answer out of contract is a
   * {@link RelayUnavailableException} (retry later), a refusal a {@link RelayRefusedException}.
   * No partial result is ever returned.
   *
   * @param advertiser the advertiser's name as the batches declare it
   * @param recipients the campaign's recipient numbers (dashes and spaces allowed, duplicates allowed)
   * @throws IllegalArgumentException the advertiser is blank or a recipient is {@code null}
   */
  public SuppressionList checkSuppressions(String advertiser, Collection<String> recipients)
      throws TqcClientException, InterruptedIOException {
    if (advertiser == null || io.tqc.api.compliance.UrlRules.advertiserKey(advertiser) == null) {
      throw new IllegalArgumentException("advertiser must not be blank");
    }
    if (recipients == null) {
      throw new NullPointerException("recipients");
    }
    List<String> numbers = new ArrayList<>(recipients);
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) == null) {
        throw new IllegalArgumentException("recipient " + i + " is null");
      }
    }
    CertificationState s = engine.state();
    Instant checkedAt = engine.relayNow(s);
    TqcClientException refusal = s.refusal(config.ticker.read(), checkedAt, null, 0);
    if (refusal != null) {
      throw refused(s, refusal);
    }
    if (numbers.isEmpty()) {
      return new SuppressionList(advertiser, 0, checkedAt, numbers);
    }
    List<String> suppressed;
    try {
      suppressed = engine.suppressions().suppressed(s.authorization(), advertiser, numbers);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (RelayHttpException e) {
      String detail = "suppression check " + (e.isTransient() ? "failed: " : "refused: ") + e.getMessage();
      if (e.isTransient()) {
        throw new RelayUnavailableException(detail, null, 0, e);
      }
      throw new RelayRefusedException(e.status(), e.code(), detail, null, 0, e);
    } catch (TqcClientException e) {
      throw e;
    } catch (IOException e) {
      throw new RelayUnavailableException("suppression check failed: " + Texts.clean(e.getMessage(), 300), null, 0, e);
    }
    return new SuppressionList(advertiser, numbers.size(), checkedAt, suppressed);
  }

  /**
   * Certifies one advertising batch given as bytes: signs a proof over exactly {@code batchBytes}
   * (which must then be sent unchanged) for {@code messageCount} messages, bound to the current
   * token and stamped in relay time. Never blocks on the network.
   *
   * <p>When the compliance pre-flight is on (the default) and the bytes are a TQC batch document,
   * they are parsed and checked exactly like {@link #certify(Batch)} (and {@code messageCount} must
   * be the batch's). Bytes that are not a batch document are certified without a check: the proof
   * covers any framing, and a TQC relay refuses such a body with {@code batch_malformed} anyway.
   *
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   * @throws TqcClientException {@code batch_count_mismatch}: the batch holds another number of messages
   * @throws NotCertifiedException no usable token (yet)
   * @throws CertificationSuspendedException the certification is suspended
   * @throws CertificationRevokedException the certification is revoked
   * @throws CertificationExpiredException the certification's validity has ended
   * @throws StatusUnavailableException no signed ACTIVE status confirmed within {@code maxStatusAge}
   */
  public CertifiedBatch certify(byte[] batchBytes, int messageCount) throws TqcClientException {
    if (batchBytes == null) {
      throw new NullPointerException("batchBytes");
    }
    if (messageCount < 1 || messageCount > BatchProof.MAX_MESSAGES) {
      throw new IllegalArgumentException("messageCount must be 1.." + BatchProof.MAX_MESSAGES);
    }
    return certify(batchBytes, messageCount, preflight.enabled() ? Preflight.parseIfBatch(batchBytes) : null);
  }

  /**
   * Certifies one advertising batch given as bytes, of a campaign whose recipients were checked
   * with {@link #checkSuppressions}: the bytes must be a TQC batch document of {@code messageCount}
   * messages (they are parsed to find the recipients), none to a recipient {@code suppressions}
   * marks as opted out; then exactly what {@link #certify(byte[], int)} does. No network call.
   *
   * @throws IllegalArgumentException {@code suppressions} was checked for another advertiser than the
   *     batch's {@code advertiser.name}
   * @throws TqcClientException {@code batch_malformed}: the bytes are not a TQC batch document;
   *     {@code batch_count_mismatch}: it holds another number of messages
   * @throws RecipientOptedOutException messages go to suppressed recipients (one violation each);
   *     checked before the compliance pre-flight and whatever the certification's state
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   * @throws TqcClientException any refusal of {@link #certify(byte[], int)}
   */
  public CertifiedBatch certify(byte[] batchBytes, int messageCount, SuppressionList suppressions)
      throws TqcClientException {
    if (batchBytes == null) {
      throw new NullPointerException("batchBytes");
    }
    if (suppressions == null) {
      throw new NullPointerException("suppressions");
    }
    if (messageCount < 1 || messageCount > BatchProof.MAX_MESSAGES) {
      throw new IllegalArgumentException("messageCount must be 1.." + BatchProof.MAX_MESSAGES);
    }
    Batch parsed = Preflight.parse(batchBytes);
    requireCount(parsed, batchBytes, messageCount);
    requireNotSuppressed(parsed, suppressions, batchBytes);
    return certify(batchBytes, messageCount, parsed);
  }

  /** {@code batch_count_mismatch} unless {@code parsed} (of {@code bytes}) holds {@code messageCount} messages. */
  static void requireCount(Batch parsed, byte[] bytes, int messageCount) throws TqcClientException {
    if (parsed.messageCount() != messageCount) {
      throw new TqcClientException(ReasonCode.BATCH_COUNT_MISMATCH, "messageCount is " + messageCount
          + " but the batch holds " + parsed.messageCount() + " messages", bytes, messageCount, null);
    }
  }

  /**
   * The interceptor's request body parsed (a batch document is required: the pre-flight or the
   * message count needs it), or {@code null} when neither does.
   */
  Batch parseRequestBody(byte[] body, AdvertisingBatch marker) throws TqcClientException {
    return preflight.enabled() || marker.declaredCount() == 0 || marker.suppressions() != null
        ? Preflight.parse(body) : null;
  }

  /**
   * Certifies {@code batch} once, over the exact bytes it is sent as: runs the compliance pre-flight
   * on {@code batch} (unless switched off) and signs one proof over {@code exactBytes} for
   * {@code batch}'s messages. For a send whose bytes are not {@code batch.toJsonBytes()} but carry
   * the same messages, e.g. a provider's request built from the same data. Never blocks on the network.
   *
   * <p>Validated: when {@code exactBytes} are a TQC batch document they must be {@code batch}
   * (the same batch once parsed); bytes in another format are taken as the caller's framing of
   * {@code batch} (the proof binds them, the check reads {@code batch}). When the bytes must carry
   * the certification's origin code, use {@link #certify(Batch, BatchEncoder)}, which writes them
   * under the token the proof is bound to.
   *
   * @throws IllegalArgumentException {@code exactBytes} are a TQC batch document of another batch
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   * @throws TqcClientException any refusal of {@link #certify(Batch)}
   */
  public CertifiedBatch certify(byte[] exactBytes, Batch batch) throws TqcClientException {
    if (exactBytes == null || batch == null) {
      throw new NullPointerException(exactBytes == null ? "exactBytes" : "batch");
    }
    Batch parsed = Preflight.parseIfBatch(exactBytes);
    if (parsed != null && !java.util.Arrays.equals(parsed.toJsonBytes(), batch.toJsonBytes())) {
      throw new IllegalArgumentException("exactBytes are a TQC batch document, but of another batch than the one given");
    }
    return certify(batch, batch.messageCount(), exactBytes, null);
  }

  /**
   * Certifies {@code batch} once, over the bytes {@code encoder} writes for it: runs the compliance
   * pre-flight on {@code batch} (unless switched off) and the fail-closed gate, then has the
   * encoder write the exact request bytes with the claims of the token the proof is bound to (so a
   * provider's origin-code field gets the certification's {@code origin_code}), and signs one proof
   * over them. {@link CertifiedBatch#body()} holds those bytes: send them unchanged. The encoder is
   * not called when the batch is refused; refusals carry {@code batch.toJsonBytes()}. Never blocks
   * on the network.
   *
   * @throws IllegalArgumentException the encoder returned no bytes
   * @throws NonCompliantBatchException the batch breaks a rule of the client's compliance policy
   * @throws TqcClientException any refusal of {@link #certify(Batch)}
   */
  public CertifiedBatch certify(Batch batch, BatchEncoder encoder) throws TqcClientException {
    if (batch == null || encoder == null) {
      throw new NullPointerException(batch == null ? "batch" : "encoder");
    }
    return certify(batch, batch.messageCount(), batch.toJsonBytes(), encoder);
  }

  /** {@code parsed} is {@code batchBytes} parsed, or {@code null} to certify the bytes unchecked. */
  CertifiedBatch certify(byte[] batchBytes, int messageCount, Batch parsed) throws TqcClientException {
    return certify(parsed, messageCount, batchBytes, null);
  }

  /**
   * The one certification path: {@code parsed} (or {@code null}: unchecked) is what the pre-flight
   * reads, {@code batchBytes} what refusals carry and, without an {@code encoder}, what is signed.
   */
  private CertifiedBatch certify(Batch parsed, int messageCount, byte[] batchBytes, BatchEncoder encoder)
      throws TqcClientException {
    CertificationState s = engine.state();
    ComplianceReport compliance = null;
    if (parsed != null && preflight.enabled()) {
      try {
        compliance = preflight.check(parsed, batchBytes, messageCount, s.token(), engine.relayNow(s));
      } catch (NonCompliantBatchException e) {
        listener.batchNonCompliant(e);
        throw e;
      }
    }
    long now = config.ticker.read();
    Instant relayNow = engine.relayNow(s);
    TqcClientException refusal = s.refusal(now, relayNow, batchBytes, messageCount);
    if (refusal != null) {
      throw refused(s, refusal);
    }
    if (now - s.tokenPrefetchAt() >= 0) {
      engine.refreshTokenIfAllowed();
    }
    byte[] signed = batchBytes;
    if (encoder != null) {
      signed = encoder.encode(parsed, s.token().claims());
      if (signed == null || signed.length == 0) {
        throw new IllegalArgumentException("the batch encoder returned no bytes");
      }
    }
    BatchProof proof = signer(s).sign(s.token().digest(), signed, messageCount, relayNow);
    CertificationState after = engine.state();
    if (after != s) {
      // The state changed while signing (a suspension, say): the later state decides.
      refusal = after.refusal(config.ticker.read(), relayNow, batchBytes, messageCount);
      if (refusal != null) {
        throw refused(after, refusal);
      }
    }
    CertifiedBatch certified = new CertifiedBatch(s.token().compact(), s.authorization(), proof,
        s.statusSequence(), signed, compliance, parsed);
    listener.batchCertified(certified);
    return certified;
  }

  private BatchProofSigner signer(CertificationState s) {
    String audience = s.token().claims().issuer();
    BatchProofSigner current = signer;
    if (current == null || !current.audience().equals(audience)) {
      current = new BatchProofSigner(config.signingKey, audience);
      signer = current;
    }
    return current;
  }

  private TqcClientException refused(CertificationState s, TqcClientException refusal) {
    if (s.needsToken(config.ticker.read())) {
      engine.refreshTokenIfAllowed();
    }
    listener.failedClosed(refusal);
    return refusal;
  }

  /**
   * An OkHttp application interceptor (add it with {@code addInterceptor}, not as a network
   * interceptor) that certifies every request tagged with {@link AdvertisingBatch}: it buffers the
   * body, certifies it and adds {@code Authorization: TQC …} and {@code TQC-Proof: …}. When the
   * relay's refusal means the token is no longer good ({@code token_expired},
   * {@code token_not_yet_valid}, {@code token_key_unknown}, {@code token_signature_invalid},
   * {@code certification_unknown}), it drops the token, fetches a new one (and, for the two key
   * codes, the relay's keys first) and retries once with a new proof; concurrent refusals share
   * one refresh. When the relay answers 403 {@code certification_suspended},
   * {@code certification_revoked} or {@code certification_expired}, the client enters that state at
   * once. Other answers (including {@code 503 relay_unavailable}) are returned unchanged. Refusals are thrown as
   * {@link TqcClientException} (an {@link IOException}) carrying the body.
   */
  public Interceptor interceptor() {
    return interceptor;
  }

  ClientEngine engine() {
    return engine;
  }

  /**
   * Drops the rejected token (and, with {@code keysToo}, the cached relay keys), then waits (at
   * most the call timeout) for a new one. Concurrent rejections share one refresh.
   */
  void refreshAfterRejection(String tokenDigest, boolean keysToo) throws InterruptedIOException {
    try {
      engine.invalidateToken(tokenDigest, keysToo).get(config.callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a new TQC token");
    } catch (ExecutionException | TimeoutException e) {
      // The next certify reports the state (not_certified with the refresh failure as cause).
    }
  }

  /** True if a batch certified now would be accepted by this client (token and fresh ACTIVE status). */
  public boolean isReady() {
    CertificationState s = engine.state();
    return s.refusal(config.ticker.read(), engine.relayNow(s), null, 0) == null;
  }

  /**
   * Waits until the client is ready (see {@link #isReady()}), for at most {@code timeout}. It does
   * not wait out refusals that waiting cannot heal: it throws at once when the certification is
   * revoked or expired, when the client is closed, and when the relay refused the token request
   * permanently (a {@link NotCertifiedException} whose cause is the {@link RelayRefusedException},
   * for example {@code reseller_unknown} or {@code assertion_invalid}, or a token bound to another
   * key). The client itself keeps trying in the background with backoff, so a registration fixed
   * later still heals it. A suspension is waited for (until the timeout): the operator may lift it,
   * and a client learns of the reinstatement a moment after the relay.
   *
   * @throws TqcClientException the reason it is not ready: at once for a permanent refusal, else
   *     when the time is up
   */
  public void awaitReady(Duration timeout) throws TqcClientException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      CertificationState s = engine.state();
      TqcClientException refusal = s.refusal(config.ticker.read(), engine.relayNow(s), null, 0);
      if (refusal == null) {
        return;
      }
      if (s.isClosed() || isPermanent(refusal) || System.nanoTime() - deadline >= 0) {
        throw refusal;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** True for a refusal that waiting does not heal (see {@link #awaitReady}). */
  static boolean isPermanent(TqcClientException refusal) {
    if (refusal instanceof CertificationRevokedException || refusal instanceof CertificationExpiredException) {
      return true;
    }
    Throwable cause = refusal.getCause();
    if (!(refusal instanceof NotCertifiedException) || !(cause instanceof TqcClientException)) {
      return false;
    }
    TqcClientException failure = (TqcClientException) cause;
    return failure instanceof RelayRefusedException || failure.reason() == ReasonCode.PROOF_KEY_MISMATCH
        || failure.reason() == ReasonCode.TOKEN_MALFORMED;
  }

  /**
   * How old the newest relay-signed status this client has verified is: its age when received
   * (relay time minus its {@code iat}) plus the time since, or {@code null} before the first. The
   * status stream's heartbeat keeps it below the relay's heartbeat interval (10 s by default); the
   * client fails closed ({@code status_unavailable}) once it passes {@code maxStatusAge} (60 s by
   * default), so a rising value warns before refusals start. Cheap; no lock.
   */
  public Duration statusAge() {
    return engine.statusAge();
  }

  /** The reseller this client certifies for. */
  public ResellerId resellerId() {
    return config.resellerId;
  }

  /** The relay base URL. */
  public HttpUrl relayUrl() {
    return config.relayUrl;
  }

  /** The policy of the compliance pre-flight, or {@code null} when the pre-flight is switched off. */
  public CompliancePolicy compliancePolicy() {
    return config.compliancePolicy;
  }

  /**
   * Stops the status stream, polls and refreshes, cancels this client's HTTP calls, stops the
   * threads it created and closes the connections of the HTTP client it created (a shared
   * {@code OkHttpClient} and a caller's executor are left running). Later calls to
   * {@link #certify} throw {@link NotCertifiedException}. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "TqcClient{reseller=" + config.resellerId + ", relay=" + config.relayUrl + "}";
  }

  /** Builds a {@link TqcClient}. Only the relay URL, reseller id and signing key are required. */
  public static final class Builder {
    private final ClientConfig.Builder config = ClientConfig.builder();
    private TqcEventListener listener = TqcEventListener.NONE;
    private CompliancePolicy compliancePolicy = CompliancePolicy.defaults();
    private boolean compliancePreflight = true;

    /** The relay's base URL; its {@code /.well-known/tqc-configuration} names every endpoint. */
    public Builder relayUrl(String relayUrl) {
      HttpUrl parsed = HttpUrl.parse(relayUrl);
      if (parsed == null) {
        throw new IllegalArgumentException("relayUrl is not an absolute http(s) URL");
      }
      return relayUrl(parsed);
    }

    /** The relay's base URL. */
    public Builder relayUrl(HttpUrl relayUrl) {
      String path = relayUrl.encodedPath();
      config.relayUrl(path.endsWith("/") ? relayUrl : relayUrl.newBuilder().encodedPath(path + "/").build());
      return this;
    }

    /** The reseller's id (사업자등록번호), as registered with the relay. */
    public Builder resellerId(ResellerId resellerId) {
      config.resellerId(resellerId);
      return this;
    }

    /** The reseller's id as text ({@code 124-81-00998} or digits only). */
    public Builder resellerId(String resellerId) {
      try {
        return resellerId(ResellerId.parse(resellerId));
      } catch (TqcException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    /** The reseller's Ed25519 signing key; its public half is the one registered with the relay. */
    public Builder signingKey(SigningKey signingKey) {
      config.signingKey(signingKey);
      return this;
    }

    /**
     * Reads the signing key from a file holding a private JWK or a PKCS#8 PEM.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no Ed25519 private key (the message never shows
     *     key material)
     */
    public Builder signingKeyFile(Path file) throws IOException {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      try {
        return signingKey(SigningKey.parse(text));
      } catch (TqcException e) {
        throw new IllegalArgumentException("signing key file " + file.getFileName() + ": " + e.detail(), e);
      }
    }

    /**
     * An application-wide {@code OkHttpClient} to share connections and configuration with. The
     * client derives its own with {@code newBuilder()} and never shuts the shared one down.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      config.sharedHttpClient(okHttpClient);
      return this;
    }

    /** The wall clock (default UTC system clock): assertion and proof times, status checks. */
    public Builder clock(Clock clock) {
      config.clock(clock);
      return this;
    }

    /**
     * Monotonic time source for every client deadline (token expiry and refresh backoff, status age,
     * the status stream's reconnect backoff and poll schedule); tests advance it by hand.
     */
    Builder ticker(Ticker ticker) {
      config.ticker(ticker);
      return this;
    }

    /**
     * An executor for the client's background work (never shut down by the client). By default the
     * client creates three daemon threads and stops them on close.
     */
    public Builder executor(ScheduledExecutorService executor) {
      config.sharedExecutor(executor);
      return this;
    }

    /** Receives the client's events (default: none). */
    public Builder listener(TqcEventListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * How recently a relay-signed ACTIVE status must have been confirmed for a batch to be
     * certified (default 60 s). Shorter is stricter but fails closed sooner on network trouble.
     */
    public Builder maxStatusAge(Duration maxStatusAge) {
      config.maxStatusAge(maxStatusAge);
      return this;
    }

    /** Fraction of a token's lifetime left when a background refresh starts (default 1/3), minus jitter. */
    public Builder prefetchFraction(double prefetchFraction) {
      config.prefetchFraction(prefetchFraction);
      return this;
    }

    /**
     * How long before its expiry a token is considered stale and never used again (default 30 s;
     * at most half the token's lifetime), so that a batch never reaches the relay with an expired token.
     */
    public Builder tokenStaleWindow(Duration tokenStaleWindow) {
      config.tokenStaleWindow(tokenStaleWindow);
      return this;
    }

    /** Clock difference tolerated when checking a signed status's {@code iat}/{@code exp} (default 30 s). */
    public Builder statusSkewTolerance(Duration statusSkewTolerance) {
      config.statusSkewTolerance(statusSkewTolerance);
      return this;
    }

    /** How often the status endpoint is polled while the event stream is down (default 10 s). */
    public Builder statusPollInterval(Duration statusPollInterval) {
      config.statusPollInterval(statusPollInterval);
      return this;
    }

    /**
     * How long the event stream may stay silent before it is considered dead and reconnected
     * (default 45 s; the relay sends a heartbeat at least every 15 s).
     */
    public Builder statusStreamReadTimeout(Duration statusStreamReadTimeout) {
      config.statusStreamReadTimeout(statusStreamReadTimeout);
      return this;
    }

    /** Backoff between event stream reconnections (default 1 s to 30 s). */
    public Builder reconnectBackoff(Backoff reconnectBackoff) {
      config.reconnectBackoff(reconnectBackoff);
      return this;
    }

    /**
     * OkHttp timeouts of token, status and metadata calls (default connect 5 s, read 10 s, call 15 s);
     * see {@link Timeouts#builder()}.
     */
    public Builder timeouts(Timeouts timeouts) {
      config.timeouts(timeouts);
      return this;
    }

    /**
     * Retries of one relay call (default 3 attempts, exponential backoff with jitter from 250 ms up to
     * 30 s, {@code Retry-After} waited up to 30 s; longer ones end the call); the same backoff spaces
     * failed token refreshes. See {@link RetryPolicy#builder()}.
     */
    public Builder retry(RetryPolicy retry) {
      config.retry(retry);
      return this;
    }

    /**
     * Circuit breaker per kind of relay call (default window 10, minimum 5 calls, open 30 s); see
     * {@link CircuitBreakerPolicy#builder()}.
     */
    public Builder circuitBreaker(CircuitBreakerPolicy circuitBreaker) {
      config.circuitBreaker(circuitBreaker);
      return this;
    }

    /** How often background maintenance checks deadlines and connections (default 1 s). */
    public Builder maintenanceInterval(Duration maintenanceInterval) {
      config.maintenanceInterval(maintenanceInterval);
      return this;
    }

    /**
     * Minimum time between two fetches of the relay's keys (JWKS), whatever asks for one: an
     * unknown key id, a relay refusal naming the token's key, a short {@code Cache-Control}
     * lifetime (default 30 s).
     */
    public Builder keysRefreshMinInterval(Duration keysRefreshMinInterval) {
      config.keysRefreshMinInterval(keysRefreshMinInterval);
      return this;
    }

    /**
     * Longest the relay's keys (JWKS) are used before they are fetched again (default 10 min, at
     * most 1 day). The relay's {@code Cache-Control: max-age} shortens it, never below
     * {@link #keysRefreshMinInterval}; without one this is the lifetime. Keys the relay no longer
     * publishes are dropped at the refresh, and with them a token they signed and the confirmation
     * of a status they signed. If refreshing keeps
     * failing, the cached keys are used for at most twice their lifetime, then nothing the relay
     * signs can be verified and the client fails closed.
     */
    public Builder keysMaxAge(Duration keysMaxAge) {
      config.keysMaxAge(keysMaxAge);
      return this;
    }

    /**
     * The policy of the compliance pre-flight (default {@link CompliancePolicy#defaults()}: every
     * rule of Korean law enforced). A reseller may relax rules for its own check (set them to
     * {@code WARN} or {@code OFF}); the relay applies its own policy on receipt, so a relaxed rule
     * only moves the refusal to the relay if the relay enforces it.
     */
    public Builder compliancePolicy(CompliancePolicy compliancePolicy) {
      if (compliancePolicy == null) {
        throw new IllegalArgumentException("compliancePolicy must not be null (use compliancePreflight(false))");
      }
      this.compliancePolicy = compliancePolicy;
      return this;
    }

    /**
     * Whether batches are checked against the {@linkplain #compliancePolicy compliance policy}
     * before they are certified (default {@code true}). Switch it off only when the batches were
     * checked already or the transport is not a TQC batch document.
     */
    public Builder compliancePreflight(boolean enabled) {
      this.compliancePreflight = enabled;
      return this;
    }

    ClientConfig config() {
      return config.compliancePolicy(compliancePreflight ? compliancePolicy : null).build();
    }

    /**
     * Validates the settings and starts the client: discovery, first token and status stream run in
     * the background (see {@link TqcClient#awaitReady}).
     *
     * @throws IllegalArgumentException if a required setting is missing or a value is out of range
     */
    public TqcClient build() {
      if (listener == null) {
        throw new IllegalArgumentException("listener must not be null (use TqcEventListener.NONE)");
      }
      return new TqcClient(this);
    }
  }
}
