package io.tqc.client.internal;

import io.tqc.api.internal.Json.JsonException;
import io.tqc.api.internal.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Asks the relay which recipients of one advertiser are suppressed ({@code POST
 * /v1/suppression/check}), in requests of at most {@link #MAX_PER_REQUEST} numbers, each through
 * the client's retry and circuit breaker. Strict about the answer: a wrong reseller, count or index
 * is a {@link RelayContractException}.
 */
public final class SuppressionChecker {
  /** The relay's bound on the numbers of one check request. */
  public static final int MAX_PER_REQUEST = 10_000;

  private final ClientConfig config;
  private final RelayHttp http;
  private final Resilience resilience;

  SuppressionChecker(ClientConfig config, RelayHttp http, Resilience resilience) {
    this.config = config;
    this.http = http;
    this.resilience = resilience;
  }

  /**
   * The suppressed numbers among {@code recipients}, in their order (duplicates as often as given).
   *
   * @param authorization the {@code Authorization: TQC …} value of the held token
   * @throws RelayHttpException the relay refused a request (its problem code)
   * @throws IOException the relay could not be reached or answered out of contract
   */
  public List<String> suppressed(String authorization, String advertiser, List<String> recipients)
      throws IOException {
    HttpUrl url = config.relayUrl.resolve("v1/suppression/check");
    List<String> out = new ArrayList<>();
    for (int from = 0; from < recipients.size(); from += MAX_PER_REQUEST) {
      final List<String> chunk = recipients.subList(from, Math.min(recipients.size(), from + MAX_PER_REQUEST));
      final Map<String, Object> body = new LinkedHashMap<>();
      body.put("advertiser", advertiser);
      body.put("numbers", new ArrayList<>(chunk));
      JsonObject answer = resilience.call(() -> http.postJson(url, body, "suppression check", authorization));
      try {
        String reseller = answer.string("reseller_id");
        if (!reseller.equals(config.resellerId.value())) {
          throw new RelayContractException("suppression check answered for another reseller");
        }
        if (answer.integer("checked", 0, MAX_PER_REQUEST) != chunk.size()) {
          throw new RelayContractException("suppression check counted " + answer.integer("checked", 0, MAX_PER_REQUEST)
              + " numbers but " + chunk.size() + " were sent");
        }
        int previous = -1;
        for (Object item : answer.array("suppressed")) {
          if (!(item instanceof Number) || ((Number) item).doubleValue() != ((Number) item).longValue()) {
            throw new RelayContractException("suppression check: \"suppressed\" holds a non-integer");
          }
          long index = ((Number) item).longValue();
          if (index <= previous || index >= chunk.size()) {
            throw new RelayContractException("suppression check: index " + index + " out of range or order");
          }
          previous = (int) index;
          out.add(chunk.get(previous));
        }
      } catch (JsonException e) {
        throw new RelayContractException("suppression check answer: " + e.getMessage());
      }
    }
    return out;
  }
}
