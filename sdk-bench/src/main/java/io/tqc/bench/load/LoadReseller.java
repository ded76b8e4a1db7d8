package io.tqc.bench.load;

import io.tqc.api.ReasonCode;
import io.tqc.api.TqcException;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import io.tqc.relay.Registration;
import io.tqc.relay.Relay;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * One simulated reseller: its own key, registered with the relay, a {@link TqcClient} and an
 * application {@code OkHttpClient} with the TQC interceptor. Records when its client processed a
 * suspension and when it first refused a batch for it.
 */
final class LoadReseller implements AutoCloseable {
  private static final int[] WEIGHTS = {1, 3, 7, 1, 3, 7, 1, 3, 5};

  final ResellerId id;
  final SigningKey key = SigningKey.generate();
  final TqcClient client;
  final OkHttpClient http;
  /** True between the client processing a suspension and a reinstatement. */
  volatile boolean suspendedProcessed;
  /** Nano time the client processed the last suspension (statusChanged to SUSPENDED). */
  final AtomicLong processedAt = new AtomicLong();
  /** Nano time of the first {@code certification_suspended} refusal since {@link #resetCycle()}. */
  final AtomicLong firstRefusalAt = new AtomicLong();

  LoadReseller(int index, Relay relay, String relayUrl) throws Exception {
    this.id = resellerId(index);
    relay.registry().register(new Registration.Builder().id(id).name("재판매사 " + index)
        .addKey(key.verificationKey()).senderNumbers(Arrays.asList("0212345678", "15881234"))
        .originCode("123456789").build(), "load-harness");
    this.client = new TqcClient.Builder().relayUrl(relayUrl).resellerId(id).signingKey(key)
        .listener(new Recorder()).build();
    this.http = new OkHttpClient.Builder().addInterceptor(client.interceptor())
        .socketFactory(new NoDelaySocketFactory())
        .callTimeout(30, TimeUnit.SECONDS).build();
  }

  void awaitReady() throws TqcClientException, InterruptedException {
    client.awaitReady(Duration.ofSeconds(30));
  }

  void resetCycle() {
    firstRefusalAt.set(0);
    processedAt.set(0);
  }

  private final class Recorder implements TqcEventListener {
    @Override
    public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence,
        String reason) {
      if (current == CertificationStatus.SUSPENDED) {
        processedAt.compareAndSet(0, System.nanoTime());
        suspendedProcessed = true;
      } else if (current == CertificationStatus.ACTIVE) {
        suspendedProcessed = false;
      }
    }

    @Override
    public void failedClosed(TqcClientException refusal) {
      if (refusal.reason() == ReasonCode.CERTIFICATION_SUSPENDED) {
        firstRefusalAt.compareAndSet(0, System.nanoTime());
      }
    }
  }

  /** A valid business registration number (국세청 check digit) derived from {@code index}. */
  static ResellerId resellerId(int index) throws TqcException {
    String nine = String.format("%09d", 124810000 + index * 7919);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (nine.charAt(i) - '0') * WEIGHTS[i];
    }
    sum += ((nine.charAt(8) - '0') * 5) / 10;
    return ResellerId.parse(nine + (10 - sum % 10) % 10);
  }

  @Override
  public void close() {
    client.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
