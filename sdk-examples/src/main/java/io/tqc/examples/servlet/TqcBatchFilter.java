package io.tqc.examples.servlet;

import io.tqc.api.ReasonCode;
import io.tqc.api.internal.Json;
import io.tqc.relay.AcceptedBatch;
import io.tqc.relay.Relay;
import io.tqc.relay.RelayException;
import io.tqc.relay.Violation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
      String type = request.getContentType();
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new RelayException(ReasonCode.BATCH_MALFORMED, "Content-Type must be application/json");
      }
      String authorization = request.getHeader("Authorization");
      String token = authorization != null && authorization.regionMatches(true, 0, "TQC ", 0, 4)
          ? authorization.substring(4).trim() : null;
      AcceptedBatch accepted = relay.acceptBatch(token, request.getHeader("TQC-Proof"), body);
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

  private static void problem(HttpServletResponse response, RelayException e) throws IOException {
    ReasonCode reason = e.reason();
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", reason.problemType());
    problem.put("title", reason.title());
    problem.put("status", reason.httpStatus());
    problem.put("detail", e.detail());
    problem.put("code", reason.code());
    if (!e.violations().isEmpty()) {
      List<Object> violations = new ArrayList<>();
      for (Violation violation : e.violations()) {
        violations.add(Map.of("index", violation.index(), "code", violation.reason().code(),
            "detail", violation.detail()));
      }
      problem.put("violations", violations);
    }
    response.setStatus(reason.httpStatus());
    response.setContentType("application/problem+json");
    response.setHeader("Cache-Control", "no-store");
    if (reason.httpStatus() == 401) {
      response.setHeader("WWW-Authenticate", "TQC error=\"" + reason.code() + "\"");
    } else if (reason == ReasonCode.RATE_LIMITED || reason == ReasonCode.RELAY_UNAVAILABLE) {
      response.setHeader("Retry-After", "1");
    }
    response.getOutputStream().write(Json.writeBytes(problem));
  }
}
