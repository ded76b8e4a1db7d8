/**
 * Certification status: the {@link io.tqc.api.status.CertificationStatus} states, the signed
 * per-reseller status ({@code tqc-status+jwt}) that relays push to clients, and the IETF OAuth
 * Token Status List ({@code statuslist+jwt}, 2 bits per entry) for third parties.
 */
package io.tqc.api.status;
