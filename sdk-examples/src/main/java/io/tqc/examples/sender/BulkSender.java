package io.tqc.examples.sender;

import io.tqc.api.Disposition;
import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.http.BatchReceipt;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.Problem;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.client.AdvertisingBatch;
import io.tqc.client.RelayResponses;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.examples.sender.BatchOutcome.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a {@link Campaign} to its recipients in batches through a TQC relay, with OkHttp and the
 * TQC interceptor, and handles every refusal with one {@code switch} over its {@link Disposition}
 * (docs/reseller-guide.md, section 7), whether the client refused the batch (a
 * {@link TqcClientException}) or the relay did (a problem document read with {@link RelayResponses}):
 *
 * <ul>
 *   <li>{@link Disposition#RETRY_LATER} ({@code relay_unavailable}, {@code rate_limited},
 *       {@code quota_exceeded}, a 5xx) — pause for {@code Retry-After} (or the retry delay) and send
 *       the same batch again; a wait longer than the ready timeout defers it.
 *   <li>{@link Disposition#WAIT_FOR_RELAY} ({@code certification_suspended}, {@code not_certified},
 *       {@code status_unavailable}) — wait for the client to be ready, then send again; if it does
 *       not recover, the batch is {@link Status#DEFERRED deferred} and the run stops.
 *   <li>{@link Disposition#FIX_BATCH} (content rules, sender number, size, shape) — that batch is
 *       {@link Status#REFUSED refused}; the run goes on.
 *   <li>{@link Disposition#STOP} ({@code certification_revoked}, {@code certification_expired}, an
 *       unknown reseller, a wrong key, {@code batch_replayed}) — the batch is deferred and the run stops.
 *   <li>a connection that broke after the request left — {@link Status#UNCONFIRMED unconfirmed}: never
 *       resent blindly (it could be sent twice).
 * </ul>
 *
 * <p>Before sending, each batch is checked with a {@link CompliancePolicy} (the same engine the relay
 * runs), so a non-compliant batch is refused locally without a network call.
 *
 * <pre>{@code
 * TqcClient tqc = new TqcClient.Builder().relayUrl(relay).resellerId("124-81-00998")
 *     .signingKeyFile(Paths.get("reseller-key.jwk")).build();
 * BulkSender sender = new BulkSender.Builder().client(tqc).http(appHttpClient)
 *     .batchEndpoint(relay + "v1/batches").build();
 * SendReport report = sender.send(campaign, RecipientCsv.read(Files.newBufferedReader(csv)));
 * }</pre>
 */
public final class BulkSender {
  private static final MediaType JSON = MediaType.get(MediaTypes.JSON);

  private final TqcClient client;
  private final OkHttpClient http;
  private final HttpUrl batchEndpoint;
  private final CompliancePolicy policy;
  private final Clock clock;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final Duration readyTimeout;

  private BulkSender(Builder b) {
    if (b.client == null || b.batchEndpoint == null) {
      throw new IllegalArgumentException("client and batchEndpoint are required");
    }
    this.client = b.client;
    this.http = (b.http != null ? b.http : new OkHttpClient()).newBuilder().addInterceptor(b.client.interceptor())
        .build();
    this.batchEndpoint = b.batchEndpoint;
    this.policy = b.policy;
    this.clock = b.clock;
    this.maxAttempts = b.maxAttempts;
    this.retryDelay = b.retryDelay;
    this.readyTimeout = b.readyTimeout;
  }

  /** Sends every batch of {@code campaign} for {@code recipients}; one outcome per batch, none lost. */
  public SendReport send(Campaign campaign, List<Recipient> recipients) throws InterruptedException {
    List<BatchOutcome> outcomes = new ArrayList<>();
    String stoppedBy = null;
    List<Batch> batches = campaign.batches(recipients);
    for (int i = 0; i < batches.size(); i++) {
      Batch batch = batches.get(i);
      byte[] body = batch.toJsonBytes();
      BatchOutcome outcome;
      if (stoppedBy != null) {
        outcome = outcome(i, Status.DEFERRED, batch, body, stoppedBy, "not sent: the run stopped earlier");
      } else {
        outcome = sendOne(i, batch, body);
        if (outcome.status() == Status.DEFERRED) {
          stoppedBy = outcome.code(); // every deferral means the certification or the relay is not healthy
        }
      }
      outcomes.add(outcome);
    }
    return new SendReport(outcomes, stoppedBy);
  }

  private BatchOutcome sendOne(int index, Batch batch, byte[] body) throws InterruptedException {
    ComplianceReport report = policy.check(batch, null, clock.instant());
    if (!report.isCompliant()) {
      return outcome(index, Status.REFUSED, batch, body, report.errors().get(0).code().code(),
          report.errors().size() + " content violation(s), first: " + report.errors().get(0).detail());
    }
    Refusal last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Request request = new Request.Builder().url(batchEndpoint).post(RequestBody.create(body, JSON))
          .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(batch.messageCount())).build();
      Refusal refusal;
      try (Response response = http.newCall(request).execute()) {
        if (response.code() == 202) {
          BatchReceipt receipt = RelayResponses.receipt(response);
          return new BatchOutcome(index, Status.ACCEPTED, receipt.accepted(), receipt.batchId(), null, null, body);
        }
        // A refusal the relay answered (the interceptor already applied certification_* to the client).
        refusal = Refusal.of(response);
      } catch (TqcClientException e) {
        // A refusal of the client itself (fail closed), or a relay refusal the interceptor threw.
        refusal = Refusal.of(e);
      } catch (ConnectException e) {
        refusal = new Refusal(Disposition.RETRY_LATER, ReasonCode.RELAY_UNAVAILABLE.code(), e.getMessage(), null);
      } catch (IOException e) {
        // The batch may have arrived: never resend it blindly (it could be delivered twice).
        return outcome(index, Status.UNCONFIRMED, batch, body, ReasonCode.RELAY_UNAVAILABLE.code(),
            "the connection broke after the batch left (" + e.getMessage() + "): check the relay's records first");
      }
      last = refusal;
      switch (refusal.disposition) {
        case RETRY_LATER: {
          Duration wait = refusal.retryAfter != null ? refusal.retryAfter : retryDelay;
          if (wait.compareTo(readyTimeout) > 0) {
            return outcome(index, Status.DEFERRED, batch, body, refusal.code, "retry after " + wait.getSeconds()
                + " s: " + refusal.detail);
          }
          pause(wait);
          break;
        }
        case WAIT_FOR_RELAY:
          awaitReady();
          break;
        case FIX_BATCH:
          return outcome(index, Status.REFUSED, batch, body, refusal.code, refusal.detail);
        case STOP:
        default:
          return outcome(index, Status.DEFERRED, batch, body, refusal.code, refusal.detail);
      }
    }
    return outcome(index, Status.DEFERRED, batch, body, last.code, "still failing after " + maxAttempts
        + " attempts: " + last.detail);
  }

  /** One refusal: what to do about it, its code as sent, its detail and the relay's Retry-After. */
  private static final class Refusal {
    final Disposition disposition;
    final String code;
    final String detail;
    final Duration retryAfter;

    Refusal(Disposition disposition, String code, String detail, Duration retryAfter) {
      this.disposition = disposition;
      this.code = code;
      this.detail = detail;
      this.retryAfter = retryAfter;
    }

    static Refusal of(Response response) throws IOException {
      Problem problem = RelayResponses.problem(response);
      String code = problem != null ? problem.code() : "http_" + response.code();
      String detail = "relay answered " + response.code() + (problem != null ? ": " + problem.detail() : "");
      return new Refusal(RelayResponses.disposition(response), code, detail, RelayResponses.retryAfter(response));
    }

    static Refusal of(TqcClientException e) {
      // A not_certified that stops (unknown reseller, wrong key) is reported with the relay's reason.
      TqcClientException cause = e.disposition() == Disposition.STOP && e.getCause() instanceof TqcClientException
          ? (TqcClientException) e.getCause() : e;
      return new Refusal(e.disposition(), cause.reason().code(), cause.detail(), null);
    }
  }

  private void awaitReady() throws InterruptedException {
    try {
      client.awaitReady(readyTimeout);
    } catch (TqcClientException e) {
      // Still not ready: the next attempt reports why.
    }
  }

  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static BatchOutcome outcome(int index, Status status, Batch batch, byte[] body, String code, String detail) {
    return new BatchOutcome(index, status, batch.messageCount(), null, code, detail, body);
  }

  /** Builds a {@link BulkSender}; the TQC client and the batch endpoint are required. */
  public static final class Builder {
    private TqcClient client;
    private OkHttpClient http;
    private HttpUrl batchEndpoint;
    private CompliancePolicy policy = CompliancePolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private int maxAttempts = 3;
    private Duration retryDelay = Duration.ofSeconds(1);
    private Duration readyTimeout = Duration.ofSeconds(10);

    /** The reseller's TQC client (one per relay, shared by the application). */
    public Builder client(TqcClient client) {
      this.client = client;
      return this;
    }

    /** The application's OkHttp client; the sender derives one with the TQC interceptor. */
    public Builder http(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The relay's batch endpoint ({@code batch_endpoint} of its configuration document). */
    public Builder batchEndpoint(String batchEndpoint) {
      this.batchEndpoint = HttpUrl.get(batchEndpoint);
      return this;
    }

    /** The content policy checked before sending (default: the law's defaults). */
    public Builder policy(CompliancePolicy policy) {
      this.policy = policy;
      return this;
    }

    /** The clock giving the send time for the night-window rule (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Attempts per batch for transient failures, and the pause between them (default 3, 1 s). */
    public Builder retry(int maxAttempts, Duration retryDelay) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = maxAttempts;
      this.retryDelay = retryDelay;
      return this;
    }

    /** How long to wait for the client to recover from a transient refusal (default 10 s). */
    public Builder readyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    /** Builds the sender. */
    public BulkSender build() {
      return new BulkSender(this);
    }
  }
}
