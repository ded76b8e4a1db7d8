package io.tqc.examples.relay;

import io.tqc.api.key.KeySet;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.ResellerId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal text/event-stream reader over java.net.http: each event's signed status, verified, with its arrival time. */
final class StatusEventStream implements AutoCloseable {
  record Event(String name, String id, SignedStatus status, long receivedNanos) {}

  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final int httpStatus;
  final String contentType;
  private final Stream<String> lines;
  private final Thread reader;

  StatusEventStream(HttpClient client, String base, ResellerId id, KeySet keys, String issuer) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/resellers/" + id.value() + "/status/events"))
        .header("Accept", "text/event-stream").GET().build();
    CompletableFuture<HttpResponse<Stream<String>>> future = client.sendAsync(request,
        HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = future.get(10, TimeUnit.SECONDS);
    this.httpStatus = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.lines = response.body();
    this.reader = new Thread(() -> read(keys, issuer, id), "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(KeySet keys, String issuer, ResellerId id) {
    String name = null;
    String eventId = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            long at = System.nanoTime();
            SignedStatus status = SignedStatus.verify(data.toString(), keys, issuer, id, Instant.now(),
                Duration.ofSeconds(5));
            events.add(new Event(name, eventId, status, at));
          }
          name = null;
          eventId = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          eventId = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (Exception e) {
      // stream closed
    }
  }

  Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    lines.close();
    reader.interrupt();
  }
}
