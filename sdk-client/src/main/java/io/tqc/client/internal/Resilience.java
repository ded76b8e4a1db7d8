package io.tqc.client.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Resilience4j wiring for one kind of relay call: a {@link Retry} (exponential backoff with
 * jitter; retries I/O errors, 5xx and 429, honouring {@code Retry-After}; never other 4xx or
 * contract violations) around a {@link CircuitBreaker} (count-based window) that stops calling a
 * relay that keeps failing.
 *
 * <p>Only API present in both Resilience4j 1.7 and 2.x is used: {@code decorateCallable},
 * {@link IntervalFunction} and predicate-based configuration (no Vavr types).
 */
public final class Resilience {
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final RetryAfterInterval interval;

  /** Wiring named {@code name} (for metrics and logs) with the settings of {@code config}. */
  public Resilience(String name, ClientConfig config) {
    this.interval = new RetryAfterInterval(IntervalFunction.ofExponentialRandomBackoff(
        config.retryInitialBackoff.toMillis(), 2.0, 0.5, config.retryMaxBackoff.toMillis()));
    long maxRetryAfter = config.maxRetryAfter.toMillis();
    this.retry = Retry.of(name, RetryConfig.custom()
        .maxAttempts(config.retryMaxAttempts)
        .intervalFunction(interval)
        .retryOnException(t -> isRetryable(t, maxRetryAfter))
        .build());
    this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.circuitBreakerWindow)
        .minimumNumberOfCalls(config.circuitBreakerMinimumCalls)
        .failureRateThreshold(50)
        .waitDurationInOpenState(config.circuitBreakerOpenDuration)
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(Resilience::isRelayFailure)
        .build());
  }

  /** True if another attempt may help: I/O errors and 429/5xx within the {@code Retry-After} cap. */
  static boolean isRetryable(Throwable t, long maxRetryAfterMillis) {
    if (t instanceof RelayHttpException) {
      RelayHttpException e = (RelayHttpException) t;
      return e.isTransient() && e.retryAfterMillis() <= maxRetryAfterMillis;
    }
    if (t instanceof RelayContractException) {
      return false;
    }
    if (t instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return false;
    }
    return t instanceof IOException;
  }

  /** True if {@code t} says the relay is unhealthy (counts toward opening the circuit). */
  static boolean isRelayFailure(Throwable t) {
    if (t instanceof RelayHttpException) {
      return ((RelayHttpException) t).isTransient();
    }
    return t instanceof IOException;
  }

  /**
   * Runs {@code call} with retries and the circuit breaker. An open circuit surfaces as
   * {@link CircuitOpenException}.
   */
  public <T> T call(Callable<T> call) throws IOException {
    Callable<T> hinting = () -> {
      try {
        return call.call();
      } catch (RelayHttpException e) {
        interval.hint(e.retryAfterMillis());
        throw e;
      }
    };
    Callable<T> decorated = Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(circuitBreaker, hinting));
    interval.hint(-1);
    try {
      return decorated.call();
    } catch (IOException | RuntimeException e) {
      if (e instanceof CallNotPermittedException) {
        throw new CircuitOpenException(circuitBreaker.getName());
      }
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    } finally {
      interval.clear();
    }
  }

  /** Observes every retry's wait (for tests and diagnostics). */
  public void onRetryWait(Consumer<Duration> consumer) {
    retry.getEventPublisher().onRetry(event -> consumer.accept(event.getWaitInterval()));
  }

  /** The circuit breaker's state name ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...). */
  public String circuitState() {
    return circuitBreaker.getState().name();
  }

  /** The relay keeps failing: calls are paused for a while without reaching the network. */
  public static final class CircuitOpenException extends IOException {
    private static final long serialVersionUID = 1L;

    CircuitOpenException(String name) {
      super(name + " calls paused: circuit breaker open after repeated relay failures");
    }
  }

  /**
   * Exponential backoff with jitter that waits at least the relay's {@code Retry-After}. Retry runs
   * the attempt and computes the wait on the same thread, so the hint travels in a thread local.
   */
  static final class RetryAfterInterval implements IntervalFunction {
    private final IntervalFunction backoff;
    private final ThreadLocal<long[]> hint = ThreadLocal.withInitial(() -> new long[] {-1});

    RetryAfterInterval(IntervalFunction backoff) {
      this.backoff = backoff;
    }

    void hint(long retryAfterMillis) {
      hint.get()[0] = retryAfterMillis;
    }

    void clear() {
      hint.remove();
    }

    @Override
    public Long apply(Integer attempt) {
      long base = backoff.apply(attempt);
      long[] slot = hint.get();
      long retryAfter = slot[0];
      slot[0] = -1;
      return Math.max(base, retryAfter);
    }
  }
}
