package io.tqc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ClientAssertion;
import io.tqc.api.token.VerifiedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenLifecycleTest {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final byte[] BATCH = "{\"sender_number\":\"0212345678\",\"advertising\":true,\"messages\":[]}"
      .getBytes(StandardCharsets.UTF_8);

  RelayStub relay;
  TqcClient client;

  @BeforeEach
  void setUp() throws Exception {
    relay = new RelayStub();
    relay.stubStatus(CertificationStatus.ACTIVE, 1);
  }

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    relay.close();
  }

  @Test
  void firstToken_isFetchedWithAValidAssertion_andCertifiedBatchesVerifyAtTheRelay() throws Exception {
    CertificationToken token = relay.stubToken(LIFETIME);
    List<CertificationToken> refreshed = new CopyOnWriteArrayList<>();
    client = relay.client().listener(new TqcEventListener() {
      @Override
      public void tokenRefreshed(CertificationToken t) {
        refreshed.add(t);
      }
    }).build();

    client.awaitReady(Duration.ofSeconds(10));
    CertifiedBatch certified = client.certify(BATCH, 3);

    assertThat(certified.token()).isEqualTo(token.compact());
    assertThat(certified.headers()).containsEntry("Authorization", "TQC " + token.compact())
        .containsEntry("TQC-Proof", certified.proof().compact());
    VerifiedBatch verified = relay.verifier().verify(token.compact(), certified.proofHeader(), BATCH, 3, Instant.now());
    assertThat(verified.batchId()).isEqualTo(certified.batchId());
    assertThat(refreshed).extracting(t -> t.claims().tokenId()).containsExactly(token.claims().tokenId());

    ServeEvent request = relay.requestsTo(RelayStub.TOKEN_PATH).get(0);
    JsonObject body = Json.parseObject(request.getRequest().getBody());
    assertThat(body.string("reseller_id")).isEqualTo(relay.reseller.value());
    List<VerificationKey> registered = Collections.singletonList(relay.resellerKey.verificationKey());
    ClientAssertion assertion = ClientAssertion.verify(body.string("assertion"), relay.reseller, registered,
        RelayStub.ISSUER, Instant.now(), Duration.ofSeconds(5));
    assertThat(assertion.reseller()).isEqualTo(relay.reseller);
    assertThat(certified.toString()).doesNotContain(token.compact()).doesNotContain(certified.proofHeader());
  }

  @Test
  void prefetch_startsInTheBackgroundBeforeExpiry_whileCertifyKeepsReturningTheCurrentToken() throws Exception {
    FakeTicker ticker = new FakeTicker();
    CertificationToken first = relay.stubToken(LIFETIME);
    client = relay.client().ticker(ticker).build();
    client.awaitReady(Duration.ofSeconds(10));
    CertificationToken second = relay.stubToken(LIFETIME, 2500);

    ticker.advance(LIFETIME.multipliedBy(2).dividedBy(3));
    await().atMost(Duration.ofSeconds(5)).until(client::isReady); // a status confirmed at the new time
    assertThat(client.certify(BATCH, 1).token()).isEqualTo(first.compact());
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.tokenRequests() == 2);
    // The refresh is now held by the relay for 2.5 s: certify does not wait for it.
    CertifiedBatch during = client.certify(BATCH, 1);
    assertThat(during.token()).isEqualTo(first.compact());

    await().atMost(Duration.ofSeconds(10)).until(() -> client.certify(BATCH, 1).token().equals(second.compact()));
    assertThat(relay.tokenRequests()).isEqualTo(2);
  }

  @Test
  void staleToken_isNeverUsed_andTheRefusalCarriesTheBatch() throws Exception {
    FakeTicker ticker = new FakeTicker();
    relay.stubToken(LIFETIME);
    client = relay.client().ticker(ticker).build();
    client.awaitReady(Duration.ofSeconds(10));
    relay.stubTokenResponse(RelayStub.problem(503, "internal_error"));

    // 20 s before expiry: inside the default 30 s stale window. Statuses keep arriving, so only
    // the token is the problem.
    ticker.advance(LIFETIME.minusSeconds(20));
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.tokenRequests() >= 2);
    byte[] batch = BATCH.clone();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThatThrownBy(() -> client.certify(batch, 2))
            .isInstanceOfSatisfying(NotCertifiedException.class, e -> {
              assertThat(e.refusedBatch()).isSameAs(batch);
              assertThat(e.refusedMessageCount()).isEqualTo(2);
              assertThat(e.getCause()).isInstanceOf(RelayUnavailableException.class);
            }));
  }

  @Test
  void emptyCache_64ThreadsCertifying_causeExactlyOneTokenRequest() throws Exception {
    CertificationToken token = relay.stubToken(LIFETIME, 500);
    client = relay.client().build();
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
          while (true) {
            try {
              return client.certify(BATCH, 1).token();
            } catch (TqcClientException e) {
              if (System.nanoTime() > deadline) {
                throw e;
              }
              Thread.sleep(1);
            }
          }
        }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(token.compact());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(relay.tokenRequests()).isEqualTo(1);
  }

  @Test
  void clockSkew_isMeasuredFromTheRelay_andProofsAreStampedInRelayTime() throws Exception {
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));
    List<Duration> skews = new CopyOnWriteArrayList<>();
    CertificationToken token = relay.stubToken(LIFETIME);
    client = relay.client().clock(behind).listener(new TqcEventListener() {
      @Override
      public void clockSkewMeasured(Duration skew) {
        skews.add(skew);
      }
    }).build();
    client.awaitReady(Duration.ofSeconds(10));

    CertifiedBatch certified = client.certify(BATCH, 1);
    assertThat(certified.issuedAt()).isBetween(Instant.now().minusSeconds(3), Instant.now().plusSeconds(3));
    relay.verifier().verify(token.compact(), certified.proofHeader(), BATCH, 1, Instant.now());
    assertThat(skews).isNotEmpty();
    assertThat(skews.get(skews.size() - 1)).isBetween(Duration.ofSeconds(297), Duration.ofSeconds(303));
    // The assertion was stamped in relay time too (the relay refuses one from 5 minutes ago).
    String assertion = Json.parseObject(relay.requestsTo(RelayStub.TOKEN_PATH).get(0).getRequest().getBody())
        .string("assertion");
    ClientAssertion.verify(assertion, relay.reseller, Collections.singletonList(relay.resellerKey.verificationKey()),
        RelayStub.ISSUER, Instant.now(), Duration.ofSeconds(5));
  }

  @Test
  void failedTokenFetch_backsOffOnTheInjectedTicker_andRetriesOnceItsWindowHasPassed() throws Exception {
    FakeTicker ticker = new FakeTicker();
    List<TqcClientException> failures = new CopyOnWriteArrayList<>();
    relay.stubTokenResponse(RelayStub.problem(503, "internal_error"));
    Duration initial = Duration.ofMinutes(1);
    client = relay.client().ticker(ticker)
        .retry(RetryPolicy.builder().maxAttempts(1).backoff(Backoff.between(initial, Duration.ofMinutes(30))).build())
        .listener(new TqcEventListener() {
          @Override
          public void tokenRefreshFailed(TqcClientException e) {
            failures.add(e);
          }
        }).build();
    io.tqc.client.internal.ClientEngine engine = client.engine();

    // First failure: the backoff is 2 × initial with up to half of it taken off as jitter.
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() == 1);
    long wait = engine.nextTokenAttemptAt() - ticker.read();
    assertThat(wait).isBetween(initial.toNanos(), initial.multipliedBy(2).toNanos());
    assertThat(engine.tokenAttemptAllowed()).isFalse();
    ticker.advance(Duration.ofNanos(wait - 1));
    assertThat(engine.tokenAttemptAllowed()).isFalse();
    assertThat(relay.tokenRequests()).isEqualTo(1);
    ticker.advance(Duration.ofNanos(1));
    assertThat(engine.tokenAttemptAllowed()).isTrue();

    // Maintenance retries once the ticker says so; the second failure doubles the window.
    await().atMost(Duration.ofSeconds(10)).until(() -> failures.size() == 2);
    assertThat(relay.tokenRequests()).isEqualTo(2);
    long second = engine.nextTokenAttemptAt() - ticker.read();
    assertThat(second).isBetween(initial.multipliedBy(2).toNanos(), initial.multipliedBy(4).toNanos());
    assertThat(engine.tokenAttemptAllowed()).isFalse();

    relay.stubToken(LIFETIME);
    ticker.advance(Duration.ofNanos(second));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.state().token() != null);
    assertThat(relay.tokenRequests()).isEqualTo(3);
  }
}
