package io.tqc.relay.redis;

import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProof;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayConfig;
import io.tqc.relay.RelayException;
import io.tqc.relay.ReplayCache;
import io.tqc.relay.Reseller;
import io.tqc.relay.HistoryEntry;
import io.tqc.relay.store.RelayStore;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.testing.ResellerIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A relay node for these tests: a {@link Relay} on the given store, signing key store and replay
 * cache, on the real clock (Redis expires keys in real time), plus a registered reseller that
 * signs batches for it.
 */
final class RelayNode implements AutoCloseable {
  static final String ISSUER = "https://relay.test.kr";
  static final List<String> SENDERS = List.of("0212345678", "15881234");

  final Relay relay;
  final RelayStore store;

  RelayNode(RelayStore store, SigningKeyStore keys, ReplayCache replayCache) throws IOException {
    this.store = store;
    this.relay = Relay.open(new RelayConfig.Builder().issuer(ISSUER).store(store).signingKeyStore(keys)
        .replayCache(replayCache).clock(Clock.systemUTC()).heartbeatInterval(Duration.ofMillis(200)).build());
  }

  /** A reseller registered on this node. */
  Sender register() throws RelayException {
    ResellerId id = ResellerIds.random();
    SigningKey key = SigningKey.generate();
    Reseller record = relay.registry().register(new Registration.Builder().id(id).name("Reseller " + id)
        .addKey(key.verificationKey()).senderNumbers(SENDERS).originCode("123456789").build(), "test-operator");
    return new Sender(id, key, record);
  }

  /** Copies a registration made on another node into this node's own store (nodes without a shared store). */
  static void copyRegistration(RelayStore from, RelayStore to, Sender sender) throws IOException {
    List<HistoryEntry> history = from.history(sender.id);
    to.insertReseller(sender.record, history.get(0));
  }

  @Override
  public void close() throws IOException {
    relay.close();
  }

  /** A registered reseller: fetches tokens and signs batches. */
  static final class Sender {
    final ResellerId id;
    final SigningKey key;
    final Reseller record;
    final BatchProofSigner signer;

    Sender(ResellerId id, SigningKey key, Reseller record) {
      this.id = id;
      this.key = key;
      this.record = record;
      this.signer = new BatchProofSigner(key, ISSUER);
    }

    String assertion() {
      return ClientAssertion.create(key, id, ISSUER, Clock.systemUTC().instant(), Duration.ofMinutes(1));
    }

    String token(Relay relay) throws RelayException {
      return relay.issueToken(id.value(), assertion()).token().compact();
    }

    /** A fresh proof (new batch id) over {@link #BODY}. */
    BatchProof proof(String token) {
      return signer.sign(io.tqc.api.internal.Digests.sha256Base64Url(token), BODY, MESSAGES,
          Clock.systemUTC().instant());
    }
  }

  static final int MESSAGES = 2;
  /** The batch every test sends: compliant advertising, night consent (passes at any hour). */
  static final byte[] BODY = body(MESSAGES);

  private static byte[] body(int messages) {
    Batch.Builder batch = new Batch.Builder().senderNumber(SENDERS.get(0)).advertising(true)
        .advertiser("테스트상점", "02-1234-5678");
    for (int i = 0; i < messages; i++) {
      batch.addMessage(new BatchMessage(String.format("0101234%04d", i),
          "(광고)테스트상점 할인 안내 " + i + " 문의 02-1234-5678 무료거부 080-123-4567", true));
    }
    return batch.build().toJsonBytes();
  }
}
