/**
 * The batch body a reseller sends to a relay ({@code POST /v1/batches}): {@link io.tqc.api.batch.Batch}
 * and its {@link io.tqc.api.batch.BatchMessage}s, with a strict JSON codec.
 */
package io.tqc.api.batch;
