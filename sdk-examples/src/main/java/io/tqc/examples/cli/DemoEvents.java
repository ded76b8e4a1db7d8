package io.tqc.examples.cli;

import io.tqc.api.TqcException;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationToken;
import io.tqc.client.CertifiedBatch;
import io.tqc.client.TqcClientException;
import io.tqc.client.TqcEventListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's {@link TqcEventListener}: it counts tokens, remembers when each status arrived
 * ({@code System.nanoTime}) and which token certified the last batch, and queues a line per event
 * for the story to print on its own thread (listeners run on the client's threads).
 */
final class DemoEvents implements TqcEventListener {
  private final Queue<String> pending = new ConcurrentLinkedQueue<>();
  private final Map<CertificationStatus, Long> statusSeenAt = new ConcurrentHashMap<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private volatile String tokenId;
  private volatile String certifiedWith;
  private volatile String lastFailure;

  @Override
  public void tokenRefreshed(CertificationToken token) {
    tokens.incrementAndGet();
    tokenId = token.claims().tokenId();
    long minutes = Duration.between(token.claims().issuedAt(), token.claims().expiresAt()).toMinutes();
    pending.add("token fetched (인증 토큰 발급): jti=" + tokenId + ", valid " + minutes + " min, bound to the "
        + "reseller key (cnf.jkt), sender numbers " + token.claims().senderNumbers() + ", origin code "
        + token.claims().originCode());
  }

  @Override
  public void tokenRefreshFailed(TqcClientException error) {
    String code = error.reason().code();
    if (!code.equals(lastFailure)) {
      lastFailure = code;
      pending.add("token request refused by the relay: " + code);
    }
  }

  @Override
  public void statusChanged(CertificationStatus previous, CertificationStatus current, long sequence, String reason) {
    statusSeenAt.put(current, System.nanoTime());
    if (current == CertificationStatus.ACTIVE) {
      lastFailure = null;
    }
    pending.add("status (인증 상태) " + (previous == null ? "" : previous + " → ") + current + ", seq " + sequence
        + (reason == null ? "" : ": " + reason));
  }

  @Override
  public void batchCertified(CertifiedBatch batch) {
    try {
      certifiedWith = CertificationToken.decodeUnverified(batch.token()).claims().tokenId();
    } catch (TqcException e) {
      certifiedWith = "?";
    }
  }

  /** Tokens received so far. */
  int tokenCount() {
    return tokens.get();
  }

  /** The {@code jti} of the newest token. */
  String tokenId() {
    return tokenId;
  }

  /** The {@code jti} of the token that certified the last batch. */
  String certifiedWith() {
    return certifiedWith;
  }

  /** When the client last entered {@code status} (System.nanoTime), or null. */
  Long statusSeenAt(CertificationStatus status) {
    return statusSeenAt.get(status);
  }

  /** The event lines queued since the last call. */
  List<String> drain() {
    List<String> lines = new ArrayList<>();
    for (String line; (line = pending.poll()) != null; ) {
      lines.add(line);
    }
    return lines;
  }

  /** {@code instant} in Korea time, to the second. */
  static String kst(Instant instant) {
    return instant.atZone(TokenCommand.SEOUL).toLocalTime().withNano(0) + " KST";
  }
}
