package io.tqc.adapters.msghub;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.adapters.internal.JsonBody;
import io.tqc.adapters.internal.ProviderSend;
import io.tqc.adapters.internal.Require;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Certified SMS, LMS and MMS sends through the U+ 메시지허브 REST API.
 *
 * <p>The request: {@code POST {base}/msg/v1/sms}, {@code Authorization: Bearer {token}}, body
 * {@code {callback, campaignId?, agency: {kisaOrigCode}, deptCode?, msg, recvInfoLst[≤10]: [{cliKey,
 * phone}], clickUrlYn}}; the answer {@code {code, message, data: [{cliKey, msgKey, phone, code,
 * message}]}} with {@code code} {@code "10000"} for success. The adapter writes the certification's
 * first-sender identification code into {@code agency.kisaOrigCode} ("재판매사 KISA 최초식별코드").
 *
 * <p>LMS and MMS: with a title the request goes to {@code /msg/v1/lms}, with files too to
 * {@code /msg/v1/mms} ({@link MessageHubSmsRequest}); the proof binds the files' digests.
 *
 * <p>The bearer token comes from U+'s own authentication API and expires: pass a supplier that
 * returns a current one (the adapter asks for it on every send and never logs it).
 *
 * <p>Sources: U+ 메시지허브 API 가이드 "문자(SMS/LMS/MMS)"
 * https://doc.msghub.uplus.co.kr/guide/d/%eb%ac%b8%ec%9e%90sms-lms-mms , "인증"
 * https://doc.msghub.uplus.co.kr/guide/d/02-%ec%9d%b8%ec%a6%9d and the response schema in
 * "스키마 정보" (all checked for this adapter).
 *
 * Thread-safe.
 */
public final class MessageHubSmsAdapter {
  /** The provider's name in receipts and exceptions. */
  public static final String PROVIDER = "U+ 메시지허브";
  /** U+ 메시지허브's API host. */
  public static final String DEFAULT_BASE_URL = "https://api.msghub.uplus.co.kr";
  /** The result code of an accepted request. */
  public static final String SUCCESS = "10000";

  /** Accepted only with {@code code} {@value #SUCCESS}; that code and {@code message} either way. */
  private static final ProviderSend.Answers ANSWERS = new ProviderSend.Answers.Builder(PROVIDER)
      .acceptedWhen(json -> JsonBody.at(json, "code"), SUCCESS)
      .refusal(json -> JsonBody.at(json, "code"), json -> JsonBody.at(json, "message"))
      .receipt(json -> JsonBody.at(json, "code"), null)
      .build();

  private final ProviderSend flow;
  private final HttpUrl baseUrl;
  private final Supplier<String> bearerToken;

  private MessageHubSmsAdapter(Builder b) {
    TqcClient tqc = Require.present(b.tqc, "tqc");
    this.bearerToken = Require.present(b.bearerToken, "bearerToken");
    this.baseUrl = Require.present(HttpUrl.parse(b.baseUrl), "baseUrl (an absolute http(s) URL)");
    this.flow = new ProviderSend(tqc, b.clock, b.http != null ? b.http : new OkHttpClient(), ANSWERS);
  }

  /**
   * Certifies {@code request} (when it advertises), stamps {@code agency.kisaOrigCode} and sends it.
   *
   * @throws TqcClientException TQC refuses the batch: nothing was sent; the exception carries it
   * @throws ProviderException U+ refused it or could not be reached; says whether to retry
   */
  public ProviderReceipt send(MessageHubSmsRequest request) throws TqcClientException, ProviderException {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("msg/v1/" + request.channel()).build();
    return flow.send(request.toBatch(), request::toJson, url, target -> new Headers.Builder()
        .add("Authorization", "Bearer " + Require.text(bearerToken.get(), "bearer token")).build());
  }

  @Override
  public String toString() {
    return "MessageHubSmsAdapter{" + baseUrl + "}";
  }

  /** Builds a {@link MessageHubSmsAdapter}; the TQC client and the bearer token supplier are required. */
  public static final class Builder {
    private TqcClient tqc;
    private OkHttpClient http;
    private String baseUrl = DEFAULT_BASE_URL;
    private Supplier<String> bearerToken;
    private Clock clock = Clock.systemUTC();

    /** The TQC client that certifies the sends. */
    public Builder tqc(TqcClient tqc) {
      this.tqc = tqc;
      return this;
    }

    /** The HTTP client for U+ (default: a new one). */
    public Builder okHttpClient(OkHttpClient http) {
      this.http = http;
      return this;
    }

    /** The API base URL (default {@value #DEFAULT_BASE_URL}). */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Supplies a current bearer token from U+'s authentication API. A secret: never logged. */
    public Builder bearerToken(Supplier<String> bearerToken) {
      this.bearerToken = bearerToken;
      return this;
    }

    /** The clock for non-advertising checks (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Require.present(clock, "clock");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException a required setting is missing or the base URL is not a URL
     */
    public MessageHubSmsAdapter build() {
      return new MessageHubSmsAdapter(this);
    }
  }
}
