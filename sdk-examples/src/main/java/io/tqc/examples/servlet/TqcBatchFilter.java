package io.tqc.examples.servlet;

import io.tqc.api.ReasonCode;
import io.tqc.api.http.MediaTypes;
import io.tqc.api.http.TqcHeaders;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Verifies every TQC batch before the operator's own batch servlet sees it: the exact body bytes,
 * {@code Authorization: TQC <token>} and {@code TQC-Proof} go to {@link Relay#acceptBatch}, which
 * checks token, live status, proof, replay and sender number and records the batch durably. An
 * accepted batch continues down the chain with its body readable again and the {@link AcceptedBatch}
 * in the request attribute {@link #ACCEPTED_BATCH}; a refused one is answered here with RFC 9457
 * {@code application/problem+json} and never reaches the servlet. Map it to the batch path only.
 */
public final class TqcBatchFilter implements Filter {
  /** Request attribute holding the {@link AcceptedBatch} of an accepted request. */
  public static final String ACCEPTED_BATCH = AcceptedBatch.class.getName();

  private final Relay relay;

  /** A filter verifying against {@code relay} (opened once per process, closed by its owner). */
  public TqcBatchFilter(Relay relay) {
    this.relay = relay;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    try {
      if (!"POST".equals(request.getMethod())) {
        throw new RelayException(ReasonCode.REQUEST_INVALID, "batches are POSTed");
      }
      int cap = relay.config().maxBatchBytes();
      byte[] body = readAtMost(request.getInputStream(), cap);
      if (body == null) {
        throw new RelayException(ReasonCode.BATCH_TOO_LARGE, "batch body exceeds " + cap + " bytes");
      }
      if (!MediaTypes.isJson(request.getContentType())) {
        throw new RelayException(ReasonCode.BATCH_MALFORMED, "Content-Type must be application/json");
      }
      String token = TqcHeaders.credential(request.getHeader(TqcHeaders.AUTHORIZATION));
      AcceptedBatch accepted = relay.acceptBatch(token, request.getHeader(TqcHeaders.PROOF), body);
      request.setAttribute(ACCEPTED_BATCH, accepted);
      chain.doFilter(new CachedBodyRequest(request, body), response);
    } catch (RelayException e) {
      problem(response, e);
    }
  }

  /** The body, or null if it is longer than {@code cap} bytes. */
  private static byte[] readAtMost(InputStream in, int cap) throws IOException {
    byte[] body = in.readNBytes(cap + 1);
    return body.length > cap ? null : body;
  }

  /** The refusal as the contract says: problem+json, and {@code WWW-Authenticate} or {@code Retry-After}. */
  private static void problem(HttpServletResponse response, RelayException e) throws IOException {
    ReasonCode reason = e.reason();
    response.setStatus(reason.httpStatus());
    response.setContentType(MediaTypes.PROBLEM_JSON_UTF8);
    response.setHeader(TqcHeaders.CACHE_CONTROL, TqcHeaders.NO_STORE);
    if (reason.httpStatus() == 401) {
      response.setHeader(TqcHeaders.WWW_AUTHENTICATE, TqcHeaders.wwwAuthenticate(reason));
    } else {
      String retryAfter = TqcHeaders.retryAfterFor(reason, e.retryAfter());
      if (retryAfter != null) {
        response.setHeader(TqcHeaders.RETRY_AFTER, retryAfter);
      }
    }
    response.getOutputStream().write(e.toProblem().toJsonBytes());
  }
}
