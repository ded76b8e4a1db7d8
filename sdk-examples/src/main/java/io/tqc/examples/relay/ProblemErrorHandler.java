package io.tqc.examples.relay;

import io.tqc.api.http.TqcHeaders;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what never reaches a route (a header section over the limit, a request line it
 * cannot parse, a failure outside Javalin) as an RFC 9457 problem document with a TQC reason code,
 * instead of Jetty's HTML page. Jetty's own message is not echoed: the detail is ours.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private static final HttpField CONTENT_TYPE = new HttpField(HttpHeader.CONTENT_TYPE, HttpSupport.PROBLEM_JSON_UTF8);
  private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, TqcHeaders.NO_STORE);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    Object attribute = request.getAttribute(ERROR_STATUS);
    if (attribute instanceof Integer && (Integer) attribute >= 400) {
      status = (Integer) attribute;
    }
    response.setStatus(status);
    response.getHeaders().put(CONTENT_TYPE);
    response.getHeaders().put(NO_STORE);
    response.write(true, ByteBuffer.wrap(body(status)), callback);
    return true;
  }

  static byte[] body(int status) {
    return HttpSupport.problemFor(status, detail(status)).toJsonBytes();
  }

  static String detail(int status) {
    switch (status) {
      case 431:
        return "request headers larger than " + HttpSupport.MAX_REQUEST_HEADER_BYTES + " bytes (a token and a proof are"
            + " at most " + io.tqc.api.token.CertificationToken.MAX_LENGTH + " characters each)";
      case 414:
        return "request URI too long";
      case 400:
        return "the request is not valid HTTP";
      default:
        return status >= 500 ? "unexpected failure" : "the request cannot be served (HTTP " + status + ")";
    }
  }
}
