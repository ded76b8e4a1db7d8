package io.tqc.examples.cli;

import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.api.token.ResellerId;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NotCertifiedException;
import io.tqc.client.RelayUnavailableException;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TqcClient} opened for one CLI command. Waiting for it fails fast on what waiting cannot
 * heal (the relay refused the token request, the certification is suspended or revoked) and keeps
 * waiting through transient trouble until the timeout.
 */
final class ClientSession implements AutoCloseable {
  private final TqcClient client;
  private final Events events;

  private ClientSession(TqcClient client, Events events) {
    this.client = client;
    this.events = events;
  }

  /** Builds and starts a client for the reseller; the key file holds a private JWK or PKCS#8 PEM. */
  static ClientSession open(RelayApi api, String resellerId, Path keyFile) throws Exception {
    ResellerId id = ResellerId.parse(resellerId);
    SigningKey key = SigningKey.parse(Files2.read(keyFile));
    Events events = new Events();
    TqcClient client = new TqcClient.Builder()
        .relayUrl(api.base())
        .resellerId(id)
        .signingKey(key)
        .okHttpClient(api.http())
        .listener(events)
        .build();
    return new ClientSession(client, events);
  }

  TqcClient client() {
    return client;
  }

  /** Waits until a batch could be certified. */
  void awaitReady(Duration timeout) throws TqcClientException, InterruptedException {
    await(timeout, client::isReady);
  }

  /** Waits for the first certification token. */
  CertificationToken awaitToken(Duration timeout) throws TqcClientException, InterruptedException {
    await(timeout, () -> events.token.get() != null);
    return events.token.get();
  }

  private void await(Duration timeout, java.util.function.BooleanSupplier done)
      throws TqcClientException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      TqcClientException fatal = events.fatal.get();
      if (fatal != null) {
        throw fatal;
      }
      if (System.nanoTime() - deadline >= 0) {
        TqcClientException last = events.lastFailure.get();
        if (last instanceof RelayUnavailableException) {
          throw last; // the relay went away while we waited: exit 3 with what failed, not "circuit breaker open"
        }
        client.awaitReady(Duration.ZERO); // throws the reason it is not ready
        throw last != null ? last
            : new NotCertifiedException("no certification token within " + timeout.getSeconds() + " s", null, 0, null);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** Records the first fatal event and the first token. */
  private static final class Events implements TqcEventListener {
    final AtomicReference<TqcClientException> fatal = new AtomicReference<>();
    final AtomicReference<TqcClientException> lastFailure = new AtomicReference<>();
    final AtomicReference<CertificationToken> token = new AtomicReference<>();

    @Override
    public void tokenRefreshed(CertificationToken refreshed) {
      token.compareAndSet(null, refreshed);
    }

    @Override
    public void tokenRefreshFailed(TqcClientException error) {
      lastFailure.set(error);
      if (!(error instanceof RelayUnavailableException)) {
        fatal.compareAndSet(null, error);
      }
    }

    @Override
    public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence,
        String reason) {
      // A refusal of the token request moves the client without a signed status: no sequence then.
      String why = "the relay reports the certification " + current + (sequence >= 0 ? " (seq " + sequence + ")" : "")
          + (reason == null ? "" : ": " + reason);
      if (current == CertificationStatus.SUSPENDED) {
        fatal.compareAndSet(null, new CertificationSuspendedException(why, null, 0, null));
      } else if (current == CertificationStatus.REVOKED) {
        fatal.compareAndSet(null, new CertificationRevokedException(why, null, 0, null));
      }
    }
  }
}
