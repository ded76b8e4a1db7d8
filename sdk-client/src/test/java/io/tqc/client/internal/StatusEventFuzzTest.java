package io.tqc.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tqc.api.internal.Json;
import io.tqc.api.key.KeySet;
import io.tqc.api.key.SigningKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.status.SignedStatus;
import io.tqc.api.token.ResellerId;
import io.tqc.client.Backoff;
import io.tqc.client.CircuitBreakerPolicy;
import io.tqc.client.RetryPolicy;
import io.tqc.client.Timeouts;
import io.tqc.client.TqcEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Arbitrary bytes as the relay's status event stream, parsed by the client's bounded SSE reader
 * ({@link EventStreamReader}) and handed to
 * the client's status watcher exactly as its stream listener does. Nothing escapes as an exception,
 * and the client's certification state changes only for an event that is a status signed by the
 * relay for this reseller (the fuzzer may splice a real one into the stream). Discovery and JWKS
 * come from an in-memory relay (an OkHttp interceptor): no sockets.
 */
class StatusEventFuzzTest {
  private static final String BASE = "http://relay.invalid/";
  private static final String ISSUER = "https://relay.fuzz.kr";
  private static final SigningKey RELAY_KEY = SigningKey.generate();
  private static final ResellerId RESELLER = reseller();
  private static final String VALID = SignedStatus.sign(ISSUER, RESELLER, "cert-1", CertificationStatus.SUSPENDED,
      "fuzz", 7, Instant.now(), Duration.ofHours(2), RELAY_KEY).compact();

  private static ResellerId reseller() {
    try {
      return ResellerId.parse("124-81-00998");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static OkHttpClient inMemoryRelay() {
    Map<String, Object> discovery = new LinkedHashMap<>();
    discovery.put("issuer", ISSUER);
    discovery.put("jwks_uri", BASE + ".well-known/jwks.json");
    discovery.put("token_endpoint", BASE + "v1/token");
    discovery.put("batch_endpoint", BASE + "v1/batches");
    discovery.put("status_endpoint", BASE + "v1/resellers/{id}/status");
    discovery.put("status_events_endpoint", BASE + "v1/resellers/{id}/status/events");
    discovery.put("status_list_endpoint", BASE + "v1/status-lists/{n}");
    String discoveryJson = Json.write(discovery);
    String jwks = KeySet.of(RELAY_KEY.verificationKey()).toJson();
    return new OkHttpClient.Builder().addInterceptor(chain -> {
      String path = chain.request().url().encodedPath();
      String body = path.endsWith("jwks.json") ? jwks : path.endsWith("tqc-configuration") ? discoveryJson : null;
      return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1)
          .code(body == null ? 404 : 200).message("in memory")
          .body(ResponseBody.create(body == null ? "" : body, MediaType.get("application/json"))).build();
    }).build();
  }

  private static final OkHttpClient HTTP = inMemoryRelay();

  @FuzzTest(maxDuration = "30s")
  void arbitraryEventStream_neverThrows_andOnlyASignedStatusChangesTheState(FuzzedDataProvider data) {
    ClientConfig config = ClientConfig.builder().relayUrl(HttpUrl.get(BASE)).resellerId(RESELLER)
        .signingKey(SigningKey.generate()).sharedHttpClient(HTTP).clock(Clock.systemUTC())
        .timeouts(Timeouts.builder().connect(Duration.ofSeconds(1)).read(Duration.ofSeconds(1))
            .call(Duration.ofSeconds(2)).build())
        .retry(RetryPolicy.builder().maxAttempts(1).backoff(Backoff.between(Duration.ofMillis(5), Duration.ofMillis(20)))
            .maxRetryAfter(Duration.ZERO).build())
        .circuitBreaker(CircuitBreakerPolicy.builder().window(10).minimumCalls(5).openDuration(Duration.ofSeconds(1))
            .build())
        .keysRefreshMinInterval(Duration.ZERO).compliancePolicy(null).build();
    ClientEngine engine = new ClientEngine(config, TqcEventListener.NONE);
    try {
      RelayHttp http = new RelayHttp(HTTP, config.clock, (date, receipt) -> {});
      Resilience resilience = new Resilience("fuzz", config);
      StatusWatcher watcher = new StatusWatcher(engine, config, new RelayDirectory(config, http, resilience), http,
          resilience, HTTP);
      String stream = data.consumeString(4000);
      if (data.consumeBoolean()) {
        int at = data.consumeInt(0, stream.length());
        stream = stream.substring(0, at) + VALID + stream.substring(at);
      }
      byte[] bytes = data.consumeBoolean() ? stream.getBytes(StandardCharsets.UTF_8) : data.consumeRemainingAsBytes();
      boolean[] verified = new boolean[1];
      try {
        new EventStreamReader(new Buffer().write(bytes)).readAll((id, type, eventData) -> {
          if (type == null || "status".equals(type)) {
            verified[0] |= watcher.accept(eventData, "fuzzed stream");
          }
        });
      } catch (EventStreamReader.StreamOverflowException expected) {
        // An event over the cap ends the stream: what was dispatched before it still counts.
      } catch (java.io.IOException e) {
        throw new AssertionError("an in-memory stream fails only by overflow", e);
      }

      CertificationState state = engine.state();
      if (verified[0]) {
        assertThat(state.status()).isEqualTo(CertificationStatus.SUSPENDED);
        assertThat(state.statusSequence()).isEqualTo(7);
      } else {
        assertThat(state.status()).isNull();
        assertThat(state.statusSequence()).isEqualTo(CertificationState.NO_SEQUENCE);
      }
    } finally {
      engine.close();
    }
  }
}
