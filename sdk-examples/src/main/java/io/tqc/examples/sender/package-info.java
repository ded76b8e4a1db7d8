/**
 * A reseller's bulk sender (문자재판매사업자의 대량 발송), as plain Java: recipients from a CSV file,
 * advertising batches sent with OkHttp through the TQC interceptor, and every TQC refusal handled
 * the way docs/reseller-guide.md says — nothing is dropped: each batch ends accepted, refused (fix
 * it), deferred (send it later) or unconfirmed (reconcile before resending). Start with
 * {@link io.tqc.examples.sender.BulkSender}.
 */
package io.tqc.examples.sender;
