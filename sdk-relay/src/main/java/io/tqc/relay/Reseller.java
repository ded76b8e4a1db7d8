package io.tqc.relay;

import io.tqc.api.key.VerificationKey;
import io.tqc.api.status.CertificationStatus;
import io.tqc.api.token.CertificationClaims;
import io.tqc.api.token.ResellerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * A reseller's registry record as the relay holds it: identity, registered keys and sender numbers,
 * its certification (id, end, status-list index) and the certification's current status with the
 * {@linkplain #sequence() sequence number} of the last change. Immutable; derive a changed copy with
 * {@link #newBuilder()}.
 */
public final class Reseller {
  /** Most public keys one reseller may register. */
  public static final int MAX_KEYS = 8;
  /** Most sender numbers one reseller may register (the token's cap). */
  public static final int MAX_SENDER_NUMBERS = 100;
  /** Longest name, reason or actor text accepted. */
  public static final int MAX_TEXT = 256;

  private final ResellerId id;
  private final String name;
  private final List<VerificationKey> keys;
  private final List<String> senderNumbers;
  private final List<String> scope;
  private final String originCode;
  private final String certificationId;
  private final Instant certificationExpiresAt;
  private final int statusListIndex;
  private final CertificationStatus status;
  private final String statusReason;
  private final long sequence;
  private final Instant registeredAt;

  private Reseller(Builder b) {
    this.id = require(b.id, "id");
    this.name = requireText(b.name, "name");
    this.keys = Collections.unmodifiableList(new ArrayList<>(b.keys));
    this.senderNumbers = Collections.unmodifiableList(new ArrayList<>(b.senderNumbers));
    this.scope = Collections.unmodifiableList(new ArrayList<>(b.scope));
    this.originCode = CertificationClaims.normalizeOriginCode(require(b.originCode, "originCode"));
    this.certificationId = require(b.certificationId, "certificationId");
    this.certificationExpiresAt = Instant.ofEpochSecond(require(b.certificationExpiresAt, "certificationExpiresAt")
        .getEpochSecond());
    this.statusListIndex = b.statusListIndex;
    this.status = require(b.status, "status");
    this.statusReason = b.statusReason;
    this.sequence = b.sequence;
    this.registeredAt = require(b.registeredAt, "registeredAt");
    validateKeys(keys);
    validateSenderNumbers(senderNumbers);
    if (originCode == null) {
      throw new IllegalArgumentException(CertificationClaims.ORIGIN_CODE_RULE);
    }
    if (!CertificationClaims.isValidCertificationId(certificationId)) {
      throw new IllegalArgumentException("certificationId must be 1-64 characters of [A-Za-z0-9._:-]");
    }
    if (scope.size() > 8) {
      throw new IllegalArgumentException("scope holds at most 8 values");
    }
    if (statusListIndex < 0) {
      throw new IllegalArgumentException("statusListIndex must be >= 0");
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1");
    }
    if (statusReason != null && statusReason.length() > MAX_TEXT) {
      throw new IllegalArgumentException("statusReason longer than " + MAX_TEXT + " characters");
    }
  }

  static void validateKeys(List<VerificationKey> keys) {
    if (keys.isEmpty() || keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException("a reseller needs 1-" + MAX_KEYS + " public keys");
    }
    HashSet<String> thumbprints = new HashSet<>();
    for (VerificationKey key : keys) {
      if (!thumbprints.add(key.thumbprint())) {
        throw new IllegalArgumentException("the same public key is registered twice");
      }
    }
  }

  static void validateSenderNumbers(List<String> numbers) {
    if (numbers.isEmpty() || numbers.size() > MAX_SENDER_NUMBERS) {
      throw new IllegalArgumentException("a reseller needs 1-" + MAX_SENDER_NUMBERS + " sender numbers");
    }
    HashSet<String> seen = new HashSet<>();
    for (String number : numbers) {
      if (number == null || number.length() < 8 || number.length() > 11 || !digits(number)) {
        throw new IllegalArgumentException("sender numbers are 8-11 digits, digits only");
      }
      if (!seen.add(number)) {
        throw new IllegalArgumentException("sender number " + number + " is listed twice");
      }
    }
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  static String requireText(String value, String name) {
    if (value == null || value.trim().isEmpty() || value.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " must be 1-" + MAX_TEXT + " characters");
    }
    return value;
  }

  /** The reseller id (business registration number). */
  public ResellerId id() {
    return id;
  }

  /** The reseller's name. */
  public String name() {
    return name;
  }

  /** The registered public keys (client assertions and batch proofs must be signed by one). */
  public List<VerificationKey> keys() {
    return keys;
  }

  /** The pre-registered sender numbers (caller ids), digits only. */
  public List<String> senderNumbers() {
    return senderNumbers;
  }

  /** The scope its tokens grant (normally {@code ["advertising"]}). */
  public List<String> scope() {
    return scope;
  }

  /** The first-sender identification code (최초 발신자 식별코드). */
  public String originCode() {
    return originCode;
  }

  /** The certification id assigned at registration. */
  public String certificationId() {
    return certificationId;
  }

  /** When the certification ends. */
  public Instant certificationExpiresAt() {
    return certificationExpiresAt;
  }

  /** The certification's index across the relay's status lists. */
  public int statusListIndex() {
    return statusListIndex;
  }

  /** The certification's current status. */
  public CertificationStatus status() {
    return status;
  }

  /** The reason given with the last status change, or {@code null}. */
  public String statusReason() {
    return statusReason;
  }

  /** Increases with every change to this record; signed statuses carry it as {@code seq}. */
  public long sequence() {
    return sequence;
  }

  /** When the reseller was registered. */
  public Instant registeredAt() {
    return registeredAt;
  }

  /** A builder holding this record, to derive a changed copy. */
  public Builder newBuilder() {
    return new Builder().id(id).name(name).keys(keys).senderNumbers(senderNumbers).scope(scope)
        .originCode(originCode).certificationId(certificationId).certificationExpiresAt(certificationExpiresAt)
        .statusListIndex(statusListIndex).status(status).statusReason(statusReason).sequence(sequence)
        .registeredAt(registeredAt);
  }

  @Override
  public String toString() {
    return "Reseller{" + id + ", cert=" + certificationId + ", " + status + ", seq=" + sequence + "}";
  }

  /** Builds a {@link Reseller}; used by the registry and by {@link io.tqc.relay.store.RelayStore} implementations. */
  public static final class Builder {
    private ResellerId id;
    private String name;
    private List<VerificationKey> keys = new ArrayList<>();
    private List<String> senderNumbers = new ArrayList<>();
    private List<String> scope = Collections.singletonList(CertificationClaims.SCOPE_ADVERTISING);
    private String originCode;
    private String certificationId;
    private Instant certificationExpiresAt;
    private int statusListIndex;
    private CertificationStatus status;
    private String statusReason;
    private long sequence;
    private Instant registeredAt;

    /** The reseller id. */
    public Builder id(ResellerId id) {
      this.id = id;
      return this;
    }

    /** The reseller's name, 1-256 characters. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The registered public keys, 1-8 distinct keys. */
    public Builder keys(List<VerificationKey> keys) {
      this.keys = new ArrayList<>(keys);
      return this;
    }

    /** The pre-registered sender numbers, 1-100 distinct numbers of 8-11 digits. */
    public Builder senderNumbers(List<String> senderNumbers) {
      this.senderNumbers = new ArrayList<>(senderNumbers);
      return this;
    }

    /** The scope its tokens grant; default {@code ["advertising"]}. */
    public Builder scope(List<String> scope) {
      this.scope = new ArrayList<>(scope);
      return this;
    }

    /** The first-sender identification code: 9 digits, {@code -} and spaces removed. */
    public Builder originCode(String originCode) {
      this.originCode = originCode;
      return this;
    }

    /** The certification id. */
    public Builder certificationId(String certificationId) {
      this.certificationId = certificationId;
      return this;
    }

    /** When the certification ends (whole seconds). */
    public Builder certificationExpiresAt(Instant certificationExpiresAt) {
      this.certificationExpiresAt = certificationExpiresAt;
      return this;
    }

    /** The status-list index. */
    public Builder statusListIndex(int statusListIndex) {
      this.statusListIndex = statusListIndex;
      return this;
    }

    /** The current status. */
    public Builder status(CertificationStatus status) {
      this.status = status;
      return this;
    }

    /** The reason of the last status change, or {@code null}. */
    public Builder statusReason(String statusReason) {
      this.statusReason = statusReason;
      return this;
    }

    /** The sequence number of the last change (>= 1). */
    public Builder sequence(long sequence) {
      this.sequence = sequence;
      return this;
    }

    /** When the reseller was registered. */
    public Builder registeredAt(Instant registeredAt) {
      this.registeredAt = registeredAt;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the first invalid field. */
    public Reseller build() {
      return new Reseller(this);
    }
  }
}
