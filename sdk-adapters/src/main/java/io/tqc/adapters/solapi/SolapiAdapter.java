package io.tqc.adapters.solapi;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.adapters.internal.Hmac;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.ProviderSend;
import io.tqc.adapters.internal.Require;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Certified sends through SOLAPI (CoolSMS) at the REST level: {@code POST {base}/messages/v4/send-many}.
 *
 * <p><b>Why not SOLAPI's Java SDK.</b> The SDK builds its own {@code OkHttpClient} and offers no hook
 * for an interceptor, so TQC cannot certify what it sends. Use this adapter for advertising sends,
 * instead of the SDK's send methods; keep the SDK beside it for everything else (sender-number
 * registration, Kakao templates, reports), since those are not advertising batches.
 *
 * <p>The request is authenticated with {@code Authorization: HMAC-SHA256 apiKey=…, date=…, salt=…,
 * signature=…}, where date is ISO 8601 (UTC), salt a fresh random string (32 hex characters here) and
 * signature = hex(HmacSHA256(API secret, date + salt)), made at send time (SOLAPI refuses a date more
 * than 15 minutes off and a signature used twice). The body is {@code {messages[≤10,000]: [{to, from,
 * text, type?, subject?, imageId?}]}}; an MMS names its image with {@code imageId}
 * ({@link SolapiRequest.Builder#image}). Errors answer 4xx/5xx with {@code {errorCode, errorMessage}}.
 *
 * <p><b>No origin-code field.</b> SOLAPI documents no member for a reseller's first-sender
 * identification code (최초 발신사업자 식별코드): a message's members are {@code to, from, text, type,
 * country, subject, imageId, kakaoOptions, naverOptions, customFields, autoTypeDetect,
 * replacementText} and the request's {@code messages, strict, agent, allowDuplicates} (checked
 * against the pages below; {@code customFields} is free-form metadata SOLAPI stores, not a field
 * the carriers receive). The adapter stamps none: the code the carriers receive is the one SOLAPI,
 * as the sending business, attaches. A reseller whose own code must reach the carriers cannot carry
 * it through this API: send those batches through a route that documents the field (NHN Cloud
 * {@code originCode}, U+ 메시지허브 {@code agency.kisaOrigCode}, a DB agent's origin-code column), or
 * ask SOLAPI how its reseller accounts carry it.
 *
 * <p>Sources: SOLAPI API reference "여러건 발송" https://docs.solapi.com/api-reference/messages/sendmany ,
 * "API Key 인증 방식" https://developers.solapi.dev/references/authentication/api-key , and the 10,000
 * recipients per request in "그룹 메시지 추가"
 * https://nurigo.gitbook.io/solapi/api-reference/messages/groups/addgroupmessages (all checked).
 *
 * Thread-safe.
 */
public final class SolapiAdapter {
  /** The provider's name in receipts and exceptions. */
  public static final String PROVIDER = "SOLAPI";
  /** SOLAPI's API host. */
  public static final String DEFAULT_BASE_URL = "https://api.solapi.com";

  /** Every 2xx is accepted; a refusal says {@code errorCode} and {@code errorMessage}. */
  private static final ProviderSend.Answers ANSWERS = new ProviderSend.Answers.Builder(PROVIDER)
      .refusal(json -> JsonBody.at(json, "errorCode"), json -> JsonBody.at(json, "errorMessage"))
      .receipt(json -> JsonBody.at(json, "statusCode"), json -> JsonBody.at(json, "groupId"))
      .build();

  private final ProviderSend flow;
  private final HttpUrl baseUrl;
  private final String apiKey;
  private final String apiSecret;
  private final Clock clock;

  private SolapiAdapter(Builder b) {
    TqcClient tqc = Require.present(b.tqc, "tqc");
    this.apiKey = Require.text(b.apiKey, "apiKey");
    this.apiSecret = Require.text(b.apiSecret, "apiSecret");
    this.baseUrl = Require.present(HttpUrl.parse(b.baseUrl), "baseUrl (an absolute http(s) URL)");
    this.clock = b.clock;
    this.flow = new ProviderSend(tqc, clock, b.http != null ? b.http : new OkHttpClient(), ANSWERS);
  }

  /**
   * Certifies {@code request} (when it advertises) and sends it with a fresh signature.
   *
   * @throws TqcClientException TQC refuses the batch: nothing was sent; the exception carries it
   * @throws ProviderException SOLAPI refused it or could not be reached; says whether to retry
   */
  public ProviderReceipt send(SolapiRequest request) throws TqcClientException, ProviderException {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("messages/v4/send-many").build();
    return flow.send(request.toBatch(), origin -> request.toJson(), url,
        target -> new Headers.Builder().add("Authorization", authorization()).build());
  }

  /** A fresh {@code Authorization} value. */
  String authorization() {
    String date = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    String salt = Hmac.salt(16);
    return "HMAC-SHA256 apiKey=" + apiKey + ", date=" + date + ", salt=" + salt + ", signature="
        + Hmac.hex(Hmac.sha256(apiSecret, date + salt));
  }

  @Override
  public String toString() {
    return "SolapiAdapter{" + baseUrl + "}";
  }

  /** Builds a {@link SolapiAdapter}; the TQC client, API key and API secret are required. */
  public static final class Builder {
    private TqcClient tqc;
    private OkHttpClient http;
    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private String apiSecret;
    private Clock clock = Clock.systemUTC();

    /** The TQC client that certifies the sends. */
    public Builder tqc(TqcClient tqc) {
      this.tqc = tqc;
      return this;
    }

    /** The HTTP client for SOLAPI (default: a new one). */
    public Builder okHttpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The API base URL (default {@value #DEFAULT_BASE_URL}). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The API key. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The API secret that signs each request. A secret: never sent, never logged. */
    public Builder apiSecret(String apiSecret) {
      this.apiSecret = apiSecret;
      return this;
    }

    /** The clock for signature dates and non-advertising checks (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Require.present(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required setting is missing or the base URL is not a URL
     */
    public SolapiAdapter build() {
      return new SolapiAdapter(this);
    }
  }
}
