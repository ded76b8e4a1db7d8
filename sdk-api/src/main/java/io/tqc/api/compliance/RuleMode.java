package io.tqc.api.compliance;

/**
 * How a {@link CompliancePolicy} treats one rule: refuse the batch, only warn, or skip the rule.
 */
public enum RuleMode {
  /** A violation makes the batch non-compliant: the client refuses to send it, the relay answers 422. */
  ENFORCE,
  /** A violation is reported as a warning; the batch stays compliant. */
  WARN,
  /** The rule is not evaluated. */
  OFF;

  /** True if this enforcement is at least as strict as {@code other} (ENFORCE &gt; WARN &gt; OFF). */
  public boolean isAtLeastAsStrictAs(RuleMode other) {
    return ordinal() <= other.ordinal();
  }
}
