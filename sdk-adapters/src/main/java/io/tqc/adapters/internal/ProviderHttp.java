package io.tqc.adapters.internal;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderException.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Posts a certified request to a provider and classifies what went wrong. */
public final class ProviderHttp {
  /** {@code application/json; charset=utf-8}. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final long MAX_ANSWER_BYTES = 1024 * 1024;

  /** A provider's answer. */
  public static final class Answer {
    /** HTTP status. */
    public final int status;
    /** The body as text (at most 1 MiB), possibly empty. */
    public final String body;
    /** The body parsed as JSON, or {@code null}. */
    public final Object json;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
      this.json = JsonBody.read(body);
    }
  }

  private ProviderHttp() {}

  /**
   * POSTs {@code cert.body} to {@code url} with {@code headers}.
   *
   * @throws ProviderException the request could not be sent, or its fate is unknown
   */
  public static Answer post(OkHttpClient http, String provider, HttpUrl url, Headers headers, Certification cert)
      throws ProviderException {
    Request request = new Request.Builder().url(url).headers(headers).post(RequestBody.create(cert.body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = "";
      if (body != null) {
        BufferedSource source = body.source();
        source.request(MAX_ANSWER_BYTES);
        Buffer buffer = source.getBuffer();
        text = buffer.readUtf8(Math.min(buffer.size(), MAX_ANSWER_BYTES));
      }
      return new Answer(response.code(), text);
    } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
      throw failure(provider, Outcome.RETRY_LATER, 0, null, "not reachable: " + e.getClass().getSimpleName(), cert, e);
    } catch (IOException e) {
      throw failure(provider, Outcome.UNKNOWN, 0, null,
          "no answer (" + e.getClass().getSimpleName() + "): the request may have been delivered", cert, e);
    }
  }

  /**
   * The exception for a provider answer that is not a success: 429 and 5xx retry later, other
   * statuses are rejections.
   */
  public static ProviderException refused(String provider, Answer answer, String code, String message,
      Certification cert) {
    Outcome outcome = answer.status == 429 || answer.status >= 500 ? Outcome.RETRY_LATER : Outcome.REJECTED;
    return failure(provider, outcome, answer.status, code, message == null ? "refused" : message, cert, null);
  }

  /** An exception carrying {@code cert}. */
  public static ProviderException failure(String provider, Outcome outcome, int status, String code, String detail,
      Certification cert, Throwable cause) {
    return new ProviderException(provider, outcome, status, code, detail, cert.checked, cert.sent, cert.body, cause);
  }
}
