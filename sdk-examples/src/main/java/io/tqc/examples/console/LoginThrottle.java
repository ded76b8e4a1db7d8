package io.tqc.examples.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account name and per client address in fixed windows, and refuses
 * further attempts of a key that reached its limit until its window ends. The account key is the
 * name as typed, whether or not such an operator exists, so the answer never tells which names are
 * real. Checked before the password hash is computed, so refused attempts cost nothing. Bounded:
 * at most {@code maxKeys} keys are tracked; when full (after dropping ended windows) new keys are
 * refused, failing closed.
 */
final class LoginThrottle {
  private final int perAccount;
  private final int perAddress;
  private final Duration window;
  private final int maxKeys;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  LoginThrottle(int perAccount, int perAddress, Duration window, int maxKeys) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
    this.maxKeys = maxKeys;
  }

  /** How long {@code account} or {@code address} must wait, or {@code null} if it may try now. */
  Duration blocked(String account, String address, Instant now) {
    Duration a = blocked("a:" + account, perAccount, now);
    Duration b = blocked("i:" + address, perAddress, now);
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  private Duration blocked(String key, int limit, Instant now) {
    Window w = windows.get(key);
    if (w == null) {
      return windows.size() >= maxKeys && prune(now) >= maxKeys ? window : null;
    }
    if (!now.isBefore(w.end)) {
      windows.remove(key, w);
      return null;
    }
    return w.failures >= limit ? Duration.between(now, w.end) : null;
  }

  /** Records a failed attempt of {@code account} from {@code address}. */
  void failed(String account, String address, Instant now) {
    count("a:" + account, now);
    count("i:" + address, now);
  }

  /** A successful login clears its account's failures (not its address's). */
  void succeeded(String account) {
    windows.remove("a:" + account);
  }

  private void count(String key, Instant now) {
    windows.compute(key, (k, w) -> w == null || !now.isBefore(w.end) ? new Window(now.plus(window), 1)
        : new Window(w.end, w.failures + 1));
  }

  private int prune(Instant now) {
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next().end)) {
        it.remove();
      }
    }
    return windows.size();
  }

  private static final class Window {
    final Instant end;
    final int failures;

    Window(Instant end, int failures) {
      this.end = end;
      this.failures = failures;
    }
  }
}
