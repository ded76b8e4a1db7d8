package io.tqc.adapters.nhn;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.ProviderSend;
import io.tqc.adapters.internal.Require;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Certified sends through NHN Cloud Notification SMS, API v3.0.
 *
 * <p>The request: {@code POST {base}/sms/v3.0/appKeys/{appKey}/sender/ad-sms} (advertising) or
 * {@code /sender/sms}, header {@code X-Secret-Key}, body {@code {body, sendNo, recipientList[≤1,000]:
 * [{recipientNo}], originCode}}; for an LMS/MMS ({@link NhnSmsRequest.Builder#title title}, optional
 * attachments) {@code /sender/ad-mms} or {@code /sender/mms} with {@code {title, body, sendNo,
 * attachFileIdList, recipientList, originCode}}. The answer {@code {header: {isSuccessful,
 * resultCode, resultMessage}, body: {data: {requestId, ...}}}}; a refusal is {@code isSuccessful:
 * false} with a negative {@code resultCode}. The adapter certifies the exact request bytes once,
 * with the certification's first-sender identification code written into {@code originCode}.
 *
 * <p>Source: NHN Cloud, "Notification &gt; SMS &gt; API v3.0 Guide",
 * https://docs.nhncloud.com/ko/Notification/SMS/ko/api-guide/ (checked: the v3.0 request body of
 * {@code /sender/sms} with {@code "originCode": "123456789"}, the {@code X-Secret-Key} header, at
 * most 1,000 recipients, SMS 90 / MMS title 40 / MMS body 2,000 EUC-KR bytes). The MMS body's
 * {@code title} and {@code attachFileIdList} (integer ids from the attachment upload) follow NHN's
 * earlier SMS guides (v2.x, "MMS 발송") and public clients of the API; the v3.0 page's MMS section was
 * not in the index: check it before production use.
 *
 * <pre>{@code
 * NhnCloudSmsAdapter nhn = new NhnCloudSmsAdapter.Builder()
 *     .tqc(tqcClient).appKey(appKey).secretKey(secretKey).build();
 * ProviderReceipt receipt = nhn.send(new NhnSmsRequest.Builder()
 *     .sendNo("0212345678").body("(광고)예시몰 ... 무료거부 0801234567")
 *     .advertiser("예시몰", "02-1234-5678").addRecipient("01012345678").build());
 * }</pre>
 *
 * Thread-safe; reuse one per app key.
 */
public final class NhnCloudSmsAdapter {
  /** The provider's name in receipts and exceptions. */
  public static final String PROVIDER = "NHN Cloud SMS";
  /** NHN Cloud's SMS API host. */
  public static final String DEFAULT_BASE_URL = "https://api-sms.cloud.toast.com";

  /** A refusal is {@code header.isSuccessful: false}; the code and message are the header's either way. */
  private static final ProviderSend.Answers ANSWERS = new ProviderSend.Answers.Builder(PROVIDER)
      .acceptedWhen(json -> JsonBody.at(json, "header", "isSuccessful"), "true")
      .refusal(json -> JsonBody.at(json, "header", "resultCode"), json -> JsonBody.at(json, "header", "resultMessage"))
      .receipt(json -> JsonBody.at(json, "header", "resultCode"), json -> JsonBody.at(json, "body", "data", "requestId"))
      .build();

  private final ProviderSend flow;
  private final HttpUrl baseUrl;
  private final String appKey;
  private final String secretKey;

  private NhnCloudSmsAdapter(Builder b) {
    TqcClient tqc = Require.present(b.tqc, "tqc");
    this.appKey = Require.text(b.appKey, "appKey");
    this.secretKey = Require.text(b.secretKey, "secretKey");
    this.baseUrl = Require.present(HttpUrl.parse(b.baseUrl), "baseUrl (an absolute http(s) URL)");
    this.flow = new ProviderSend(tqc, b.clock, b.http != null ? b.http : new OkHttpClient(), ANSWERS);
  }

  /**
   * Certifies {@code request} (when it advertises), stamps the origin code and sends it.
   *
   * @throws TqcClientException TQC refuses the batch (not compliant, suspended, revoked, expired,
   *     status unconfirmed): nothing was sent; the exception carries the batch
   * @throws ProviderException NHN Cloud refused it or could not be reached; says whether to retry
   */
  public ProviderReceipt send(NhnSmsRequest request) throws TqcClientException, ProviderException {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("sms/v3.0/appKeys").addPathSegment(appKey)
        .addPathSegment("sender").addPathSegment((request.isAdvertising() ? "ad-" : "") + (request.isMms() ? "mms" : "sms"))
        .build();
    return flow.send(request.toBatch(), request::toJson, url,
        target -> new Headers.Builder().add("X-Secret-Key", secretKey).build());
  }

  @Override
  public String toString() {
    return "NhnCloudSmsAdapter{" + baseUrl + "}";
  }

  /** Builds an {@link NhnCloudSmsAdapter}; the TQC client, app key and secret key are required. */
  public static final class Builder {
    private TqcClient tqc;
    private OkHttpClient http;
    private String baseUrl = DEFAULT_BASE_URL;
    private String appKey;
    private String secretKey;
    private Clock clock = Clock.systemUTC();

    /** The TQC client that certifies the sends. */
    public Builder tqc(TqcClient tqc) {
      this.tqc = tqc;
      return this;
    }

    /** The HTTP client for NHN Cloud (default: a new one). */
    public Builder okHttpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The API base URL (default {@value #DEFAULT_BASE_URL}). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The project's app key. */
    public Builder appKey(String appKey) {
      this.appKey = appKey;
      return this;
    }

    /** The secret key sent as {@code X-Secret-Key}. A secret: never logged. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /** The clock for checking non-advertising sends (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Require.present(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required setting is missing or the base URL is not a URL
     */
    public NhnCloudSmsAdapter build() {
      return new NhnCloudSmsAdapter(this);
    }
  }
}
