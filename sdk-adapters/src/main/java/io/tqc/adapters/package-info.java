/**
 * Certification in front of the send APIs Korean resellers (문자재판매사업자) already use.
 *
 * <p>Each adapter takes the reseller's request in its provider's own shape, and before anything is
 * sent:
 * <ol>
 *   <li>reads it as a TQC {@link io.tqc.api.batch.Batch} (sender number, recipients, texts, the
 *       advertiser and night-time consents the provider has no field for) and certifies that with
 *       {@link io.tqc.client.TqcClient#certify(io.tqc.api.batch.Batch)}: the compliance pre-flight
 *       with the certification's registered sender numbers, then the fail-closed gate (suspended,
 *       revoked, expired, status unconfirmed: refused with the client's own
 *       {@link io.tqc.client.TqcClientException}, exactly as the interceptor refuses);</li>
 *   <li>stamps the certification's first-sender identification code (최초 발신자 식별코드, the token's
 *       {@code origin_code}) into the provider's own field where the provider documents one;</li>
 *   <li>signs a second proof over the exact request bytes that go to the provider
 *       ({@link io.tqc.client.TqcClient#certify(byte[], int)}), so the reseller's records bind what was
 *       actually sent to the certification it was sent under.</li>
 * </ol>
 * A {@link io.tqc.adapters.ProviderReceipt} carries both certifications and the provider's answer;
 * a provider's refusal is a {@link io.tqc.adapters.ProviderException} that says whether the send
 * may be retried, and carries the same certifications so that nothing is lost.
 *
 * <p>Sends marked as not advertising are checked for mislabelling (an advertising text sent as
 * non-advertising) by the client's compliance policy and are not certified: certification governs
 * advertising traffic, and a suspension must not stop one-time passwords.
 *
 * <p>Providers: {@link io.tqc.adapters.nhn} (NHN Cloud SMS v3.0), {@link io.tqc.adapters.sens}
 * (Naver Cloud SENS), {@link io.tqc.adapters.solapi} (SOLAPI / CoolSMS), {@link io.tqc.adapters.msghub}
 * (U+ 메시지허브 REST), and {@link io.tqc.adapters.jdbc} (DB-agent tables).
 */
package io.tqc.adapters;
