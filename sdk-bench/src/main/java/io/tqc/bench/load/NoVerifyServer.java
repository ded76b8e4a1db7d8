package io.tqc.bench.load;

import io.javalin.Javalin;
import java.io.Closeable;

/**
 * The "verification off" relay of the load harness: the same HTTP stack as the reference relay
 * (Javalin on Jetty, loopback) with a {@code POST /v1/batches} that reads the body and answers
 * {@code 202} with the reference relay's response shape, without looking at the token, the proof
 * or the body and without writing an audit record. The library has no switch to disable
 * verification (deliberately: a relay must never be able to skip it), so the comparison point
 * lives here, in the benchmark code only.
 */
final class NoVerifyServer implements Closeable {
  private final Javalin app;

  NoVerifyServer() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = 4 * 1024 * 1024;
      config.routes.post("/v1/batches", ctx -> {
        byte[] body = ctx.bodyAsBytes();
        ctx.status(202).contentType("application/json").header("Cache-Control", "no-store")
            .result("{\"batch_id\":\"" + io.tqc.bench.Sha256.randomId() + "\",\"accepted\":" + (body.length > 0 ? 1 : 0)
                + ",\"origin_code\":\"123456789\"}");
      });
    });
    app.start("127.0.0.1", 0);
  }

  String batchUrl() {
    return "http://127.0.0.1:" + app.port() + "/v1/batches";
  }

  @Override
  public void close() {
    app.stop();
  }
}
