package io.tqc.relay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.batch.BatchMessage;
import io.tqc.api.key.SigningKey;
import io.tqc.api.token.BatchProofSigner;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.ResellerId;
import io.tqc.relay.store.InMemoryRelayStore;
import io.tqc.relay.store.SigningKeyStore;
import io.tqc.relay.store.StoredSigningKey;
import io.tqc.relay.testing.MutableClock;
import io.tqc.relay.testing.ResellerIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;

/** A relay on in-memory stores with a hand-moved clock and a relay key the test knows. */
final class RelayFixture implements AutoCloseable {
  static final String ISSUER = "https://relay.test.kr";
  static final List<String> SENDERS = List.of("0212345678", "15881234");

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T03:00:00Z"));
  final SigningKey relayKey = SigningKey.generate();
  final InMemoryRelayStore store = new InMemoryRelayStore();
  final SigningKeyStore keyStore = SigningKeyStore.inMemory();
  final Relay relay;

  RelayFixture() throws Exception {
    this(b -> b);
  }

  RelayFixture(UnaryOperator<RelayConfig.Builder> customize) throws Exception {
    keyStore.save(List.of(new StoredSigningKey(relayKey, clock.instant(), null, null)));
    RelayConfig.Builder builder = new RelayConfig.Builder().issuer(ISSUER).store(store).signingKeyStore(keyStore)
        .clock(clock).heartbeatInterval(Duration.ofMillis(50));
    relay = Relay.open(customize.apply(builder).build());
  }

  /** A registered reseller and its key. */
  final class Member {
    final ResellerId id;
    final SigningKey key;
    final BatchProofSigner signer;
    Reseller record;

    Member(ResellerId id, SigningKey key, Reseller record) {
      this.id = id;
      this.key = key;
      this.signer = new BatchProofSigner(key, ISSUER);
      this.record = record;
    }

    String assertion() {
      return ClientAssertion.create(key, id, ISSUER, clock.instant(), Duration.ofMinutes(1));
    }

    String token() throws RelayException {
      return relay.issueToken(id.value(), assertion()).token().compact();
    }

    String proof(String token, byte[] body, int n) {
      return signer.sign(digest(token), body, n, clock.instant()).compact();
    }

    AcceptedBatch send(String token, byte[] body) throws Exception {
      int n = Batch.parse(body, 1_000_000).messageCount();
      return relay.acceptBatch(token, proof(token, body, n), body);
    }

    /** Valid claims for this member, to modify and sign with the relay key. */
    CertificationClaims.Builder claims() {
      Instant now = clock.instant();
      return new CertificationClaims.Builder().issuer(ISSUER).subject(id).issuedAt(now)
          .expiresAt(now.plusSeconds(600)).tokenId("tok" + Long.toHexString(System.nanoTime()) + "AAAAAAAAAAAA")
          .keyThumbprint(key.verificationKey().thumbprint()).certificationId(record.certificationId())
          .certificationExpiresAt(record.certificationExpiresAt()).senderNumbers(SENDERS)
          .originCode(record.originCode()).statusListIndex(record.statusListIndex())
          .statusListUri(ISSUER + "/v1/status-lists/0");
    }
  }

  static String digest(String token) {
    return io.tqc.api.internal.Digests.sha256Base64Url(token);
  }

  Member register() throws Exception {
    return register(b -> b);
  }

  Member register(UnaryOperator<Registration.Builder> customize) throws Exception {
    ResellerId id = ResellerIds.random();
    SigningKey key = SigningKey.generate();
    Registration registration = customize.apply(new Registration.Builder().id(id).name("Reseller " + id)
        .addKey(key.verificationKey()).senderNumbers(SENDERS).originCode("123456789")).build();
    return new Member(id, key, relay.registry().register(registration, "test-operator"));
  }

  String sign(CertificationClaims.Builder claims) {
    return CertificationToken.sign(claims.build(), relayKey).compact();
  }

  /** A compliant advertising text of {@link #ADVERTISER} (marker, name, contact, free 080 opt-out). */
  static String compliantText(int i) {
    return "(광고)테스트상점 할인 안내 " + i + " 문의 02-1234-5678 무료거부 080-123-4567";
  }

  static final String ADVERTISER = "테스트상점";

  /**
   * A compliant advertising batch from {@code sender} (night consent on every message, so it passes
   * at any hour) to distinct mobile numbers.
   */
  static byte[] body(String sender, int messages) {
    Batch.Builder batch = new Batch.Builder().senderNumber(sender).advertising(true)
        .advertiser(ADVERTISER, "02-1234-5678");
    for (int i = 0; i < messages; i++) {
      batch.addMessage(new BatchMessage(String.format("0101234%04d", i), compliantText(i), true));
    }
    return batch.build().toJsonBytes();
  }

  static byte[] body() {
    return body(SENDERS.get(0), 2);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ReasonCode reason) {
    return assertThatThrownBy(call).isInstanceOfSatisfying(RelayException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
  }

  @Override
  public void close() throws java.io.IOException {
    relay.close();
  }
}
