package io.tqc.relay;

import io.tqc.api.key.VerificationKey;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.ResellerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an operator supplies to {@linkplain Registry#register register} a certified reseller. The
 * relay assigns the certification id and status-list index. Immutable; build with {@link Builder}.
 */
public final class Registration {
  private final ResellerId id;
  private final String name;
  private final List<VerificationKey> keys;
  private final List<String> senderNumbers;
  private final List<String> scope;
  private final String originCode;
  private final Instant certificationExpiresAt;
  private final String reason;

  private Registration(Builder b) {
    if (b.id == null || b.originCode == null) {
      throw new IllegalArgumentException("id and originCode are required");
    }
    this.id = b.id;
    this.name = Reseller.requireText(b.name, "name");
    this.keys = Collections.unmodifiableList(new ArrayList<>(b.keys));
    this.senderNumbers = Collections.unmodifiableList(new ArrayList<>(b.senderNumbers));
    this.scope = Collections.unmodifiableList(new ArrayList<>(b.scope));
    this.originCode = CertificationClaims.normalizeOriginCode(b.originCode);
    this.certificationExpiresAt = b.certificationExpiresAt;
    this.reason = b.reason;
    Reseller.validateKeys(keys);
    Reseller.validateSenderNumbers(senderNumbers);
    if (originCode == null) {
      throw new IllegalArgumentException(CertificationClaims.ORIGIN_CODE_RULE);
    }
    if (certificationExpiresAt != null && !CertificationClaims.isRepresentableTime(certificationExpiresAt)) {
      throw new IllegalArgumentException("certificationExpiresAt must lie between 1970-01-01T00:00:00Z and "
          + CertificationClaims.LATEST_TIME + " (what a token can carry), not " + certificationExpiresAt);
    }
    if (reason != null && reason.length() > Reseller.MAX_TEXT) {
      throw new IllegalArgumentException("reason longer than " + Reseller.MAX_TEXT + " characters");
    }
  }

  /** The reseller id. */
  public ResellerId id() {
    return id;
  }

  /** The reseller's name. */
  public String name() {
    return name;
  }

  /** The public keys to register. */
  public List<VerificationKey> keys() {
    return keys;
  }

  /** The pre-registered sender numbers. */
  public List<String> senderNumbers() {
    return senderNumbers;
  }

  /** The scope its tokens grant. */
  public List<String> scope() {
    return scope;
  }

  /** The first-sender identification code. */
  public String originCode() {
    return originCode;
  }

  /** When the certification ends, or {@code null} for the relay's default validity. */
  public Instant certificationExpiresAt() {
    return certificationExpiresAt;
  }

  /** Why the reseller is registered (recorded in the history), or {@code null}. */
  public String reason() {
    return reason;
  }

  /** Builds a {@link Registration}. */
  public static final class Builder {
    private ResellerId id;
    private String name;
    private final List<VerificationKey> keys = new ArrayList<>();
    private List<String> senderNumbers = new ArrayList<>();
    private List<String> scope = Collections.singletonList(CertificationClaims.SCOPE_ADVERTISING);
    private String originCode;
    private Instant certificationExpiresAt;
    private String reason;

    /** The reseller id (required). */
    public Builder id(ResellerId id) {
      this.id = id;
      return this;
    }

    /** The reseller's name (required, 1-256 characters). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Adds a public key (at least one, at most 8). */
    public Builder addKey(VerificationKey key) {
      this.keys.add(key);
      return this;
    }

    /** The pre-registered sender numbers (required: 1-100 numbers of 8-11 digits). */
    public Builder senderNumbers(List<String> senderNumbers) {
      this.senderNumbers = new ArrayList<>(senderNumbers);
      return this;
    }

    /** The scope its tokens grant; default {@code ["advertising"]}. */
    public Builder scope(List<String> scope) {
      this.scope = new ArrayList<>(scope);
      return this;
    }

    /**
     * The first-sender identification code (최초 발신자 식별코드, required): the reseller's 9-digit
     * registration number (등록번호); {@code -} and spaces are removed (see
     * {@link CertificationClaims#normalizeOriginCode}).
     */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    /**
     * When the certification ends; default: the relay's configured validity from now. At most
     * {@link CertificationClaims#LATEST_TIME} (9999-12-31T23:59:59Z), the latest time a token can carry.
     */
    public Builder certificationExpiresAt(Instant certificationExpiresAt) {
      this.certificationExpiresAt = certificationExpiresAt;
      return this;
    }

    /** Why the reseller is registered (optional, recorded in the history). */
    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the first invalid field. */
    public Registration build() {
      return new Registration(this);
    }
  }
}
