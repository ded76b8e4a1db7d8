/**
 * The reseller side of TQC: {@link io.tqc.client.TqcClient} keeps a certification token and the
 * relay-signed live status current and certifies advertising batches, failing closed with a
 * {@link io.tqc.client.TqcClientException} subtype when the certification is not healthy.
 */
package io.tqc.client;
