package io.tqc.examples.sender;

import io.tqc.api.batch.Batch;
import io.tqc.api.compliance.CompliancePolicy;
import io.tqc.api.compliance.ComplianceReport;
import io.tqc.api.internal.Json;
import io.tqc.api.internal.JsonObject;
import io.tqc.client.AdvertisingBatch;
import io.tqc.client.CertificationExpiredException;
import io.tqc.client.CertificationRevokedException;
import io.tqc.client.CertificationSuspendedException;
import io.tqc.client.NotCertifiedException;
import io.tqc.client.RelayRefusedException;
import io.tqc.client.RelayUnavailableException;
import io.tqc.client.StatusUnavailableException;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import io.tqc.examples.sender.BatchOutcome.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends a {@link Campaign} to its recipients in batches through a TQC relay, with OkHttp and the
 * TQC interceptor, and handles every refusal as docs/reseller-guide.md (section 7) says:
 *
 * <ul>
 *   <li>{@code certification_suspended}, {@code certification_revoked}, {@code certification_expired}
 *       — stop the run; this and every later batch is {@link Status#DEFERRED deferred}.
 *   <li>{@code not_certified}, {@code status_unavailable}, {@code relay_unavailable}, 429 and 5xx —
 *       transient: wait for the client to recover (or back off) and retry; if it does not, stop the
 *       run and defer. A {@code not_certified} caused by a relay refusal (unknown reseller, wrong
 *       key) stops the run at once.
 *   <li>a relay refusal of the batch itself (422 content codes, 409, 401, 413, 400) — that batch is
 *       {@link Status#REFUSED refused}; the run goes on.
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
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Set<String> STOPPING_CODES =
      Set.of("certification_suspended", "certification_revoked", "certification_expired");

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
    String lastCode = null;
    String lastDetail = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Request request = new Request.Builder().url(batchEndpoint).post(RequestBody.create(body, JSON))
          .tag(AdvertisingBatch.class, AdvertisingBatch.withMessageCount(batch.messageCount())).build();
      try (Response response = http.newCall(request).execute()) {
        JsonObject answer = json(response);
        if (response.code() == 202) {
          return new BatchOutcome(index, Status.ACCEPTED, batch.messageCount(), text(answer, "batch_id"), null, null,
              body);
        }
        lastCode = text(answer, "code") != null ? text(answer, "code") : "http_" + response.code();
        lastDetail = text(answer, "detail");
        if (response.code() == 429 || response.code() >= 500) {
          pause(retryAfter(response));
          continue;
        }
        // 403 certification_*: the interceptor already moved the client into that state.
        Status status = STOPPING_CODES.contains(lastCode) ? Status.DEFERRED : Status.REFUSED;
        return outcome(index, status, batch, body, lastCode, "relay answered " + response.code() + ": " + lastDetail);
      } catch (CertificationSuspendedException | CertificationRevokedException | CertificationExpiredException e) {
        // Stop advertising sends; a suspension heals by itself when the relay reinstates (new token).
        return outcome(index, Status.DEFERRED, batch, body, e.reason().code(), e.detail());
      } catch (NotCertifiedException e) {
        if (e.getCause() instanceof RelayRefusedException refused) {
          // Registration, key or reseller id is wrong: waiting does not help.
          return outcome(index, Status.DEFERRED, batch, body, refused.reason().code(), refused.detail());
        }
        lastCode = e.reason().code();
        lastDetail = e.detail();
        awaitReady();
      } catch (StatusUnavailableException | RelayUnavailableException e) {
        lastCode = e.reason().code();
        lastDetail = e.detail();
        awaitReady();
      } catch (TqcClientException e) {
        // The request itself is unusable (e.g. batch_malformed).
        return outcome(index, Status.REFUSED, batch, body, e.reason().code(), e.detail());
      } catch (ConnectException e) {
        lastCode = "relay_unavailable";
        lastDetail = e.getMessage();
        pause(retryDelay);
      } catch (IOException e) {
        return outcome(index, Status.UNCONFIRMED, batch, body, "relay_unavailable",
            "the connection broke after the batch left (" + e.getMessage() + "): check the relay's records first");
      }
    }
    return outcome(index, Status.DEFERRED, batch, body, lastCode, "still failing after " + maxAttempts
        + " attempts: " + lastDetail);
  }

  private void awaitReady() throws InterruptedException {
    try {
      client.awaitReady(readyTimeout);
    } catch (CertificationRevokedException e) {
      // The next attempt reports it.
    } catch (TqcClientException e) {
      pause(retryDelay);
    }
  }

  private Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    if (header != null && header.matches("\\d{1,3}")) {
      return Duration.ofSeconds(Long.parseLong(header));
    }
    return retryDelay;
  }

  private static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static BatchOutcome outcome(int index, Status status, Batch batch, byte[] body, String code, String detail) {
    return new BatchOutcome(index, status, batch.messageCount(), null, code, detail, body);
  }

  private static JsonObject json(Response response) throws IOException {
    String type = response.header("Content-Type", "");
    if (!type.startsWith("application/json") && !type.startsWith("application/problem+json")) {
      return null;
    }
    try {
      return Json.parseObject(response.body().bytes());
    } catch (Json.JsonException e) {
      return null;
    }
  }

  private static String text(JsonObject json, String member) {
    Object value = json == null ? null : json.asMap().get(member);
    return value instanceof String ? (String) value : null;
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
