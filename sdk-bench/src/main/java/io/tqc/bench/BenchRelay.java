package io.tqc.bench;

import io.tqc.api.batch.Batch;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.ContentPolicy;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.store.SigningKeyStore;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * An in-process {@link Relay} for CPU benchmarks: fixed clock ({@link Fixtures#NOW}), audit records
 * dropped ({@link DiscardingAuditStore}), a {@link RecyclingReplayCache}, one registered reseller
 * holding a token the relay issued, and a pool of distinct pre-signed proofs over one batch.
 */
final class BenchRelay implements Closeable {
  final SigningKey resellerKey = SigningKey.generate();
  final ResellerId resellerId;
  final RecyclingReplayCache replayCache;
  final DiscardingAuditStore store = new DiscardingAuditStore();
  final Relay relay;
  final String token;
  final byte[] batch;
  final String[] proofs;
  private int next;

  /**
   * @param tokenCacheSize the relay's verified-token cache size (0 verifies every token signature)
   * @param policy the content policy the relay applies
   * @param messages messages in the batch
   * @param pool distinct proofs to pre-sign
   */
  BenchRelay(int tokenCacheSize, ContentPolicy policy, int messages, int pool) throws Exception {
    this(tokenCacheSize, policy, messages, pool, null);
  }

  /** As above with the proof-key cache sized {@code proofKeyCacheSize} (0: every proof decodes its key). */
  BenchRelay(int tokenCacheSize, int proofKeyCacheSize, ContentPolicy policy, int messages, int pool)
      throws Exception {
    this(tokenCacheSize, proofKeyCacheSize, policy, messages, pool, null);
  }

  /** As above, with {@code sharedReplayCache} (for example Redis) instead of the in-memory one, if not null. */
  BenchRelay(int tokenCacheSize, ContentPolicy policy, int messages, int pool, ReplayCache sharedReplayCache)
      throws Exception {
    this(tokenCacheSize, io.tqc.api.token.CertificationVerifier.DEFAULT_PROOF_KEY_CACHE_SIZE, policy, messages, pool,
        sharedReplayCache);
  }

  private BenchRelay(int tokenCacheSize, int proofKeyCacheSize, ContentPolicy policy, int messages, int pool,
      ReplayCache sharedReplayCache) throws Exception {
    replayCache = sharedReplayCache == null ? new RecyclingReplayCache(RelayConfig.DEFAULT_REPLAY_CAPACITY)
        : new RecyclingReplayCache(sharedReplayCache);
    resellerId = ResellerId.parse("124-81-00998");
    relay = Relay.open(new RelayConfig.Builder()
        .issuer(Fixtures.RELAY)
        .clock(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC))
        .store(store)
        .signingKeyStore(SigningKeyStore.inMemory())
        .replayCache(replayCache)
        .tokenCacheSize(tokenCacheSize)
        .proofKeyCacheSize(proofKeyCacheSize)
        .contentPolicy(policy)
        .build());
    relay.registry().register(new Registration.Builder().id(resellerId).name("예시문자")
        .addKey(resellerKey.verificationKey()).senderNumbers(Arrays.asList(Fixtures.SENDER, "15881234"))
        .originCode("123456789").build(), "bench");
    String assertion = ClientAssertion.create(resellerKey, resellerId, Fixtures.RELAY, Fixtures.NOW,
        Duration.ofMinutes(1));
    token = relay.issueToken(resellerId.value(), assertion).token().compact();
    batch = Fixtures.batch(messages).toJsonBytes();
    BatchProofSigner signer = new BatchProofSigner(resellerKey, Fixtures.RELAY);
    String digest = CertificationToken.decodeUnverified(token).digest();
    proofs = new String[pool];
    for (int i = 0; i < pool; i++) {
      proofs[i] = signer.sign(digest, batch, messages, Fixtures.NOW).compact();
    }
    if (Batch.parse(batch, messages).messageCount() != messages) {
      throw new IllegalStateException("fixture batch");
    }
  }

  /** The next unused proof; when the pool is used up, the replay cache forgets and the pool restarts. */
  String nextProof() {
    if (next == proofs.length) {
      next = 0;
      replayCache.forget();
    }
    return proofs[next++];
  }

  @Override
  public void close() throws IOException {
    relay.close();
  }
}
