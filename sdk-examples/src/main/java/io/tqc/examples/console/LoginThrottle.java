package io.tqc.examples.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Counts failed logins per account name and per client address in fixed windows (in a {@link
 * LoginFailureStore}), and refuses further attempts of a key that reached its limit until its
 * window ends. The account key is the name as typed, whether or not such an operator exists, so the
 * answer never tells which names are real. Checked before the password hash is computed, so refused
 * attempts cost nothing. Keys are stored as SHA-256 digests.
 */
final class LoginThrottle {
  private final LoginFailureStore store;
  private final int perAccount;
  private final int perAddress;
  private final Duration window;

  LoginThrottle(LoginFailureStore store, int perAccount, int perAddress, Duration window) {
    this.store = store;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
  }

  /** How long {@code account} or {@code address} must wait, or {@code null} if it may try now. */
  Duration blocked(String account, String address, Instant now) throws IOException {
    Duration a = blocked(key("a", account), perAccount, now);
    Duration b = blocked(key("i", address), perAddress, now);
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private Duration blocked(String key, int limit, Instant now) throws IOException {
    LoginFailureStore.Failures f = store.find(key, now);
    return f != null && f.count() >= limit ? Duration.between(now, f.windowEnd()) : null;
  }

  /** Records a failed attempt of {@code account} from {@code address}. */
  void failed(String account, String address, Instant now) throws IOException {
    store.increment(key("a", account), now, window);
    store.increment(key("i", address), now, window);
  }

  /** A successful login clears its account's failures (not its address's). */
  void succeeded(String account) throws IOException {
    store.clear(key("a", account));
  }

  private static String key(String kind, String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
      return kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
