package io.tqc.client;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import io.tqc.api.http.Problem;
import io.tqc.client.internal.Problems;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The interceptor behind {@link TqcClient#interceptor()}. */
final class CertifyingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(CertifyingInterceptor.class);
  private static final long PROBLEM_PEEK_BYTES = 16 * 1024;

  private final TqcClient client;

  CertifyingInterceptor(TqcClient client) {
    this.client = client;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    AdvertisingBatch marker = request.tag(AdvertisingBatch.class);
    if (marker == null) {
      return chain.proceed(request);
    }
    RequestBody body = request.body();
    if (body == null) {
      throw new TqcClientException(ReasonCode.BATCH_MALFORMED, "an advertising batch request needs a body",
          null, 0, null);
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    byte[] bytes = buffer.readByteArray();
    MediaType contentType = body.contentType();
    Batch parsed = client.parseRequestBody(bytes, marker);
    int messageCount = marker.declaredCount() > 0 ? marker.declaredCount() : parsed.messageCount();
    if (marker.suppressions() != null) {
      TqcClient.requireCount(parsed, bytes, messageCount);
      try {
        TqcClient.requireNotSuppressed(parsed, marker.suppressions(), bytes);
      } catch (IllegalArgumentException e) {
        // Thrown across OkHttp's interceptor boundary only as an IOException.
        throw new TqcClientException(ReasonCode.REQUEST_INVALID, e.getMessage(), bytes, messageCount, e);
      }
    }

    CertifiedBatch certified = client.certify(bytes, messageCount, parsed);
    Response response = chain.proceed(signed(request, bytes, contentType, certified));
    if (response.code() == 429) {
      // A deferral (quota_exceeded, rate_limited), not a certification failure: report it and pass it on.
      Problem problem = RelayResponses.problem(response);
      client.engine().listener().batchDeferred(certified, problem == null ? null : problem.reason(),
          RelayResponses.retryAfter(response));
      return response;
    }
    if (response.code() != 401 && response.code() != 403) {
      return response;
    }
    byte[] problem = response.peekBody(PROBLEM_PEEK_BYTES).bytes();
    MediaType problemType = response.body().contentType();
    ReasonCode reason = ReasonCode.fromCode(Problems.code(problemType, problem));
    if (response.code() == 403 && (reason == ReasonCode.CERTIFICATION_SUSPENDED
        || reason == ReasonCode.CERTIFICATION_REVOKED || reason == ReasonCode.CERTIFICATION_EXPIRED)) {
      client.engine().relayRefused(reason, certified.statusSequence(), Problems.detail(problemType, problem));
      return response;
    }
    if (reason != null && tokenNoLongerGood(reason)) {
      log.info("TQC relay rejected the token with {}; fetching a new one and retrying batch {} once", reason,
          certified.batchId());
      response.close();
      client.refreshAfterRejection(certified.proof().tokenDigest(), keysChanged(reason));
      CertifiedBatch again = client.certify(bytes, messageCount, parsed);
      return chain.proceed(signed(request, bytes, contentType, again));
    }
    return response;
  }

  /**
   * The refusals that mean "this token is no longer good here", so that a new token (and for
   * some, new relay keys) can help. Every other token code is a contract or configuration error
   * a new token from the same relay would repeat ({@code token_malformed},
   * {@code token_alg_not_allowed}, {@code token_type_invalid}: the relay cannot read the tokens
   * it issues; {@code token_issuer_invalid}, {@code token_audience_invalid}: the token endpoint
   * issues for another relay id), and is returned unchanged.
   */
  static boolean tokenNoLongerGood(ReasonCode reason) {
    switch (reason) {
      case TOKEN_EXPIRED:           // outlived its exp (or the relay's clock is ahead)
      case TOKEN_NOT_YET_VALID:     // the verifying node's clock is behind the issuing one's
      case TOKEN_KEY_UNKNOWN:       // the signing key was dropped (emergency rotation)
      case TOKEN_SIGNATURE_INVALID: // the key under that kid changed
      case CERTIFICATION_UNKNOWN:   // the certification the token names was replaced
        return true;
      default:
        return false;
    }
  }

  /** The refusals that say the relay's keys changed: refetch them before the token. */
  static boolean keysChanged(ReasonCode reason) {
    return reason == ReasonCode.TOKEN_KEY_UNKNOWN || reason == ReasonCode.TOKEN_SIGNATURE_INVALID;
  }

  private static Request signed(Request request, byte[] bytes, MediaType contentType, CertifiedBatch certified) {
    return request.newBuilder()
        .header(CertifiedBatch.AUTHORIZATION, certified.authorizationHeader())
        .header(CertifiedBatch.PROOF, certified.proofHeader())
        .method(request.method(), RequestBody.create(bytes, contentType))
        .build();
  }
}
