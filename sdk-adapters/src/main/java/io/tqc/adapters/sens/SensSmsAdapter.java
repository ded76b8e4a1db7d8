package io.tqc.adapters.sens;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.adapters.internal.Hmac;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.ProviderSend;
import io.tqc.adapters.internal.Require;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;
import java.util.Base64;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Certified sends through Naver Cloud Platform SENS, SMS API v2.
 *
 * <p>The request: {@code POST {base}/sms/v2/services/{serviceId}/messages}, headers
 * {@code x-ncp-apigw-timestamp} (epoch milliseconds), {@code x-ncp-iam-access-key} and
 * {@code x-ncp-apigw-signature-v2} = Base64(HmacSHA256(secret key, {@code "POST /sms/v2/services/{id}/messages\n"
 * + timestamp + "\n" + access key})), signed at send time (the gateway refuses a timestamp more than
 * 5 minutes off); body {@code {type, contentType: COMM|AD, countryCode?, from, subject?, content,
 * messages[≤100]: [{to, subject?, content?}]}}. The answer is {@code 202 {requestId, requestTime,
 * statusCode: "202", statusName: "success"}}; errors are 4xx/5xx (429 when throttled).
 *
 * <p>MMS: {@code type: MMS} with {@code subject} and {@code files: [{fileId}]} (ids from SENS's
 * attachment upload, {@code POST /sms/v2/services/{serviceId}/files}); the TQC batch binds each
 * file's digest and size ({@link SensSmsRequest.Builder#addFile}).
 *
 * <p><b>No origin-code field.</b> SENS documents no member for a reseller's first-sender
 * identification code (최초 발신사업자 식별코드): the send request's members are {@code type,
 * contentType, countryCode, from, subject, content, messages, files, reserveTime, reserveTimeZone}
 * (checked against "메시지 발송" below), so the adapter stamps none and the code the carriers
 * receive is the one NAVER Cloud, as the sending business, attaches for its own customers. The
 * certification still gates the send and the proof binds the exact request. A reseller whose own
 * code must reach the carriers (because it resells SENS to its own customers) cannot carry it
 * through this API: send those batches through a route that documents the field (NHN Cloud
 * {@code originCode}, U+ 메시지허브 {@code agency.kisaOrigCode}, a DB agent's origin-code column),
 * or ask NAVER Cloud how its reseller accounts carry it.
 *
 * <p>Sources: NAVER Cloud Platform API guide, "메시지 발송" (SENS SMS),
 * https://api.ncloud-docs.com/docs/sens-sms-send , and the common headers in
 * https://api.ncloud-docs.com/docs/en/sens-overview (both checked for this adapter).
 *
 * Thread-safe; reuse one per service id.
 */
public final class SensSmsAdapter {
  /** The provider's name in receipts and exceptions. */
  public static final String PROVIDER = "Naver Cloud SENS";
  /** SENS's API gateway. */
  public static final String DEFAULT_BASE_URL = "https://sens.apigw.ntruss.com";

  /** Every 2xx is accepted; a refusal's code and message sit in {@code error} or at the top level. */
  private static final ProviderSend.Answers ANSWERS = new ProviderSend.Answers.Builder(PROVIDER)
      .refusal(json -> first(JsonBody.at(json, "error", "errorCode"), JsonBody.at(json, "errorCode")),
          json -> first(JsonBody.at(json, "error", "message"), JsonBody.at(json, "errorMessage")))
      .receipt(json -> JsonBody.at(json, "statusCode"), json -> JsonBody.at(json, "requestId"))
      .build();

  private final ProviderSend flow;
  private final HttpUrl baseUrl;
  private final String serviceId;
  private final String accessKey;
  private final String secretKey;
  private final Clock clock;

  private SensSmsAdapter(Builder b) {
    TqcClient tqc = Require.present(b.tqc, "tqc");
    this.serviceId = Require.text(b.serviceId, "serviceId");
    this.accessKey = Require.text(b.accessKey, "accessKey");
    this.secretKey = Require.text(b.secretKey, "secretKey");
    this.baseUrl = Require.present(HttpUrl.parse(b.baseUrl), "baseUrl (an absolute http(s) URL)");
    this.clock = b.clock;
    this.flow = new ProviderSend(tqc, clock, b.http != null ? b.http : new OkHttpClient(), ANSWERS);
  }

  /**
   * Certifies {@code request} (when it advertises) and sends it, signed now.
   *
   * @throws TqcClientException TQC refuses the batch: nothing was sent; the exception carries it
   * @throws ProviderException SENS refused it or could not be reached; says whether to retry
   */
  public ProviderReceipt send(SensSmsRequest request) throws TqcClientException, ProviderException {
    String path = "/sms/v2/services/" + serviceId + "/messages";
    HttpUrl url = baseUrl.newBuilder().encodedPath(path).build();
    return flow.send(request.toBatch(), origin -> request.toJson(), url, this::signedHeaders);
  }

  /** The headers of a request to {@code url}, signed now. */
  private Headers signedHeaders(HttpUrl url) {
    String timestamp = Long.toString(clock.millis());
    return new Headers.Builder()
        .add("x-ncp-apigw-timestamp", timestamp)
        .add("x-ncp-iam-access-key", accessKey)
        .add("x-ncp-apigw-signature-v2", signature("POST", url.encodedPath(), timestamp))
        .build();
  }

  /** The {@code x-ncp-apigw-signature-v2} of a request. */
  String signature(String method, String pathAndQuery, String timestamp) {
    String message = method + " " + pathAndQuery + "\n" + timestamp + "\n" + accessKey;
    return Base64.getEncoder().encodeToString(Hmac.sha256(secretKey, message));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  @Override
  public String toString() {
    return "SensSmsAdapter{" + baseUrl + ", service " + serviceId + "}";
  }

  /** Builds a {@link SensSmsAdapter}; the TQC client, service id, access key and secret key are required. */
  public static final class Builder {
    private TqcClient tqc;
    private OkHttpClient http;
    private String baseUrl = DEFAULT_BASE_URL;
    private String serviceId;
    private String accessKey;
    private String secretKey;
    private Clock clock = Clock.systemUTC();

    /** The TQC client that certifies the sends. */
    public Builder tqc(TqcClient tqc) {
      this.tqc = tqc;
      return this;
    }

    /** The HTTP client for SENS (default: a new one). */
    public Builder okHttpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The API base URL (default {@value #DEFAULT_BASE_URL}; the public-sector one is sens.apigw.gov-ntruss.com). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The SMS project's service id. */
    public Builder serviceId(String serviceId) {
      this.serviceId = serviceId;
      return this;
    }

    /** The NCP access key id. */
    public Builder accessKey(String accessKey) {
      this.accessKey = accessKey;
      return this;
    }

    /** The NCP secret key that signs each request. A secret: never sent, never logged. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /** The clock for signature timestamps and non-advertising checks (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Require.present(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required setting is missing or the base URL is not a URL
     */
    public SensSmsAdapter build() {
      return new SensSmsAdapter(this);
    }
  }
}
