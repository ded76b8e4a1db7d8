package io.tqc.api.compliance;

import io.tqc.api.ReasonCode;
import io.tqc.api.batch.Batch;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Korean advertising-message rules to apply to a batch, and how strictly. Immutable and
 * thread-safe; build with {@link Builder} or start from {@link #defaults()}.
 *
 * <p>Each rule is identified by the {@link ReasonCode} it reports (see {@link #rules()}) and is
 * {@link RuleMode#ENFORCE ENFORCE}d, only {@link RuleMode#WARN WARN}ed about, or
 * {@link RuleMode#OFF OFF}. The defaults are the law's: every rule enforced, text sizes counted
 * in EUC-KR. A reseller may relax rules for its own pre-flight check; a relay applies its own policy
 * on receipt and may be stricter.
 *
 * <p>{@link #check} is pure: no I/O, no clock of its own, no dependence on the JVM's default time
 * zone (the night window is evaluated in {@link #KOREA}). It compiles no regular expression and
 * reuses one charset encoder per call, so a 1,000-message batch is cheap to check.
 *
 * <pre>{@code
 * CompliancePolicy policy = new CompliancePolicy.Builder()
 *     .set(ReasonCode.RECIPIENT_DUPLICATE, RuleMode.WARN)
 *     .build();
 * ComplianceReport report = policy.check(batch, registeredSenderNumbers, Instant.now(clock));
 * report.requireCompliant(); // throws ComplianceException listing every violation
 * }</pre>
 */
public final class CompliancePolicy {
  /** The zone the night window is evaluated in, whatever the machine's default zone. */
  public static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
  /** First hour (inclusive, Korea time) of the night window that needs separate consent. */
  public static final int NIGHT_START_HOUR = 21;
  /** Hour (exclusive, Korea time) at which the night window ends. */
  public static final int NIGHT_END_HOUR = 8;
  /** The charset text sizes are counted in by default. */
  public static final Charset EUC_KR = Charset.forName("EUC-KR");

  private static final Set<ReasonCode> RULES;

  static {
    EnumSet<ReasonCode> rules = EnumSet.noneOf(ReasonCode.class);
    for (ReasonCode code : ReasonCode.values()) {
      if (RuleText.governs(code)) {
        rules.add(code);
      }
    }
    RULES = Collections.unmodifiableSet(rules);
  }

  private static final CompliancePolicy DEFAULTS = new Builder().build();

  private final Map<ReasonCode, RuleMode> modes;
  /** The same modes indexed by {@code ReasonCode.ordinal()} for the hot path; null for other codes. */
  private final RuleMode[] byOrdinal;
  private final Charset charset;
  private final UrlRules urlRules;

  private CompliancePolicy(Builder builder) {
    this.modes = Collections.unmodifiableMap(new EnumMap<>(builder.modes));
    this.byOrdinal = new RuleMode[ReasonCode.values().length];
    for (Map.Entry<ReasonCode, RuleMode> entry : modes.entrySet()) {
      byOrdinal[entry.getKey().ordinal()] = entry.getValue();
    }
    this.charset = builder.charset;
    this.urlRules = builder.urlRules;
  }

  /** The law's defaults: every rule {@link RuleMode#ENFORCE}d, sizes counted in EUC-KR. */
  public static CompliancePolicy defaults() {
    return DEFAULTS;
  }

  /** The reason codes a policy governs, one per rule (the advertising-content compliance codes). */
  public static Set<ReasonCode> rules() {
    return RULES;
  }

  /**
   * How this policy treats the rule reporting {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not one of {@link #rules()}
   */
  public RuleMode enforcement(ReasonCode code) {
    RuleMode mode = byOrdinal[code.ordinal()];
    if (mode == null) {
      throw new IllegalArgumentException(code + " is not a compliance rule");
    }
    return mode;
  }

  /** The charset whose byte length decides SMS/LMS and {@code text_not_encodable}. */
  public Charset charset() {
    return charset;
  }

  /** The data the link rules screen against (blocklist, shorteners, protected brands, allowlists). */
  public UrlRules urlRules() {
    return urlRules;
  }

  /**
   * True if every rule is at least as strict here as in {@code other} and both count in the same
   * charset: what a relay can assert about its policy against a reseller's. The link rules' data
   * ({@link #urlRules()}) is not compared.
   */
  public boolean isAtLeastAsStrictAs(CompliancePolicy other) {
    if (!charset.equals(other.charset)) {
      return false;
    }
    for (ReasonCode code : RULES) {
      if (!modes.get(code).isAtLeastAsStrictAs(other.modes.get(code))) {
        return false;
      }
    }
    return true;
  }

  /** A builder starting from this policy's settings. */
  public Builder newBuilder() {
    Builder builder = new Builder().charset(charset).urlRules(urlRules);
    builder.modes.putAll(modes);
    return builder;
  }

  /**
   * Checks {@code batch} against every rule not {@link RuleMode#OFF OFF} and returns the report
   * of all violations. Never throws for a bad batch: violations are in the report.
   *
   * @param batch the batch to check
   * @param registeredSenderNumbers the sender numbers pre-registered for the certification (dashes
   *     and spaces ignored), or {@code null} to skip {@code sender_number_not_registered}
   * @param defaultSendTime when the batch is sent if it has no {@code send_at} (usually now)
   */
  public ComplianceReport check(Batch batch, List<String> registeredSenderNumbers, Instant defaultSendTime) {
    if (batch == null || defaultSendTime == null) {
      throw new NullPointerException(batch == null ? "batch" : "defaultSendTime");
    }
    return new ComplianceRun(this).run(batch, registeredSenderNumbers, defaultSendTime);
  }

  /**
   * The sender-number registration rule on its own ({@code sender_number_not_registered}, 발신번호
   * 사전등록, 전기통신사업법 제84조의2), whatever any policy's modes say: the enforced batch-level
   * violation if {@code senderNumber} is not one of {@code registeredSenderNumbers} (dashes and
   * spaces ignored on both sides), else {@code null}. It is the rule {@link #check} applies, with
   * the same detail; a relay applies it to every batch whatever its content policy.
   *
   * @throws NullPointerException an argument is null
   */
  public static Violation unregisteredSender(String senderNumber, Collection<String> registeredSenderNumbers) {
    if (senderNumber == null || registeredSenderNumbers == null) {
      throw new NullPointerException(senderNumber == null ? "senderNumber" : "registeredSenderNumbers");
    }
    return ComplianceRun.unregisteredSender(senderNumber, registeredSenderNumbers, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompliancePolicy
        && modes.equals(((CompliancePolicy) o).modes) && charset.equals(((CompliancePolicy) o).charset)
        && urlRules.equals(((CompliancePolicy) o).urlRules);
  }

  @Override
  public int hashCode() {
    return (modes.hashCode() * 31 + charset.hashCode()) * 31 + urlRules.hashCode();
  }

  /** The rules that are not enforced, e.g. {@code CompliancePolicy{EUC-KR, recipient_duplicate=WARN}}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("CompliancePolicy{").append(charset.name());
    for (Map.Entry<ReasonCode, RuleMode> entry : modes.entrySet()) {
      if (entry.getValue() != RuleMode.ENFORCE) {
        out.append(", ").append(entry.getKey().code()).append('=').append(entry.getValue());
      }
    }
    if (!urlRules.equals(UrlRules.defaults())) {
      out.append(", ").append(urlRules);
    }
    return out.append('}').toString();
  }

  /** Builds a {@link CompliancePolicy}; starts from the law's defaults. */
  public static final class Builder {
    private final EnumMap<ReasonCode, RuleMode> modes = new EnumMap<>(ReasonCode.class);
    private Charset charset = EUC_KR;
    private UrlRules urlRules = UrlRules.defaults();

    /** A builder with every rule enforced and EUC-KR sizes. */
    public Builder() {
      setAll(RuleMode.ENFORCE);
    }

    /**
     * Sets how the rule reporting {@code code} is treated.
     *
     * @throws IllegalArgumentException if {@code code} is not one of {@link CompliancePolicy#rules()}
     */
    public Builder set(ReasonCode code, RuleMode enforcement) {
      if (code == null || enforcement == null || !RULES.contains(code)) {
        throw new IllegalArgumentException(code + " is not a compliance rule");
      }
      modes.put(code, enforcement);
      return this;
    }

    /** Sets every rule to {@code enforcement}, e.g. {@link RuleMode#WARN} for a dry run. */
    public Builder setAll(RuleMode enforcement) {
      if (enforcement == null) {
        throw new IllegalArgumentException("enforcement is required");
      }
      for (ReasonCode code : RULES) {
        modes.put(code, enforcement);
      }
      return this;
    }

    /**
     * Counts text sizes in {@code charset} instead of EUC-KR, e.g. {@code x-windows-949} (CP949) for
     * a carrier route that also accepts the Hangul syllables missing from KS X 1001 (똠, 햏, ...).
     */
    public Builder charset(Charset charset) {
      if (charset == null || !charset.canEncode()) {
        throw new IllegalArgumentException("charset must be able to encode");
      }
      this.charset = charset;
      return this;
    }

    /**
     * The data the link rules ({@code url_blocked}, {@code url_shortener}, {@code lookalike_domain},
     * {@code url_obfuscated}, {@code url_not_allowed}) screen against; default
     * {@link UrlRules#defaults()}.
     */
    public Builder urlRules(UrlRules urlRules) {
      if (urlRules == null) {
        throw new IllegalArgumentException("urlRules is required (set the link rules OFF instead)");
      }
      this.urlRules = urlRules;
      return this;
    }

    /** The policy. */
    public CompliancePolicy build() {
      return new CompliancePolicy(this);
    }
  }
}
