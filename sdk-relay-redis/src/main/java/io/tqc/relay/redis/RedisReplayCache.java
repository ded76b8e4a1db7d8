package io.tqc.relay.redis;

import io.tqc.relay.ReplayCache;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ReplayCache} on Redis, shared by every relay node of a fleet: one
 * {@code SET prefix+id 1 NX PX ttl} per identifier, so exactly one node sees the first use.
 *
 * <p>It is a pre-check, not the authority: the audit table's unique batch id is. Losing Redis's
 * data ({@code FLUSHALL}, a failover to a replica that missed the last writes, eviction) therefore
 * costs only the early refusal. Configure Redis with {@code maxmemory-policy noeviction} so a full
 * Redis refuses writes (answered as unavailable) instead of evicting unexpired identifiers.
 *
 * <p><b>Lifetime.</b> The key's lifetime is {@code expiresAt - now} on the relay's clock, sent as
 * a relative {@code PX}: an absolute {@code PXAT} would be compared with Redis's clock, and a relay
 * clock behind Redis's by more than the window would store keys that are already expired, that is,
 * accept replays.
 *
 * <p><b>Outages fail closed.</b> Redis down, unreachable, slower than
 * {@link RedisReplayConfig#readTimeout()}, refusing the credentials or refusing the write: the
 * answer is {@link ReplayCache.Result#UNAVAILABLE}, and the relay refuses the request with the
 * retryable {@code relay_unavailable}. After a failure the cache answers unavailable without
 * contacting Redis for {@link RedisReplayConfig#failFastPeriod()}, and drops its idle connections
 * (after a Redis restart they are all dead). Never throws from {@link #remember}.
 *
 * <p><b>TLS</b> ({@code rediss://}) checks the server's certificate against the trust store (or
 * the configured socket factory) and its host name against the configured host.
 *
 * <p>Thread-safe; close it when the relay closes.
 */
public final class RedisReplayCache implements ReplayCache, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisReplayCache.class);
  private static final String VALUE = "1";

  private final RedisReplayConfig config;
  private final JedisPooled redis;
  private final LongSupplier nanoTicker;
  private final long failFastNanos;
  /** Ticker time until which calls answer UNAVAILABLE without trying; written on failure only. */
  private volatile long unavailableUntil;
  private final AtomicBoolean unavailable = new AtomicBoolean();
  private final LongAdder unavailableAnswers = new LongAdder();

  private RedisReplayCache(RedisReplayConfig config, LongSupplier nanoTicker) {
    this.config = config;
    this.nanoTicker = nanoTicker;
    this.failFastNanos = config.failFastPeriod().toNanos();
    this.unavailableUntil = nanoTicker.getAsLong();
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(config.connectTimeout()))
        .socketTimeoutMillis(millis(config.readTimeout()))
        .database(config.database())
        .clientName("tqc-relay")
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
        .ssl(config.tls());
    if (config.username() != null) {
      client.user(config.username());
    }
    if (config.hasPassword()) {
      client.password(config.password());
    }
    if (config.tls()) {
      // Jedis checks the server's host name only when asked: without this, any certificate the
      // trust store accepts, issued for any name, would do.
      SSLParameters ssl = new SSLParameters();
      ssl.setEndpointIdentificationAlgorithm("HTTPS");
      client.sslParameters(ssl);
    }
    if (config.sslSocketFactory() != null) {
      client.sslSocketFactory(config.sslSocketFactory());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(config.connectTimeout());
    pool.setTestOnBorrow(false);
    pool.setTestWhileIdle(false);
    pool.setJmxEnabled(false);
    this.redis = new JedisPooled(new HostAndPort(config.host(), config.port()), client.build(), pool);
  }

  /**
   * Connects to Redis as {@code config} says. Redis being down is not an error here (the relay
   * starts and refuses batches as {@code relay_unavailable} until it is back); Redis answering that
   * the credentials or the database are wrong is.
   *
   * @throws IOException if Redis answers but refuses the configured credentials or database
   */
  public static RedisReplayCache open(RedisReplayConfig config) throws IOException {
    return open(config, System::nanoTime);
  }

  static RedisReplayCache open(RedisReplayConfig config, LongSupplier nanoTicker) throws IOException {
    RedisReplayCache cache = new RedisReplayCache(config, nanoTicker);
    try {
      cache.redis.ping();
    } catch (JedisDataException e) {
      cache.close();
      throw new IOException("Redis at " + config.host() + ":" + config.port() + " refused the connection settings: "
          + firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      cache.markUnavailable(e);
    }
    return cache;
  }

  @Override
  public Result remember(String id, Instant expiresAt, Instant now) {
    if (nanoTicker.getAsLong() - unavailableUntil < 0) {
      unavailableAnswers.increment();
      return Result.UNAVAILABLE;
    }
    long ttlMillis = ttlMillis(expiresAt, now);
    String reply;
    try {
      reply = redis.set(config.keyPrefix() + id, VALUE, SetParams.setParams().nx().px(ttlMillis));
    } catch (RuntimeException e) {
      // Connection refused or reset, timeout, NOAUTH, OOM/READONLY: whether the id was stored is
      // unknown (a timed-out SET may have been applied), so the request is refused as retryable.
      markUnavailable(e);
      unavailableAnswers.increment();
      return Result.UNAVAILABLE;
    }
    if (unavailable.compareAndSet(true, false)) {
      LOG.info("Redis replay cache at {}:{} answers again", config.host(), config.port());
    }
    return "OK".equals(reply) ? Result.FIRST_USE : Result.REPLAYED;
  }

  /** Milliseconds from {@code now} to {@code expiresAt}, rounded up, at least 1. */
  private static long ttlMillis(Instant expiresAt, Instant now) {
    Duration ttl = Duration.between(now, expiresAt);
    if (ttl.isNegative() || ttl.isZero()) {
      return 1;
    }
    long millis = ttl.toMillis();
    return ttl.minusMillis(millis).isZero() ? millis : millis + 1;
  }

  private void markUnavailable(RuntimeException e) {
    unavailableUntil = nanoTicker.getAsLong() + failFastNanos;
    try {
      // After a restart every pooled connection is dead; do not fail one request per connection.
      redis.getPool().clear();
    } catch (RuntimeException ignored) {
      // Best effort: broken connections are also dropped when they fail.
    }
    if (unavailable.compareAndSet(false, true)) {
      LOG.warn("Redis replay cache at {}:{} cannot answer ({}: {}); refusing batches and token requests "
          + "with relay_unavailable until it does", config.host(), config.port(), e.getClass().getSimpleName(),
          firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  /** True: every node of the fleet uses the same Redis, so the relay does not seed it at start-up. */
  @Override
  public boolean shared() {
    return true;
  }

  /** False from a failure until Redis answers again. */
  public boolean isAvailable() {
    return !unavailable.get();
  }

  /** How many times {@link #remember} answered {@link ReplayCache.Result#UNAVAILABLE} since open. */
  public long unavailableCount() {
    return unavailableAnswers.sum();
  }

  /** The configuration. */
  public RedisReplayConfig config() {
    return config;
  }

  /** Closes every connection. */
  @Override
  public void close() {
    redis.close();
  }

  @Override
  public String toString() {
    return "RedisReplayCache{" + config.host() + ":" + config.port() + ", prefix " + config.keyPrefix()
        + (isAvailable() ? "" : ", unavailable") + "}";
  }
}
