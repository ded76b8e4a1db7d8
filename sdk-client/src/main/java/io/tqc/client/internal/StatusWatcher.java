package io.tqc.client.internal;

import io.tqc.api.VerificationException;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.StatusEvents;
import io.tqc.api.http.TqcHeaders;
import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import io.tqc.api.key.KeySet;
import io.tqc.api.status.SignedStatus;
import io.tqc.client.internal.RelayDirectory.Endpoints;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the certification status current: subscribes to the relay's status event stream
 * (server-sent events, one relay-signed status per event, on every change and as a heartbeat),
 * reconnects with exponential backoff (waiting at least the relay's {@code Retry-After}), and polls
 * the status endpoint while the stream is down. Both schedules are kept on the injected
 * {@link ClientConfig#ticker}, like every other client deadline. The stream is read by
 * {@link EventStreamReader}, which bounds the bytes of each event and of each connection; an
 * overflow ends the connection like any stream failure.
 * Every status is verified against the relay's keys before it counts; a status that fails is
 * logged and ignored.
 */
public final class StatusWatcher {
  private static final Logger log = LoggerFactory.getLogger(StatusWatcher.class);
  private static final String EVENT_TYPE = StatusEvents.EVENT_TYPE;

  private final ClientEngine engine;
  private final ClientConfig config;
  private final RelayDirectory directory;
  private final RelayHttp http;
  private final Resilience resilience;
  private final OkHttpClient streams;
  private final AtomicReference<Stream> current = new AtomicReference<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile boolean streamOpen;
  private volatile boolean stopped;
  /** Ticker reading before which the stream is not reconnected (the reconnect backoff). */
  private volatile long nextConnectAt;
  /** Ticker reading before which the status endpoint is not polled while the stream is down. */
  private volatile long nextPollAt;
  private volatile long backoffMillis;
  /** Stream connections opened (a test observes the reconnect schedule). */
  private final AtomicLong connects = new AtomicLong();
  /** Status polls started (a test observes the poll-while-down schedule). */
  private final AtomicLong polls = new AtomicLong();
  private volatile boolean streamTroubleLogged;
  private volatile boolean pollTroubleLogged;

  StatusWatcher(ClientEngine engine, ClientConfig config, RelayDirectory directory, RelayHttp http,
      Resilience resilience, OkHttpClient streams) {
    this.engine = engine;
    this.config = config;
    this.directory = directory;
    this.http = http;
    this.resilience = resilience;
    this.streams = streams;
    this.backoffMillis = config.reconnectInitialBackoff.toMillis();
    long now = config.ticker.read();
    this.nextConnectAt = now;
    this.nextPollAt = now;
  }

  /** Periodic maintenance: (re)connect the stream when due; poll while it is down. */
  void tick() {
    Endpoints ep = directory.endpointsOrNull();
    if (stopped || ep == null) {
      return;
    }
    long now = config.ticker.read();
    if (current.get() == null && now - nextConnectAt >= 0) {
      connect(ep);
    }
    if (!streamOpen && now - nextPollAt >= 0 && polling.compareAndSet(false, true)) {
      try {
        engine.executor().execute(this::poll);
      } catch (RejectedExecutionException e) {
        polling.set(false);
      }
    }
  }

  private void connect(Endpoints ep) {
    Stream stream = new Stream();
    if (!current.compareAndSet(null, stream)) {
      return;
    }
    Request request = new Request.Builder().url(ep.statusEventsUrl).header(TqcHeaders.ACCEPT, MediaTypes.EVENT_STREAM).build();
    connects.incrementAndGet();
    stream.call = streams.newCall(request);
    stream.call.enqueue(stream);
    if (stopped) {
      stream.call.cancel();
    }
  }

  private void poll() {
    polls.incrementAndGet();
    long retryAfter = -1;
    try {
      Endpoints ep = directory.endpoints();
      JsonObject json = resilience.call(() -> http.getJson(ep.statusUrl, "status response"));
      String compact;
      try {
        compact = json.string("status");
      } catch (JsonException e) {
        throw new RelayContractException("status response: " + e.getMessage());
      }
      if (accept(compact, "status poll")) {
        pollTroubleLogged = false;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RelayHttpException) {
        retryAfter = ((RelayHttpException) e).retryAfterMillis();
      }
      if (!stopped && !engine.isClosed()) {
        if (!pollTroubleLogged) {
          pollTroubleLogged = true;
          log.warn("TQC status poll failed: {}", Texts.clean(String.valueOf(e.getMessage()), 300));
        } else {
          log.debug("TQC status poll failed again: {}", e.toString());
        }
      }
    } finally {
      nextPollAt = config.ticker.read() + Math.max(config.statusPollInterval.toNanos(), retryAfter * 1_000_000L);
      polling.set(false);
    }
  }

  /** Verifies one signed status and hands it to the engine; false (and a log line) if it is invalid. */
  boolean accept(String compact, String via) {
    if (stopped || engine.isClosed()) {
      return false;
    }
    String jws = compact == null ? "" : compact.trim();
    long receivedAt = engine.ticker().read();
    Instant localReceipt = config.clock.instant();
    Instant relayNow = engine.relayNow(engine.state());
    try {
      Endpoints ep = directory.endpoints();
      String kid = RelayDirectory.peekKeyId(jws);
      KeySet keys = directory.keysFor(kid);
      SignedStatus status = SignedStatus.verify(jws, keys, ep.issuer, config.resellerId, relayNow,
          config.statusSkewTolerance);
      engine.statusVerified(status, kid, receivedAt, relayNow, via);
      engine.relayStatusTimeObserved(status.issuedAt(), localReceipt);
      return true;
    } catch (VerificationException e) {
      log.warn("TQC ignored a signed status from the {}: {}", via, e.getMessage());
      return false;
    } catch (IOException e) {
      log.warn("TQC could not verify a status from the {}: relay keys unavailable: {}", via, e.getMessage());
      return false;
    }
  }

  private void streamEnded(Stream stream, String why, boolean trouble, long retryAfterMillis) {
    if (!current.compareAndSet(stream, null)) {
      return;
    }
    streamOpen = false;
    if (stopped || engine.isClosed()) {
      return;
    }
    long delay = Math.max(backoffMillis, retryAfterMillis);
    backoffMillis = Math.min(config.reconnectMaxBackoff.toMillis(), delay * 2);
    nextConnectAt = config.ticker.read() + delay * 1_000_000L;
    engine.listener().statusStreamReconnecting(trouble, java.time.Duration.ofMillis(delay));
    if (trouble && !streamTroubleLogged) {
      streamTroubleLogged = true;
      log.warn("TQC status stream failed: {}; polling meanwhile, reconnecting in {}", why, Texts.seconds(delay));
    } else {
      log.debug("TQC status stream ended: {}; reconnecting in {}", why, Texts.seconds(delay));
    }
  }

  /**
   * The ticker reading before which the stream is not reconnected (the reconnect backoff, on the
   * injected ticker like every other client deadline); at or before the current reading when due.
   */
  public long nextConnectAt() {
    return nextConnectAt;
  }

  /** The ticker reading before which the status endpoint is not polled while the stream is down. */
  public long nextPollAt() {
    return nextPollAt;
  }

  /** Stream connections opened since start. */
  public long connects() {
    return connects.get();
  }

  /** Status polls run since start. */
  public long polls() {
    return polls.get();
  }

  /** Stops the stream and polling for good (client closed or certification revoked). */
  void stop() {
    stopped = true;
    streamOpen = false;
    Stream stream = current.getAndSet(null);
    if (stream != null && stream.call != null) {
      stream.call.cancel();
    }
  }

  /**
   * One connection of the event stream, read by {@link EventStreamReader} on the OkHttp thread
   * (the caps on event and connection size apply while reading).
   */
  private final class Stream implements Callback, EventStreamReader.Handler {
    volatile Call call;

    @Override
    public void onResponse(Call c, Response response) {
      try (Response r = response) {
        if (current.get() != this) {
          return;
        }
        http.observeDate(r);
        ResponseBody body = r.body();
        MediaType type = body.contentType();
        if (!r.isSuccessful()) {
          streamEnded(this, "relay answered HTTP " + r.code(), true,
              Problems.retryAfterMillis(r.header(TqcHeaders.RETRY_AFTER), config.clock.instant()));
          return;
        }
        if (type == null || !"text".equals(type.type()) || !"event-stream".equals(type.subtype())) {
          streamEnded(this, "not an event stream (content type "
              + Texts.clean(type == null ? "none" : type.type() + "/" + type.subtype(), 80) + ")", true, -1);
          return;
        }
        streamOpen = true;
        log.debug("TQC status stream connected");
        new EventStreamReader(body.source()).readAll(this);
        streamEnded(this, "closed by the relay", false, -1);
      } catch (IOException | RuntimeException e) {
        streamEnded(this, (streamOpen ? "the stream broke off (" : "cannot connect (") + e.getClass().getSimpleName()
            + ": " + Texts.clean(String.valueOf(e.getMessage()), 200) + ")", true, -1);
      }
    }

    @Override
    public void onFailure(Call c, IOException e) {
      streamEnded(this, "cannot connect (" + e.getClass().getSimpleName() + ": "
          + Texts.clean(String.valueOf(e.getMessage()), 200) + ")", true, -1);
    }

    @Override
    public void onEvent(String id, String type, String data) {
      if (current.get() != this) {
        return;
      }
      if (type != null && !EVENT_TYPE.equals(type)) {
        log.debug("TQC status stream: ignored an event of type {}", Texts.clean(type, 40));
        return;
      }
      if (accept(data, "status stream")) {
        backoffMillis = config.reconnectInitialBackoff.toMillis();
        streamTroubleLogged = false;
      }
    }
  }
}
