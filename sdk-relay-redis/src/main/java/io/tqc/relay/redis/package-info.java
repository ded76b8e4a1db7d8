/**
 * A shared {@link io.tqc.relay.ReplayCache} on Redis for a fleet of relay nodes:
 * {@link io.tqc.relay.redis.RedisReplayCache#open} with a
 * {@link io.tqc.relay.redis.RedisReplayConfig}, passed to
 * {@link io.tqc.relay.RelayConfig.Builder#replayCache}. Redis is a fast pre-check; the audit
 * table's unique batch id stays the authority. When Redis cannot answer, batches and token requests
 * are refused with the retryable {@code relay_unavailable}, never accepted unchecked.
 */
package io.tqc.relay.redis;
