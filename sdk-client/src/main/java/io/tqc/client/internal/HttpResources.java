package io.tqc.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients of one TQC client: one for relay API calls (with timeouts) and one for the
 * status event stream (long read timeout, no call timeout). Both are derived with
 * {@code newBuilder()} from the caller's shared client when there is one, so they share its
 * connection pool (never evicted or shut down here); they always get their own dispatcher, so
 * closing cancels only our calls and stops only our threads.
 */
final class HttpResources {
  private final ExecutorService dispatcherThreads;
  private final Dispatcher dispatcher;
  private final ConnectionPool ownPool;
  private final OkHttpClient api;
  private final OkHttpClient stream;

  HttpResources(ClientConfig config, String name) {
    dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<Runnable>(), BackgroundExecutor.threads(name + "-http"));
    dispatcher = new Dispatcher(dispatcherThreads);
    OkHttpClient.Builder builder = config.sharedHttpClient != null
        ? config.sharedHttpClient.newBuilder() : new OkHttpClient.Builder();
    if (config.sharedHttpClient == null) {
      ownPool = new ConnectionPool();
      builder.connectionPool(ownPool);
    } else {
      ownPool = null;
    }
    api = builder.dispatcher(dispatcher)
        .connectTimeout(config.connectTimeout)
        .readTimeout(config.readTimeout)
        .writeTimeout(config.readTimeout)
        .callTimeout(config.callTimeout)
        .build();
    stream = api.newBuilder()
        .readTimeout(config.statusStreamReadTimeout)
        .callTimeout(java.time.Duration.ZERO)
        .build();
  }

  OkHttpClient api() {
    return api;
  }

  OkHttpClient stream() {
    return stream;
  }

  /** Cancels every call this client has running or queued. */
  void cancelCalls() {
    dispatcher.cancelAll();
  }

  /** Stops our dispatcher threads and, if we own the pool, closes its connections. */
  void shutdown() {
    dispatcher.cancelAll();
    dispatcherThreads.shutdownNow();
    try {
      dispatcherThreads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownPool != null) {
      ownPool.evictAll();
    }
  }
}
