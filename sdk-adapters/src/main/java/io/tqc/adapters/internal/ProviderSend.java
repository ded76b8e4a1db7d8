package io.tqc.adapters.internal;

import io.tqc.adapters.ProviderException;
import io.tqc.adapters.ProviderReceipt;
import io.tqc.api.batch.Batch;
import io.tqc.client.TqcClient;
import io.tqc.client.TqcClientException;
import java.time.Clock;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one send flow of every HTTP provider adapter: certify the exact request bytes once (stamping
 * the certification's origin code where the provider has a field for it), then address and sign the
 * request (after the certification, so a signature's time is the send time), post it, and read the
 * answer into a {@link ProviderReceipt} or a {@link ProviderException} that says whether to retry.
 * What differs between providers is small: the URL and headers of a request ({@link Signer}) and
 * where their answers keep the verdict, result code, message and request id ({@link Answers}).
 * Immutable; thread-safe.
 */
public final class ProviderSend {
  /** Reads one field of a provider's parsed JSON answer ({@code null}: absent). */
  public interface Field {
    /** The field's text in {@code json}, or {@code null}. */
    String of(Object json);
  }

  /** The headers of one request to {@code url}, made at send time (signatures, timestamps, tokens). */
  public interface Signer {
    /** The request's headers. */
    Headers headers(HttpUrl url);
  }

  /** Where one provider's answers keep their verdict and codes. Immutable. */
  public static final class Answers {
    final String provider;
    final Field verdict;
    final String acceptedVerdict;
    final Field refusalCode;
    final Field refusalMessage;
    final Field receiptCode;
    final Field requestId;

    private Answers(Builder b) {
      this.provider = Require.text(b.provider, "provider");
      this.verdict = b.verdict;
      this.acceptedVerdict = b.acceptedVerdict;
      this.refusalCode = Require.present(b.refusalCode, "refusalCode");
      this.refusalMessage = Require.present(b.refusalMessage, "refusalMessage");
      this.receiptCode = Require.present(b.receiptCode, "receiptCode");
      this.requestId = b.requestId;
    }

    /** A 2xx answer that also holds the accepted verdict, if the provider has one. */
    boolean accepted(ProviderHttp.Answer answer) {
      return answer.status / 100 == 2 && (verdict == null || acceptedVerdict.equals(verdict.of(answer.json)));
    }

    /** Builds {@link Answers}; the provider's name and its code and message fields are required. */
    public static final class Builder {
      private final String provider;
      private Field verdict;
      private String acceptedVerdict;
      private Field refusalCode;
      private Field refusalMessage;
      private Field receiptCode;
      private Field requestId;

      /** The answers of {@code provider} (its name in receipts and exceptions). */
      public Builder(String provider) {
        this.provider = provider;
      }

      /** A 2xx answer is accepted only when {@code verdict} reads {@code accepted} (default: every 2xx). */
      public Builder acceptedWhen(Field verdict, String accepted) {
        this.verdict = Require.present(verdict, "verdict");
        this.acceptedVerdict = Require.text(accepted, "accepted");
        return this;
      }

      /** The result code and message of a refusal. */
      public Builder refusal(Field code, Field message) {
        this.refusalCode = code;
        this.refusalMessage = message;
        return this;
      }

      /** The result code and the provider's request id of an accepted send (no request id: {@code null}). */
      public Builder receipt(Field code, Field requestId) {
        this.receiptCode = code;
        this.requestId = requestId;
        return this;
      }

      /** Validates and builds. */
      public Answers build() {
        return new Answers(this);
      }
    }
  }

  private final TqcClient tqc;
  private final Clock clock;
  private final OkHttpClient http;
  private final Answers answers;

  /** The flow through {@code http} for one adapter, certifying with {@code tqc}. */
  public ProviderSend(TqcClient tqc, Clock clock, OkHttpClient http, Answers answers) {
    this.tqc = Require.present(tqc, "tqc");
    this.clock = Require.present(clock, "clock");
    this.http = Require.present(http, "http");
    this.answers = Require.present(answers, "answers");
  }

  /**
   * Certifies {@code view} over the bytes {@code body} writes, then posts them to {@code url} with
   * the headers {@code signer} makes now.
   *
   * @throws TqcClientException TQC refuses the batch: nothing was sent; the exception carries it
   * @throws ProviderException the provider refused it or could not be reached; says whether to retry
   */
  public ProviderReceipt send(Batch view, Certification.Body body, HttpUrl url, Signer signer)
      throws TqcClientException, ProviderException {
    Certification cert = Certification.certify(tqc, clock, view, body);
    ProviderHttp.Answer answer = ProviderHttp.post(http, answers.provider, url, signer.headers(url), cert);
    if (!answers.accepted(answer)) {
      throw ProviderHttp.refused(answers.provider, answer, answers.refusalCode.of(answer.json),
          answers.refusalMessage.of(answer.json), cert);
    }
    return new ProviderReceipt(answers.provider, answer.status, answers.receiptCode.of(answer.json),
        answers.requestId == null ? null : answers.requestId.of(answer.json), answer.body, cert.checked, cert.sent,
        cert.body);
  }
}
