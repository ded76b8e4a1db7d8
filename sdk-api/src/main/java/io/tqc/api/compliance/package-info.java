/**
 * Korean advertising-message compliance: one policy engine for the reseller's pre-flight check and
 * the relay's content policy.
 *
 * <p>{@link io.tqc.api.compliance.CompliancePolicy} checks a {@link io.tqc.api.batch.Batch} against
 * the display rules of the Network Act (정보통신망법 제50조, 시행령 제61조: {@code (광고)} marker,
 * advertiser name and contact, free 080 opt-out, night-time consent), the caller-id rules of the
 * Telecommunications Business Act (전기통신사업법 제84조의2), the carriers' EUC-KR size limits and
 * the smishing link rules ({@link io.tqc.api.compliance.Link}, {@link io.tqc.api.compliance.UrlRules}),
 * and returns a {@link io.tqc.api.compliance.ComplianceReport} listing every
 * {@link io.tqc.api.compliance.Violation}. {@link io.tqc.api.compliance.ComplianceException} carries
 * a failed report through the {@link io.tqc.api.TqcException} hierarchy. See docs/compliance.md.
 */
package io.tqc.api.compliance;
